/**
 * The live trace: what a backend reports for one probe, and what the tracer holds per hop.
 * The tracer owns its state; the UI and the CLI read `snapshot()` on their own tick, while
 * events also stream for whoever wants each probe.
 */
import type { ProbeProtocol } from '../../parse/mtr-packet.js';

export type BackendName = 'mtr-packet' | 'traceroute';

export interface TraceTarget {
  /** What the person typed (a name or an address); shown, never sent anywhere. */
  readonly input: string;
  /** The address probed. */
  readonly address: string;
  readonly family: 4 | 6;
}

export interface TraceConfig {
  readonly target: TraceTarget;
  readonly protocol: ProbeProtocol;
  /** Probes leave from this address (--from). */
  readonly source?: string;
  /** The highest TTL probed (default 30). */
  readonly maxTtl: number;
  /**
   * `once`: one probe per hop (up to three for a hop that stays silent: routers ration
   * their ICMP errors), stop when the
   * destination answered or the path died. `rounds`: mtr's way, a probe per hop every
   * interval, `rounds` times (null: until stopped).
   */
  readonly mode: 'once' | 'rounds';
  readonly rounds: number | null;
  /** Between the starts of two rounds (default 1000 ms, as mtr). */
  readonly intervalMs: number;
  /** Fixed per-probe timeout; null: adaptive (3 x the slowest answer, 1 s to 3 s). */
  readonly timeoutMs: number | null;
  /** Silent hops in a row, past the last that answered, after which the path is dead. */
  readonly silentLimit: number;
  readonly maxInFlight: number;
}

export const DEFAULT_CONFIG = {
  protocol: 'icmp',
  maxTtl: 30,
  mode: 'rounds',
  rounds: null,
  intervalMs: 1000,
  timeoutMs: null,
  silentLimit: 5,
  maxInFlight: 32,
} as const satisfies Omit<TraceConfig, 'target'>;

/** One probe to send: its token (to match the answer) and its TTL. */
export interface ProbeRequest {
  readonly token: number;
  readonly ttl: number;
  readonly timeoutMs: number;
}

/** What came back for one probe, in the backend's words made common. */
export type ProbeOutcome =
  | {
      readonly token: number;
      /** A router on the way: the TTL ran out there. */
      readonly kind: 'ttl-expired' | 'reply';
      readonly address: string;
      readonly rttMs: number;
    }
  | {
      readonly token: number;
      /** A router (or the destination) answered that it will not deliver the packet. */
      readonly kind: 'unreachable';
      readonly address: string;
      readonly rttMs: number;
      /** In words: `host unreachable`, `communication administratively prohibited`, ... */
      readonly words: string;
      /** As the tool printed it: `!H`, `no-route`. */
      readonly code: string;
    }
  | { readonly token: number; readonly kind: 'no-reply' }
  | {
      readonly token: number;
      /** This host could not send the probe at all (no route, no source, refused). */
      readonly kind: 'error';
      readonly problem: string;
    };

/** Where the backend's answers go. */
export interface BackendSink {
  readonly outcome: (o: ProbeOutcome) => void;
  /** The backend died or cannot go on: the trace stops with this message. */
  readonly fatal: (message: string) => void;
}

export interface TraceBackend {
  readonly name: BackendName;
  readonly send: (probe: ProbeRequest) => void;
  /** Stops the backend's processes; resolves when they are gone. */
  readonly close: () => Promise<void>;
}

export type OpenBackend = (config: TraceConfig, sink: BackendSink) => Promise<TraceBackend>;

/** Time, injected so that the scheduler's tests need no sleeps. */
export interface Clock {
  readonly now: () => number;
  /** Calls fn after ms; returns a function that cancels it. */
  readonly schedule: (ms: number, fn: () => void) => () => void;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  schedule: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export interface HopAddress {
  readonly address: string;
  readonly count: number;
}

/** One TTL's statistics, as mtr shows them. Times in milliseconds. */
export interface HopStats {
  readonly ttl: number;
  /** Probes sent at this TTL. */
  readonly sent: number;
  /** Probes answered. */
  readonly received: number;
  /** Probes sent and no longer waited for, that got no answer. */
  readonly lost: number;
  /** Of the probes no longer in flight, the share lost, 0..100. */
  readonly lossPct: number;
  readonly lastMs: number | null;
  readonly avgMs: number | null;
  readonly bestMs: number | null;
  readonly worstMs: number | null;
  /** Mean difference between consecutive round-trip times (mtr's Javg). */
  readonly jitterMs: number | null;
  /** Who answered at this TTL, most often first (more than one: load-balanced paths). */
  readonly addresses: readonly HopAddress[];
  /** The hop refused the packet: what it said, in words, and the tool's code. */
  readonly unreachable: { readonly words: string; readonly code: string } | null;
  /** The destination itself answered at this TTL. */
  readonly isDestination: boolean;
  /** A reverse name of the first address, when one was looked up. */
  readonly name: string | null;
}

/** How the trace ended, or where it stands. */
export type TraceVerdict =
  | { readonly kind: 'running' }
  | { readonly kind: 'reached'; readonly ttl: number; readonly address: string }
  | {
      readonly kind: 'unreachable';
      readonly ttl: number;
      readonly address: string;
      readonly words: string;
    }
  | {
      readonly kind: 'dies';
      /** The last hop that answered; null when not even the first hop did. */
      readonly after: { readonly ttl: number; readonly address: string } | null;
      /** The silent TTLs that proved it. */
      readonly silentFrom: number;
      readonly silentTo: number;
    }
  | { readonly kind: 'max-ttl'; readonly maxTtl: number }
  | { readonly kind: 'failed'; readonly problem: string }
  | { readonly kind: 'stopped' };

export interface TraceSnapshot {
  readonly target: TraceTarget;
  readonly backend: BackendName | null;
  readonly protocol: ProbeProtocol;
  readonly mode: TraceConfig['mode'];
  readonly running: boolean;
  /** Rounds started so far. */
  readonly round: number;
  readonly hops: readonly HopStats[];
  readonly verdict: TraceVerdict;
  readonly elapsedMs: number;
  readonly probesSent: number;
}

export type TraceEvent =
  | { readonly type: 'started'; readonly backend: BackendName }
  | { readonly type: 'sent'; readonly ttl: number; readonly token: number; readonly round: number }
  | { readonly type: 'answer'; readonly ttl: number; readonly outcome: ProbeOutcome }
  | { readonly type: 'lost'; readonly ttl: number; readonly token: number }
  | { readonly type: 'round'; readonly round: number }
  | { readonly type: 'finished'; readonly snapshot: TraceSnapshot };
