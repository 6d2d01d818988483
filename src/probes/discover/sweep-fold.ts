/**
 * The kernel sweep's bookkeeping as a pure fold: what happened goes in (an address asked, an
 * answer heard, the table read, a retry's result, time passing), the new state and what to do
 * next come out (a sighting to report, the addresses to ask again, the batch is done). No
 * clock, no I/O: kernel.ts reads the world through its port and feeds this, the way mtr's
 * packet loop hands what `receive_replies` read to `check_probe_timeouts`. Times are the
 * port's monotonic milliseconds (`at`) and epoch milliseconds for the sightings (`epoch`).
 *
 * One batch at a time: its addresses are asked (the kernel sends one ARP request each), and
 * the batch waits for the unanswered ones. After a grace measured from the answers so far
 * (graceMs: three times the slowest, within bounds) the addresses still unanswered are asked
 * once more, by us (`ask-again`, with arping) where that is possible and few enough. Too
 * many to ask ourselves (a sparse prefix), the batch waits for the kernel's own retry (one
 * retrans_time after its first ask) only when frames were lost meanwhile (`drops`). The batch
 * ends when every address has answered or had its retry: the slowest host's answer plus one
 * retry for losses, not a whole retrans_time after the last ask.
 */
import type { NeighbourRecord } from '../../parse/ip-neigh.js';
import { prefixContains, type Prefix4 } from '../../net/prefix.js';
import { graceMs, isValidState, stateProves } from './pacing.js';
import type { Sighting, SightingVia } from './types.js';

/** What the kernel's own retry costs us: its next ask of the last address, and a margin. */
export const RETRY_MARGIN_MS = 100;
/**
 * Asked again by us at most this many at once (one batch, one process tree): each address
 * is still an arping process, and past this many their start costs more than the kernel's
 * own retry on a loaded machine.
 */
export const ASK_AGAIN_MAX = 64;

/**
 * A batch's answers are in this long after its last ask at the least (three times the
 * slowest answer when that is longer, the grace at most): frames this machine drops later
 * than that (the duplicate check's arpings and the IPv6 echo's answers are flooded to every
 * port of a busy LAN) were not the batch's answers, and do not call for the kernel's retry.
 */
export const ANSWERS_MIN_MS = 50;

export interface SweepConfig {
  readonly iface: string;
  readonly prefix: Prefix4;
  /** --wait: a fixed grace instead of one measured from the answers. */
  readonly waitMs: number | undefined;
  /** The interface's retrans_time: when the kernel asks an unanswered address again. */
  readonly retransMs: number;
  /** Whether we can ask again ourselves (arping works here); false: the kernel's retry. */
  readonly canAskAgain: boolean;
}

interface Batch {
  /** When the kernel took each of the batch's datagrams (for the RTT), by address. */
  readonly askedAt: ReadonlyMap<string, number>;
  /** Asked and not answered yet. */
  readonly pending: ReadonlySet<string>;
  /** When the last datagram was taken (the batch went out). */
  readonly sentAt: number | null;
  /** Frames this machine dropped while the batch's answers came in ('reading': asked for). */
  readonly lost: number | 'reading' | null;
  /** The retry under way: by us (its addresses not back yet) or by the kernel (until). */
  readonly retry:
    | { readonly by: 'us'; readonly waiting: ReadonlySet<string> }
    | { readonly by: 'kernel'; readonly until: number }
    | null;
}

export interface SweepState {
  readonly config: SweepConfig;
  /** The MAC each address was reported with: a sighting is said once per (address, MAC). */
  readonly seen: ReadonlyMap<string, string>;
  /**
   * IPv4 addresses seen only in states that prove nothing now (see stateProves): the MAC the
   * table held. A proof of one later is news, said again as an answer.
   */
  readonly unproved: ReadonlySet<string>;
  /** Addresses of this sweep asked so far, before this batch (a late answer is ours too). */
  readonly askedBefore: ReadonlySet<string>;
  readonly slowestRttMs: number;
  /** The last new answer (monotonic ms). */
  readonly lastNewAt: number;
  readonly batch: Batch | null;
  /** Addresses asked again by us, over the sweep. */
  readonly askedAgain: number;
  /** Batches that waited for the kernel's retry, and the frames lost that made them. */
  readonly kernelRetries: number;
  readonly lostFrames: number;
}

export type SweepInput =
  /** The kernel took our datagram for `ip` (and sent its ARP request). */
  | { readonly type: 'asked'; readonly ip: string; readonly at: number }
  /** The batch's last datagram went out. */
  | { readonly type: 'sent'; readonly at: number }
  /**
   * The neighbour table announced a valid entry (ip monitor neigh), or an entry our ask
   * created turned complete in the table file (REACHABLE: see SweepRun.watchOpening).
   */
  | {
      readonly type: 'answer';
      readonly ip: string;
      readonly mac: string;
      readonly state: string | null;
      readonly at: number;
      readonly epoch: number;
    }
  /** The table as read now: entries the monitor did not announce count too. */
  | {
      readonly type: 'table';
      readonly records: readonly NeighbourRecord[];
      readonly epoch: number;
    }
  /** One address asked again by us came back, with the MACs that answered (maybe none). */
  | {
      readonly type: 'asked-again';
      readonly ip: string;
      readonly macs: readonly string[];
      readonly at: number;
      readonly epoch: number;
    }
  /** Frames this machine dropped during the batch (read once its grace has passed). */
  | { readonly type: 'drops'; readonly lost: number; readonly at: number }
  /** Asking again ourselves turned out impossible (no arping, no capability). */
  | { readonly type: 'cannot-ask-again'; readonly at: number }
  /** Time passed: check the batch's deadlines. */
  | { readonly type: 'tick'; readonly at: number };

export type SweepAction =
  | { readonly type: 'sighting'; readonly sighting: Sighting }
  /** Ask these unanswered addresses once more, ourselves. */
  | { readonly type: 'ask-again'; readonly ips: readonly string[]; readonly windowMs: number }
  /** Read how many frames this machine dropped since the batch began (then `drops`). */
  | { readonly type: 'read-drops' }
  /** Every address of the batch answered or had its retry. */
  | { readonly type: 'batch-done' };

export interface Step {
  readonly state: SweepState;
  readonly actions: readonly SweepAction[];
}

export function initialSweep(config: SweepConfig): SweepState {
  return {
    config,
    seen: new Map(),
    unproved: new Set(),
    askedBefore: new Set(),
    slowestRttMs: 0,
    lastNewAt: 0,
    batch: null,
    askedAgain: 0,
    kernelRetries: 0,
    lostFrames: 0,
  };
}

/** A new batch begins (the previous one's addresses join those asked before). */
export function beginBatch(s: SweepState): SweepState {
  const askedBefore = s.batch
    ? new Set([...s.askedBefore, ...s.batch.askedAt.keys()])
    : s.askedBefore;
  return {
    ...s,
    askedBefore,
    batch: { askedAt: new Map(), pending: new Set(), sentAt: null, lost: null, retry: null },
  };
}

/** Sightings said before (this host itself, the table at the start): they are not news. */
export function said(s: SweepState, sightings: readonly Sighting[]): SweepState {
  let seen: Map<string, string> | null = null;
  for (const x of sightings) {
    if (x.mac === null || s.seen.get(x.ip) === x.mac) continue;
    seen ??= new Map(s.seen);
    seen.set(x.ip, x.mac);
  }
  return seen === null ? s : { ...s, seen };
}

/** The grace a batch gives its answers now. */
export function currentGrace(s: SweepState): number {
  return graceMs(s.slowestRttMs > 0 ? [s.slowestRttMs] : [], s.config.waitMs);
}

/** When the batch's answers are in (its drops are read then), or null before it went out. */
export function answersInAt(s: SweepState): number | null {
  const sentAt = s.batch?.sentAt ?? null;
  if (sentAt === null) return null;
  const grace = currentGrace(s);
  return sentAt + Math.min(grace, Math.max(ANSWERS_MIN_MS, 3 * s.slowestRttMs));
}

/** When the fold next needs a tick, if nothing else happens first (monotonic ms). */
export function nextDeadline(s: SweepState): number | null {
  const b = s.batch;
  if (b === null || b.sentAt === null || b.pending.size === 0) return null;
  const graceEnd = Math.max(s.lastNewAt, b.sentAt) + currentGrace(s);
  if (b.lost === null) return Math.min(answersInAt(s) ?? graceEnd, graceEnd);
  if (b.retry === null) return graceEnd;
  if (b.retry.by === 'kernel') return b.retry.until;
  return null; // waiting for our own asks to come back
}

export function foldSweep(s: SweepState, input: SweepInput): Step {
  switch (input.type) {
    case 'asked': {
      const b = s.batch;
      if (b === null) return { state: s, actions: [] };
      const answered = s.seen.has(input.ip);
      return {
        state: {
          ...s,
          batch: {
            ...b,
            askedAt: withEntry(b.askedAt, input.ip, input.at),
            pending: answered ? b.pending : withMember(b.pending, input.ip),
          },
        },
        actions: [],
      };
    }
    case 'sent':
      return s.batch === null
        ? { state: s, actions: [] }
        : settle({ ...s, batch: { ...s.batch, sentAt: input.at } }, input.at, []);
    case 'answer':
      return answer(s, input.ip, input.mac, input.state, input.at, input.epoch, null);
    case 'table':
      return table(s, input.records, input.epoch);
    case 'asked-again': {
      let step: Step = { state: s, actions: [] };
      for (const mac of input.macs) {
        const next = answer(step.state, input.ip, mac, null, input.at, input.epoch, 'arping');
        step = { state: next.state, actions: [...step.actions, ...next.actions] };
      }
      const b = step.state.batch;
      if (b?.retry?.by !== 'us') return step;
      const waiting = without(b.retry.waiting, input.ip);
      return settle(
        { ...step.state, batch: { ...b, retry: { by: 'us', waiting } } },
        input.at,
        step.actions,
      );
    }
    case 'drops':
      return s.batch === null
        ? { state: s, actions: [] }
        : settle({ ...s, batch: { ...s.batch, lost: input.lost } }, input.at, []);
    case 'cannot-ask-again': {
      const config = { ...s.config, canAskAgain: false };
      const b = s.batch;
      // Whatever we meant to ask again goes to the kernel's retry instead.
      if (b?.retry?.by !== 'us') return { state: { ...s, config }, actions: [] };
      return settle({ ...s, config, batch: { ...b, retry: null } }, input.at, []);
    }
    case 'tick':
      return settle(s, input.at, []);
  }
}

/** An answer for `ip`: a sighting when it is news, and the batch one address closer to done. */
function answer(
  s: SweepState,
  ip: string,
  mac: string,
  state: string | null,
  at: number,
  epoch: number,
  via: SightingVia | null,
): Step {
  const { iface, prefix } = s.config;
  const v6 = ip.includes(':');
  if (!v6 && !prefixContains(prefix, ip)) return { state: s, actions: [] };
  const known = s.seen.get(ip);
  const proves = v6 || via === 'arping' || stateProves(state);
  // Said before, unless this proves what was only the table's word. An entry that proves
  // nothing ends the wait for its address all the same: the kernel will not ask it within
  // the sweep; the duplicate check's arping, fed every sighting, is what proves it.
  if (known === mac && !(proves && s.unproved.has(ip))) return { state: s, actions: [] };
  const b = s.batch;
  const askedAt = v6 ? undefined : b?.askedAt.get(ip);
  const ours = proves && (askedAt !== undefined || (!v6 && s.askedBefore.has(ip)));
  const rttMs =
    askedAt === undefined || via === 'arping' || !proves ? null : Math.max(0.01, at - askedAt);
  const sighting: Sighting = {
    iface,
    ip,
    mac,
    rttMs,
    at: epoch,
    via: via ?? (v6 ? 'ndp' : ours ? 'sweep' : 'table'),
    state,
  };
  const isNew = proves && (known === undefined || s.unproved.has(ip));
  const next: SweepState = {
    ...s,
    seen: withEntry(s.seen, ip, mac),
    unproved: v6 ? s.unproved : proves ? without(s.unproved, ip) : withMember(s.unproved, ip),
    slowestRttMs: isNew && rttMs !== null ? Math.max(s.slowestRttMs, rttMs) : s.slowestRttMs,
    lastNewAt: isNew ? at : s.lastNewAt,
    batch: b && b.pending.has(ip) ? { ...b, pending: without(b.pending, ip) } : b,
  };
  return settle(next, at, [{ type: 'sighting', sighting }]);
}

/** The table read after a batch: valid entries nobody announced are sightings too. */
function table(s: SweepState, records: readonly NeighbourRecord[], epoch: number): Step {
  const { iface, prefix } = s.config;
  let step: Step = { state: s, actions: [] };
  for (const n of records) {
    if (n.dev !== iface || n.lladdr === null || !isValidState(n.states)) continue;
    if (n.family !== 'inet' || !prefixContains(prefix, n.dst)) continue;
    const cur = step.state;
    const proves = n.states.some(stateProves);
    const upgrade = proves && cur.unproved.has(n.dst);
    if (cur.seen.has(n.dst) && !cur.batch?.pending.has(n.dst) && !upgrade) continue;
    const ours = cur.batch?.askedAt.has(n.dst) === true || cur.askedBefore.has(n.dst);
    const sighting: Sighting = {
      iface,
      ip: n.dst,
      mac: n.lladdr,
      rttMs: null,
      at: epoch,
      via: ours && proves ? 'sweep' : 'table',
      state: n.states[0] ?? null,
    };
    const b = cur.batch;
    step = {
      state: {
        ...cur,
        seen: withEntry(cur.seen, n.dst, n.lladdr),
        unproved: proves ? without(cur.unproved, n.dst) : withMember(cur.unproved, n.dst),
        batch: b && b.pending.has(n.dst) ? { ...b, pending: without(b.pending, n.dst) } : b,
      },
      actions: [...step.actions, { type: 'sighting', sighting }],
    };
  }
  return step;
}

/**
 * check_probe_timeouts: the batch is done when nothing is pending (or its retry has run);
 * else, once its grace has passed, the unanswered are asked again.
 */
function settle(s0: SweepState, at: number, actions0: readonly SweepAction[]): Step {
  const b0 = s0.batch;
  if (b0 === null || b0.sentAt === null) return { state: s0, actions: actions0 };
  const sentAt = b0.sentAt;
  // The batch's answers are in: how many frames were lost meanwhile is read now.
  const answersIn = answersInAt(s0);
  const readNow = b0.pending.size > 0 && b0.lost === null && answersIn !== null && at >= answersIn;
  const b: Batch = readNow ? { ...b0, lost: 'reading' } : b0;
  const s: SweepState = readNow ? { ...s0, batch: b } : s0;
  const actions: readonly SweepAction[] = readNow
    ? [...actions0, { type: 'read-drops' }]
    : actions0;
  const done = (): Step => ({
    state: { ...s, batch: { ...b, pending: new Set(), retry: null, sentAt: null, lost: null } },
    actions: [...actions, { type: 'batch-done' }],
  });
  if (b.pending.size === 0) return done();
  if (b.retry === null) {
    const grace = currentGrace(s);
    if (at - Math.max(s.lastNewAt, sentAt) < grace) return { state: s, actions };
    if (s.config.canAskAgain && b.pending.size <= ASK_AGAIN_MAX) {
      const ips = [...b.pending];
      return {
        state: {
          ...s,
          askedAgain: s.askedAgain + ips.length,
          batch: { ...b, retry: { by: 'us', waiting: new Set(ips) } },
        },
        actions: [...actions, { type: 'ask-again', ips, windowMs: grace }],
      };
    }
    // Too many to ask ourselves: the kernel's retry, when frames were lost meanwhile.
    if (b.lost === null) {
      return {
        state: { ...s, batch: { ...b, lost: 'reading' } },
        actions: [...actions, { type: 'read-drops' }],
      };
    }
    if (b.lost === 'reading') return { state: s, actions };
    if (b.lost === 0) return done();
    const waiting = kernelRetry({ ...s, lostFrames: s.lostFrames + b.lost }, b);
    return at >= (waiting.batch?.retry as { until: number }).until
      ? done()
      : { state: waiting, actions };
  }
  if (b.retry.by === 'us') return b.retry.waiting.size === 0 ? done() : { state: s, actions };
  return at >= b.retry.until ? done() : { state: s, actions };
}

/** The kernel asks each unanswered address again one retrans_time after it first did. */
function kernelRetry(s: SweepState, b: Batch): SweepState {
  let lastAsked = 0;
  for (const ip of b.pending) lastAsked = Math.max(lastAsked, b.askedAt.get(ip) ?? 0);
  const until = lastAsked + s.config.retransMs + RETRY_MARGIN_MS;
  return {
    ...s,
    kernelRetries: s.kernelRetries + 1,
    batch: { ...b, retry: { by: 'kernel', until } },
  };
}

function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  if (map.get(key) === value) return map;
  const next = new Map(map);
  next.set(key, value);
  return next;
}
function withMember<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  if (set.has(value)) return set;
  return new Set(set).add(value);
}
function without<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  if (!set.has(value)) return set;
  const next = new Set(set);
  next.delete(value);
  return next;
}
