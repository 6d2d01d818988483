/** Reads a snapshot file back, refusing corrupt or foreign files with a one-line reason. */
import { readUserFile } from '../system/files.js';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  snapshotSchema,
  type Snapshot,
} from './types.js';

export class SnapshotInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotInvalid';
  }
}

/** Validates parsed JSON as a snapshot; `origin` names it in errors. */
export function parseSnapshotText(text: string, origin: string): Snapshot {
  let json: unknown;
  try {
    // A file saved by a Windows editor starts with a byte order mark; JSON.parse refuses it.
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    throw new SnapshotInvalid(`${origin} is not a netdoctor snapshot: not valid JSON`);
  }
  if (
    !json ||
    typeof json !== 'object' ||
    (json as { format?: unknown }).format !== SNAPSHOT_FORMAT
  ) {
    throw new SnapshotInvalid(
      `${origin} is not a netdoctor snapshot: no "format": "${SNAPSHOT_FORMAT}" field`,
    );
  }
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotInvalid(
      `${origin} is snapshot format ${version}; this netdoctor reads up to ${SNAPSHOT_FORMAT_VERSION}: upgrade netdoctor`,
    );
  }
  const result = snapshotSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'top level';
    throw new SnapshotInvalid(
      `${origin} is a damaged snapshot: ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  // takenAt is shown as when the snapshot was taken: it must be a real moment.
  if (Number.isNaN(Date.parse(result.data.takenAt))) {
    throw new SnapshotInvalid(
      `${origin} is a damaged snapshot: takenAt: not a date: ${JSON.stringify(result.data.takenAt).slice(0, 60)}`,
    );
  }
  return result.data;
}

export async function loadSnapshotFile(path: string): Promise<Snapshot> {
  return parseSnapshotText(await readUserFile(path), path);
}
