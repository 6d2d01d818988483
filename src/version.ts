/** netdoctor's version, from package.json (kept in one place; the bundle carries it in). */
import pkg from '../package.json' with { type: 'json' };

export const NETDOCTOR_VERSION: string = pkg.version;
