/** Records a snapshot is made of, built the same way by the local and the remote collector. */
import type { SourceRecord } from './types.js';

/** A directory's record: the names read from it, one a line, or why it could not be listed. */
export function listingRecord(names: readonly string[], error: string | undefined): SourceRecord {
  return {
    kind: 'file',
    exitCode: error === undefined ? 0 : null,
    stdout: names.map((n) => `${n}\n`).join(''),
    stderr: '',
    ...(error !== undefined ? { error } : {}),
  };
}
