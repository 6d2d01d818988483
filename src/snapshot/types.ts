/**
 * A Snapshot is raw: the exact texts that the sources printed, keyed by the command line
 * or file path, plus when and where it was taken. Parsing happens on load, so a snapshot
 * taken on a router can be mailed and diagnosed elsewhere, and re-read by a newer netdoctor.
 */
import { z } from 'zod';
import { SNAPSHOT_FORMAT } from './format.js';

export { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from './format.js';

export const sourceRecordSchema = z.object({
  kind: z.enum(['command', 'file']),
  /** For commands: the exit code, null when it did not run or died by a signal. */
  exitCode: z.number().int().nullable(),
  /** What the command printed on stdout, or the file's contents. */
  stdout: z.string(),
  stderr: z.string(),
  /** Why the source gave nothing: 'not-installed', 'timeout', 'ENOENT', ... */
  error: z.string().optional(),
  /** The executable that ran. */
  resolved: z.string().nullable().optional(),
});

export const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  formatVersion: z.number().int().positive(),
  netdoctorVersion: z.string(),
  takenAt: z.string(),
  host: z.object({
    hostname: z.string(),
    kernel: z.string(),
    uid: z.number().int().nullable(),
    /** The named network namespace it was taken in (`ip netns identify`), if any. */
    netns: z.string().optional(),
  }),
  sources: z.record(z.string(), sourceRecordSchema),
});

export type SourceRecord = z.infer<typeof sourceRecordSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;
