/**
 * Reads every host of a path question, a bounded number at a time, and keeps only each
 * host's parsed state (the raw snapshot goes as soon as it is parsed, so memory follows the
 * states, not the texts). A host that fails is kept with its reason in one line; the walk
 * goes on with the others. Pure apart from the reader it is given.
 */
import type { Snapshot } from '../snapshot/types.js';
import { buildHostState } from '../state/host-state.js';
import type { PathHost } from './types.js';

/** Turns one host (a target, a file) into its raw snapshot, or throws why not. */
export type SnapshotReader<T> = (target: T) => Promise<Snapshot>;

export interface CollectProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

export interface CollectOptions {
  /** How many reads run at once. */
  readonly concurrency: number;
  readonly onProgress?: (p: CollectProgress) => void;
}

/** An error as one line: its message's first line, never a stack. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').find((l) => l.trim() !== '') ?? 'failed').trim();
}

export async function collectHosts<T>(
  targets: readonly T[],
  nameOf: (t: T) => string,
  read: SnapshotReader<T>,
  opts: CollectOptions,
): Promise<PathHost[]> {
  const out: PathHost[] = new Array<PathHost>(targets.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const target = targets[i] as T;
      const name = nameOf(target);
      try {
        out[i] = { name, state: buildHostState(await read(target)), error: null };
      } catch (err) {
        failed++;
        out[i] = { name, state: null, error: oneLine(err) };
      }
      done++;
      opts.onProgress?.({ done, total: targets.length, failed });
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency, targets.length));
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}
