/** Reads the kernel's neighbour table (sends nothing). */
import { runCommand } from '../../system/run.js';
import { parseIpNeigh, type NeighbourRecord } from '../../parse/ip-neigh.js';
import { CommandFailed, ToolMissing } from '../../system/errors.js';

/**
 * The whole table of one family, or of both. Not `show dev X`: that form leaves `dev` out
 * of each entry, and the count across every interface is what gc_thresh3 limits anyway.
 */
export async function readNeighbours(
  family: 'inet' | 'inet6' | 'all',
  signal?: AbortSignal,
): Promise<{ records: NeighbourRecord[]; warnings: string[] }> {
  const argv = [
    'ip',
    '-j',
    ...(family === 'inet' ? ['-4'] : family === 'inet6' ? ['-6'] : []),
    'neigh',
    'show',
  ];
  const out = await runCommand(argv, { timeoutMs: 5000, ...(signal ? { signal } : {}) });
  if (out.error === 'not-installed') throw new ToolMissing('ip', 'iproute2');
  if (out.error === 'cancelled') return { records: [], warnings: [] };
  if (out.exitCode !== 0) throw new CommandFailed(argv, out.exitCode, out.stderr);
  const parsed = parseIpNeigh(out.stdout, argv.join(' '));
  return {
    records: parsed.records,
    warnings: parsed.warnings.map((w) => `${w.source}: ${w.message}`),
  };
}
