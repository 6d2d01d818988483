/** Reads captured fixtures (real tool output) for tests. */
import { readFileSync } from 'node:fs';
import { parseSnapshotText } from '../../src/snapshot/load.js';
import type { Snapshot } from '../../src/snapshot/types.js';

const root = new URL('../fixtures/', import.meta.url);

export function fixture(relativePath: string): string {
  return readFileSync(new URL(relativePath, root), 'utf8');
}

/** The snapshot netdoctor took of the lab router (test/fixtures/capture.sh). */
export function routerSnapshot(): Snapshot {
  return parseSnapshotText(fixture('lab-router/snapshot.json'), 'lab-router/snapshot.json');
}
