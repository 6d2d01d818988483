/**
 * The tracer: our own scheduler over a probe backend (mtr-packet, or traceroute when it is
 * absent). It decides which TTLs to probe, how many probes fly at once, when a probe is lost,
 * rounds, and the per-hop statistics; it owns that state and hands out `snapshot()` for a UI
 * to read on its own tick (as trippy's Tracer::snapshot), while events also stream.
 *
 * Probing starts at TTL 1 and reaches `silentLimit` hops past the last hop that answered, so
 * a path that dies is proved after that many silent hops rather than walking on to 30. A
 * `reply` (the destination) or an `unreachable` (a router refusing) ends the path at its TTL;
 * answers from higher TTLs are then dropped.
 */
import { addAnswer, hopStats, newHop, type HopAccumulator } from './hops.js';
import {
  SYSTEM_CLOCK,
  type Clock,
  type OpenBackend,
  type ProbeOutcome,
  type TraceBackend,
  type TraceConfig,
  type TraceEvent,
  type TraceSnapshot,
  type TraceVerdict,
} from './types.js';

interface Flight {
  readonly ttl: number;
  readonly round: RoundState;
  readonly cancel: () => void;
}

interface RoundState {
  readonly index: number;
  /** Probes sent per TTL in this round. */
  readonly attempts: Map<number, number>;
  /** TTLs done in this round: answered, or silent after every attempt. */
  readonly resolved: Set<number>;
  pending: number;
  /** Extra probes for a TTL that stayed silent. */
  readonly retries: number;
}

/** Timeouts when none is set: 3 x the slowest answer so far, at least 1 s, at most 3 s. */
const MIN_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 3000;

export class Tracer {
  private readonly hops = new Map<number, HopAccumulator>();
  private readonly flights = new Map<number, Flight>();
  private readonly rounds: RoundState[] = [];
  private readonly listeners: ((e: TraceEvent) => void)[] = [];
  private token = 0;
  private probesSent = 0;
  private destTtl: number | null = null;
  private endTtl: number | null = null;
  private lastAnswerTtl = 0;
  private maxSentTtl = 0;
  private worstRttMs = 0;
  private backend: TraceBackend | null = null;
  private startedAt: number | null = null;
  private endedAt: number | null = null;
  private verdictAtEnd: TraceVerdict | null = null;
  private cancelRoundTimer: (() => void) | null = null;
  private resolveDone: (s: TraceSnapshot) => void = () => {};
  private readonly done = new Promise<TraceSnapshot>((r) => (this.resolveDone = r));

  constructor(
    readonly config: TraceConfig,
    private readonly openBackend: OpenBackend,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {}

  /** Every event from now on; returns a function that stops listening. */
  on(listener: (e: TraceEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Runs the trace to its end (or until `signal` aborts) and returns the last snapshot. The
   * backend's processes are gone when it resolves. Throws when the backend cannot start
   * (ToolMissing and friends).
   */
  async run(signal?: AbortSignal): Promise<TraceSnapshot> {
    this.startedAt = this.clock.now();
    if (signal?.aborted) {
      this.finish({ kind: 'stopped' });
      return this.done;
    }
    const backend = await this.openBackend(this.config, {
      outcome: (o) => this.onOutcome(o),
      fatal: (message) => this.finish({ kind: 'failed', problem: message }),
    });
    this.backend = backend;
    const stop = () => this.stop();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      this.emit({ type: 'started', backend: backend.name });
      if (this.endedAt === null) this.startRound();
      return await this.done;
    } finally {
      signal?.removeEventListener('abort', stop);
      await backend.close();
    }
  }

  /** Ends the trace now; what was learnt so far stays in the snapshot. */
  stop(): void {
    const known = this.knownVerdict();
    this.finish(known.kind === 'running' ? { kind: 'stopped' } : known);
  }

  /** The state now, as plain data a panel can draw. */
  snapshot(): TraceSnapshot {
    const shown = Math.min(this.destTtl ?? Infinity, this.endTtl ?? Infinity, this.maxSentTtl);
    const inFlight = new Map<number, number>();
    for (const f of this.flights.values()) inFlight.set(f.ttl, (inFlight.get(f.ttl) ?? 0) + 1);
    const hops = [];
    for (let ttl = 1; ttl <= shown; ttl++) {
      hops.push(hopStats(this.hops.get(ttl) ?? newHop(ttl), inFlight.get(ttl) ?? 0));
    }
    const now = this.endedAt ?? this.clock.now();
    return {
      target: this.config.target,
      backend: this.backend?.name ?? null,
      protocol: this.config.protocol,
      mode: this.config.mode,
      running: this.endedAt === null && this.startedAt !== null,
      round: this.rounds.length,
      hops,
      verdict: this.verdictAtEnd ?? this.knownVerdict(),
      elapsedMs: this.startedAt === null ? 0 : now - this.startedAt,
      probesSent: this.probesSent,
    };
  }

  /** A reverse name for an address, shown on every hop where it answered. */
  setName(address: string, name: string): void {
    for (const hop of this.hops.values()) {
      const [first] = [...hop.addresses].sort((a, b) => b[1] - a[1]);
      if (first?.[0] === address) hop.name = name;
    }
  }

  private emit(e: TraceEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  private hop(ttl: number): HopAccumulator {
    let hop = this.hops.get(ttl);
    if (!hop) {
      hop = newHop(ttl);
      this.hops.set(ttl, hop);
    }
    return hop;
  }

  /** The highest TTL worth a probe now. */
  private limit(): number {
    return Math.min(
      this.config.maxTtl,
      this.destTtl ?? Infinity,
      this.endTtl ?? Infinity,
      this.lastAnswerTtl + this.config.silentLimit,
    );
  }

  private timeoutMs(): number {
    if (this.config.timeoutMs !== null) return this.config.timeoutMs;
    return Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, 3 * this.worstRttMs));
  }

  private startRound(): void {
    const once = this.config.mode === 'once';
    const round: RoundState = {
      index: this.rounds.length,
      attempts: new Map(),
      resolved: new Set(),
      pending: 0,
      retries: once ? 2 : 0,
    };
    this.rounds.push(round);
    this.emit({ type: 'round', round: round.index + 1 });
    const more = !once && (this.config.rounds === null || this.rounds.length < this.config.rounds);
    if (more) {
      this.cancelRoundTimer = this.clock.schedule(this.config.intervalMs, () => {
        this.cancelRoundTimer = null;
        if (this.endedAt === null) this.startRound();
      });
    }
    this.pump();
  }

  /** Sends what the rounds still owe, up to the limit and the probes-in-flight cap. */
  private pump(): void {
    if (this.endedAt !== null) return;
    const limit = this.limit();
    for (const round of this.rounds) {
      for (let ttl = 1; ttl <= limit; ttl++) {
        if (round.attempts.has(ttl)) continue;
        if (this.flights.size >= this.config.maxInFlight) return;
        this.send(round, ttl);
      }
    }
    this.check();
  }

  private send(round: RoundState, ttl: number): void {
    const token = ++this.token;
    const timeoutMs = this.timeoutMs();
    round.attempts.set(ttl, (round.attempts.get(ttl) ?? 0) + 1);
    round.pending += 1;
    this.hop(ttl).sent += 1;
    this.probesSent += 1;
    this.maxSentTtl = Math.max(this.maxSentTtl, ttl);
    const cancel = this.clock.schedule(timeoutMs, () => this.onTimeout(token));
    this.flights.set(token, { ttl, round, cancel });
    this.emit({ type: 'sent', ttl, token, round: round.index + 1 });
    this.backend?.send({ token, ttl, timeoutMs });
  }

  private land(token: number): Flight | null {
    const flight = this.flights.get(token);
    if (!flight) return null; // late (already lost), or dropped: nobody waits for it
    this.flights.delete(token);
    flight.cancel();
    flight.round.pending -= 1;
    return flight;
  }

  private onOutcome(o: ProbeOutcome): void {
    if (this.endedAt !== null) return;
    if (o.kind === 'no-reply') {
      this.onTimeout(o.token);
      return;
    }
    if (o.kind === 'error') {
      if (this.flights.has(o.token)) this.finish({ kind: 'failed', problem: o.problem });
      return;
    }
    const flight = this.land(o.token);
    if (!flight) return;
    const { ttl, round } = flight;
    round.resolved.add(ttl);
    addAnswer(this.hop(ttl), o);
    this.worstRttMs = Math.max(this.worstRttMs, o.rttMs);
    if (o.kind === 'reply') this.destTtl = Math.min(this.destTtl ?? Infinity, ttl);
    if (o.kind === 'unreachable') this.endTtl = Math.min(this.endTtl ?? Infinity, ttl);
    if (o.kind === 'ttl-expired' && ttl <= this.limit()) {
      this.lastAnswerTtl = Math.max(this.lastAnswerTtl, ttl);
    }
    this.emit({ type: 'answer', ttl, outcome: o });
    this.dropBeyondEnd();
    this.pump();
  }

  /** Probes past the destination or a refusing router tell nothing more: stop waiting. */
  private dropBeyondEnd(): void {
    const end = Math.min(this.destTtl ?? Infinity, this.endTtl ?? Infinity);
    for (const [token, f] of this.flights) {
      if (f.ttl > end) {
        this.land(token);
        f.round.resolved.add(f.ttl);
      }
    }
  }

  private onTimeout(token: number): void {
    const flight = this.land(token);
    if (!flight || this.endedAt !== null) return;
    const { ttl, round } = flight;
    this.hop(ttl).lost += 1;
    this.emit({ type: 'lost', ttl, token });
    const attempts = round.attempts.get(ttl) ?? 1;
    // A silent hop may be a router whose ICMP budget ran out (Linux refills it about one
    // error a second, and an unreachable costs two): ask again, as traceroute asks 3 times.
    if (attempts <= round.retries && ttl <= this.limit()) this.send(round, ttl);
    else round.resolved.add(ttl);
    this.pump();
  }

  private roundComplete(round: RoundState): boolean {
    if (round.pending > 0) return false;
    const limit = this.limit();
    for (let ttl = 1; ttl <= limit; ttl++) if (!round.resolved.has(ttl)) return false;
    return true;
  }

  /** Finishes when the last round owed is complete. */
  private check(): void {
    if (this.endedAt !== null) return;
    const wanted = this.config.mode === 'once' ? 1 : this.config.rounds;
    if (wanted === null || this.rounds.length < wanted) return;
    if (!this.rounds.every((r) => this.roundComplete(r))) return;
    const known = this.knownVerdict();
    this.finish(known.kind === 'running' ? { kind: 'stopped' } : known);
  }

  /** What the answers so far prove. */
  private knownVerdict(): TraceVerdict {
    if (this.destTtl !== null) {
      const address = [...(this.hops.get(this.destTtl)?.addresses.keys() ?? [])][0] ?? '';
      return { kind: 'reached', ttl: this.destTtl, address };
    }
    if (this.endTtl !== null) {
      const hop = this.hops.get(this.endTtl);
      return {
        kind: 'unreachable',
        ttl: this.endTtl,
        address: [...(hop?.addresses.keys() ?? [])][0] ?? '',
        words: hop?.unreachable?.words ?? 'unreachable',
      };
    }
    const from = this.lastAnswerTtl + 1;
    const to = this.lastAnswerTtl + this.config.silentLimit;
    if (this.lastAnswerTtl >= this.config.maxTtl) {
      return { kind: 'max-ttl', maxTtl: this.config.maxTtl };
    }
    const silent = (ttl: number) => {
      const hop = this.hops.get(ttl);
      return hop !== undefined && hop.received === 0 && hop.lost > 0;
    };
    const top = Math.min(to, this.config.maxTtl);
    let allSilent = top >= from;
    for (let ttl = from; ttl <= top && allSilent; ttl++) allSilent = silent(ttl);
    if (allSilent) {
      const lastHop = this.hops.get(this.lastAnswerTtl);
      const address = lastHop ? [...lastHop.addresses.keys()][0] : undefined;
      return {
        kind: 'dies',
        after: address !== undefined ? { ttl: this.lastAnswerTtl, address } : null,
        silentFrom: from,
        silentTo: top,
      };
    }
    return { kind: 'running' };
  }

  private finish(verdict: TraceVerdict): void {
    if (this.endedAt !== null) return;
    this.endedAt = this.clock.now();
    this.verdictAtEnd = verdict;
    this.cancelRoundTimer?.();
    for (const token of [...this.flights.keys()]) {
      // A probe still awaited when the trace ends (x, Ctrl-C) was neither answered nor lost:
      // counting it as sent would show loss that never happened.
      const flight = this.land(token);
      const hop = flight ? this.hops.get(flight.ttl) : undefined;
      if (hop) hop.sent -= 1;
    }
    const snapshot = this.snapshot();
    this.emit({ type: 'finished', snapshot });
    this.resolveDone(snapshot);
  }
}
