/**
 * Parses one line of `ip monitor neigh [dev IF]`: a change of the neighbour table as the
 * kernel announces it, e.g. `203.0.113.10 lladdr b8:27:eb:00:00:10 REACHABLE` or
 * `Deleted 203.0.113.9 dev lan0 FAILED`. (iproute2 6.1 prints these as text even with -j.)
 */
export interface NeighbourChange {
  readonly deleted: boolean;
  readonly dst: string;
  readonly dev: string | null;
  readonly lladdr: string | null;
  readonly states: readonly string[];
  readonly router: boolean;
}

const STATES = new Set([
  'REACHABLE',
  'STALE',
  'DELAY',
  'PROBE',
  'INCOMPLETE',
  'FAILED',
  'PERMANENT',
  'NOARP',
  'NONE',
]);

/** A change, a reason the line is not one, or null for a blank line. */
export function parseMonitorLine(line: string): NeighbourChange | string | null {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  let deleted = false;
  if (words[0] === 'Deleted') {
    deleted = true;
    words.shift();
  }
  const dst = words.shift();
  if (dst === undefined || !/^[0-9a-f.:]+$/i.test(dst) || !/[.:]/.test(dst)) {
    return `not a neighbour line: ${line.trim().slice(0, 80)}`;
  }
  let dev: string | null = null;
  let lladdr: string | null = null;
  let router = false;
  const states: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w === 'dev') dev = words[++i] ?? null;
    else if (w === 'lladdr') lladdr = (words[++i] ?? '').toLowerCase() || null;
    else if (w === 'router') router = true;
    else if (STATES.has(w)) states.push(w);
  }
  return { deleted, dst, dev, lladdr, states, router };
}
