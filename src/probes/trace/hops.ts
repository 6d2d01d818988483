/** Per-TTL statistics as answers come in: mtr's columns, kept as running sums. */
import type { HopStats, ProbeOutcome } from './types.js';

export interface HopAccumulator {
  readonly ttl: number;
  sent: number;
  received: number;
  lost: number;
  last: number | null;
  sum: number;
  best: number | null;
  worst: number | null;
  jitterSum: number;
  jitterCount: number;
  addresses: Map<string, number>;
  unreachable: { words: string; code: string } | null;
  isDestination: boolean;
  name: string | null;
}

export function newHop(ttl: number): HopAccumulator {
  return {
    ttl,
    sent: 0,
    received: 0,
    lost: 0,
    last: null,
    sum: 0,
    best: null,
    worst: null,
    jitterSum: 0,
    jitterCount: 0,
    addresses: new Map(),
    unreachable: null,
    isDestination: false,
    name: null,
  };
}

/** Counts an answer with an address and a time (ttl-expired, reply, unreachable). */
export function addAnswer(hop: HopAccumulator, outcome: ProbeOutcome): void {
  if (outcome.kind === 'no-reply' || outcome.kind === 'error') return;
  const rtt = outcome.rttMs;
  hop.received += 1;
  if (hop.last !== null) {
    hop.jitterSum += Math.abs(rtt - hop.last);
    hop.jitterCount += 1;
  }
  hop.last = rtt;
  hop.sum += rtt;
  hop.best = hop.best === null ? rtt : Math.min(hop.best, rtt);
  hop.worst = hop.worst === null ? rtt : Math.max(hop.worst, rtt);
  hop.addresses.set(outcome.address, (hop.addresses.get(outcome.address) ?? 0) + 1);
  if (outcome.kind === 'reply') hop.isDestination = true;
  if (outcome.kind === 'unreachable') {
    hop.unreachable = { words: outcome.words, code: outcome.code };
  }
}

/** An immutable view for snapshots. `inFlight`: probes of this TTL still awaited. */
export function hopStats(hop: HopAccumulator, inFlight: number): HopStats {
  const done = hop.sent - inFlight;
  const addresses = [...hop.addresses]
    .map(([address, count]) => ({ address, count }))
    .sort((a, b) => b.count - a.count);
  return {
    ttl: hop.ttl,
    sent: hop.sent,
    received: hop.received,
    lost: hop.lost,
    lossPct: done <= 0 ? 0 : (100 * Math.max(0, done - hop.received)) / done,
    lastMs: hop.last,
    avgMs: hop.received === 0 ? null : hop.sum / hop.received,
    bestMs: hop.best,
    worstMs: hop.worst,
    jitterMs: hop.jitterCount === 0 ? null : hop.jitterSum / hop.jitterCount,
    addresses,
    unreachable: hop.unreachable,
    isDestination: hop.isDestination,
    name: hop.name,
  };
}
