/**
 * Where `netdoctor path` gets its hosts: a folder of snapshot files (`--snapshots DIR`),
 * `--ssh` targets and `--inventory FILE`; read a bounded number at a time with a progress
 * line on stderr. Every mistake in what was typed is a UsageError (one line, exit 2); a
 * host that cannot be read is kept with its reason and the walk goes on.
 */
import { join } from 'node:path';
import { collectHosts, type CollectProgress, type SnapshotReader } from '../path/collect.js';
import { parseInventory, parseTarget, TargetInvalid, type HostTarget } from '../path/targets.js';
import type { PathHost } from '../path/types.js';
import { loadSnapshotFile } from '../snapshot/load.js';
import { readDirectory, readUserFile } from '../system/files.js';
import { safeText } from '../text/safe.js';
import { UsageError, type CliIo } from './context.js';

export interface PathHostOptions {
  readonly snapshots?: string;
  readonly ssh?: readonly string[];
  readonly inventory?: string;
  readonly concurrency?: string;
}

/** How many hosts are read at once unless --concurrency says. */
export const DEFAULT_CONCURRENCY = 16;

/** `r1.json` and `r1.snapshot.json` are both host r1. */
export function snapshotHostName(file: string): string {
  return file.replace(/\.snapshot\.json$|\.json$/, '');
}

async function snapshotFiles(dir: string): Promise<{ name: string; path: string }[]> {
  const listing = await readDirectory(dir);
  if (listing.error) {
    const why =
      listing.error === 'ENOENT'
        ? 'no such directory'
        : listing.error === 'ENOTDIR'
          ? 'not a directory'
          : listing.error;
    throw new UsageError(`--snapshots ${dir}: ${why}`);
  }
  const files = listing.names.filter((n) => n.endsWith('.json')).sort();
  if (files.length === 0) {
    throw new UsageError(
      `--snapshots ${dir}: no .json file in it (take them with netdoctor snapshot -o HOST.json)`,
    );
  }
  return files.map((f) => ({ name: snapshotHostName(f), path: join(dir, f) }));
}

function targetsOf(
  ssh: readonly string[],
  inventory: { text: string; file: string } | null,
): HostTarget[] {
  try {
    const out = ssh.map((t) => parseTarget(t));
    if (inventory !== null)
      out.push(...parseInventory(inventory.text, `--inventory ${inventory.file}`));
    return out;
  } catch (err) {
    if (err instanceof TargetInvalid) throw new UsageError(err.message);
    throw err;
  }
}

function concurrencyOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CONCURRENCY;
  const n = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 256)) throw new UsageError(`--concurrency takes 1 to 256, not '${text}'`);
  return n;
}

/** The progress line: rewritten in place on a terminal, left out otherwise. */
function progressLine(io: CliIo): (p: CollectProgress) => void {
  if (!io.isTTY) return () => undefined;
  return (p) => {
    io.err(`\rreading hosts: ${p.done}/${p.total}${p.failed ? `, ${p.failed} failed` : ''}`);
    if (p.done === p.total) io.err('\n');
  };
}

/**
 * Reads the hosts named on the command line. `sshReader` turns a target into its raw
 * snapshot over ssh; null while this build has no ssh transport.
 */
export async function readPathHosts(
  io: CliIo,
  opts: PathHostOptions,
  sshReader: SnapshotReader<HostTarget> | null,
): Promise<PathHost[]> {
  const concurrency = concurrencyOf(opts.concurrency);
  const ssh = opts.ssh ?? [];
  if (opts.snapshots === undefined && ssh.length === 0 && opts.inventory === undefined) {
    throw new UsageError(
      'path needs hosts: --snapshots DIR, --ssh [USER@]HOST[:PORT] or --inventory FILE',
    );
  }
  const inventory =
    opts.inventory !== undefined
      ? { text: await readUserFile(opts.inventory), file: opts.inventory }
      : null;
  const targets = targetsOf(ssh, inventory);
  const files = opts.snapshots !== undefined ? await snapshotFiles(opts.snapshots) : [];
  if (targets.length > 0 && sshReader === null) {
    throw new UsageError(
      "this netdoctor cannot read hosts over ssh yet: take each host's snapshot there (netdoctor snapshot -o HOST.json) and give the folder with --snapshots DIR",
    );
  }
  const onProgress = progressLine(io);
  const total = files.length + targets.length;
  let base = 0;
  const progress = (p: CollectProgress) => onProgress({ ...p, done: base + p.done, total });
  const fromFiles = await collectHosts(
    files,
    (f) => f.name,
    (f) => loadSnapshotFile(f.path),
    {
      concurrency,
      onProgress: progress,
    },
  );
  base = files.length;
  const fromSsh =
    sshReader && targets.length > 0
      ? await collectHosts(targets, (t) => t.name, sshReader, { concurrency, onProgress: progress })
      : [];
  const hosts = [...fromFiles, ...fromSsh];
  for (const h of hosts)
    if (!h.state)
      io.err(`netdoctor: ${safeText(`${h.name}: could not be read: ${h.error ?? ''}`)}\n`);
  return hosts;
}
