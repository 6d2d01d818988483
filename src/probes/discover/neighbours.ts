/** Reads the kernel's neighbour table, and follows its changes (sends nothing). */
import { runCommand, type CommandOutput } from '../../system/run.js';
import { streamLines } from '../../system/stream.js';
import { parseMonitorLine } from './monitor-line.js';
import { isValidState } from './pacing.js';
import { parseIpNeigh, type NeighbourRecord } from '../../parse/ip-neigh.js';
import { CommandFailed, ToolMissing } from '../../system/errors.js';

/**
 * The argv that reads the whole table of one family, or of both. Not `show dev X`: that form
 * leaves `dev` out of each entry, and the count across every interface is what gc_thresh3
 * limits anyway.
 */
export function neighboursArgv(family: 'inet' | 'inet6' | 'all'): string[] {
  return [
    'ip',
    '-j',
    ...(family === 'inet' ? ['-4'] : family === 'inet6' ? ['-6'] : []),
    'neigh',
    'show',
  ];
}

/** The whole table of one family, or of both. */
export async function readNeighbours(
  family: 'inet' | 'inet6' | 'all',
  signal?: AbortSignal,
): Promise<{ records: NeighbourRecord[]; warnings: string[] }> {
  const argv = neighboursArgv(family);
  const out = await runCommand(argv, { timeoutMs: 5000, ...(signal ? { signal } : {}) });
  return neighboursFrom(out);
}

/** What a run of neighboursArgv said: its entries, or the error it ended with. */
export function neighboursFrom(out: CommandOutput): {
  records: NeighbourRecord[];
  warnings: string[];
} {
  if (out.error === 'not-installed') throw new ToolMissing('ip', 'iproute2');
  if (out.error === 'cancelled') return { records: [], warnings: [] };
  if (out.exitCode !== 0) throw new CommandFailed(out.argv, out.exitCode, out.stderr);
  const parsed = parseIpNeigh(out.stdout, out.argv.join(' '));
  return {
    records: parsed.records,
    warnings: parsed.warnings.map((w) => `${w.source}: ${w.message}`),
  };
}

/**
 * Follows the table's changes (`ip monitor neigh`, every interface) until the signal is
 * aborted: each valid entry with a MAC goes to `onEntry`. Sends nothing. Resolves once the
 * monitor listens; `done` resolves when it has ended and been waited for.
 */
export async function followNeighbours(
  signal: AbortSignal,
  onEntry: (entry: { dev: string; ip: string; mac: string; state: string | null }) => void,
): Promise<{ readonly done: Promise<unknown> }> {
  const monitor = await streamLines(['ip', 'monitor', 'neigh'], {
    signal,
    onLine: (line) => {
      const change = parseMonitorLine(line);
      if (change === null || typeof change === 'string' || change.deleted) return;
      if (change.lladdr === null || change.dev === null || !isValidState(change.states)) return;
      onEntry({
        dev: change.dev,
        ip: change.dst,
        mac: change.lladdr,
        state: change.states[0] ?? null,
      });
    },
  });
  await monitor.started;
  return { done: monitor.done };
}
