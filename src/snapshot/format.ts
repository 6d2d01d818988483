/**
 * What marks a netdoctor snapshot file. Apart from the zod schemas (types.ts), so that taking
 * a snapshot does not build the schemas only loading one needs.
 */
export const SNAPSHOT_FORMAT = 'netdoctor-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;
