/**
 * How fast the kernel backend may go: batch sizes that keep the neighbour table clear of
 * its hard limit, and how long to wait for late answers. Pure, so the numbers are tested.
 */

/**
 * The share of gc_thresh3 the table may reach while we sweep (counting every live entry,
 * ours and everyone's). The quarter left is headroom for real traffic: at gc_thresh3 the
 * kernel refuses new entries, dropping packets ("neighbour table overflow").
 */
const IN_FLIGHT_SHARE = 0.75;
/** Not worth a round below this many free entries: wait for the old ones to fail instead. */
const MIN_BATCH = 16;

/**
 * How many new addresses the next batch may probe. Every probe adds an entry to the
 * neighbour table (INCOMPLETE until answered, FAILED 3 s later); above gc_thresh3 the kernel
 * refuses new entries ("neighbour table overflow") and evicts others, real traffic's too.
 * FAILED entries do not count: forced garbage collection reclaims them first.
 * Returns 0 when the caller should wait for entries to fail before sending more.
 */
export function batchBudget(gcThresh3: number, liveEntries: number, remaining: number): number {
  const ceiling = Math.max(MIN_BATCH, Math.floor(gcThresh3 * IN_FLIGHT_SHARE));
  const free = ceiling - liveEntries;
  if (free < Math.min(MIN_BATCH, remaining)) return 0;
  return Math.min(free, remaining);
}

export const GRACE_MIN_MS = 250;
export const GRACE_MAX_MS = 1500;
const GRACE_RTT_FACTOR = 3;

/**
 * How long a batch waits, after its last new answer, before it is done: three times the
 * slowest answer seen so far, within 250 ms .. 1.5 s (the kernel itself asks again after
 * 1 s). A fixed `waitMs` (--wait) replaces the estimate.
 */
export function graceMs(rttsMs: readonly number[], waitMs?: number): number {
  if (waitMs !== undefined) return waitMs;
  const slowest = rttsMs.reduce((m, r) => Math.max(m, r), 0);
  return Math.min(GRACE_MAX_MS, Math.max(GRACE_MIN_MS, Math.ceil(slowest * GRACE_RTT_FACTOR)));
}

/** Neighbour states that carry a link-layer address someone answered with. */
export const VALID_STATES: ReadonlySet<string> = new Set([
  'REACHABLE',
  'STALE',
  'DELAY',
  'PROBE',
  'PERMANENT',
]);

export function isValidState(states: readonly string[]): boolean {
  return states.some((s) => VALID_STATES.has(s));
}

/**
 * Whether an IPv4 entry in this state proves the host answered now. REACHABLE is the kernel
 * confirming the MAC (an ARP reply). A STALE, DELAY or PROBE entry is a MAC cached earlier
 * that the kernel still uses unconfirmed (our datagram to a STALE entry goes to that MAC with
 * no ARP at all, and the entry sits in DELAY for 5 s): the host may be gone, or the address
 * may have moved to another machine. PERMANENT was typed by someone. None of those is an
 * answer: the sweep says them as sightings 'table', and a watch counts them as no proof.
 */
export function stateProves(state: string | null): boolean {
  return state === 'REACHABLE';
}
