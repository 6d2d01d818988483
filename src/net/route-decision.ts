/**
 * The contract of the route resolver (`resolve-route.ts`): a question about one packet, and
 * the kernel's decision for it, worked out from the rules and tables alone. Route, Doctor
 * and Plan all read decisions in this shape.
 */
import type { Family } from '../parse/ip-addr.js';
import type { RouteRecord } from '../parse/ip-route.js';
import type { RuleRecord } from '../parse/ip-rule.js';

/** "Where does a packet to DST go": `ip route get DST [from SRC] [iif IF] [oif IF] [mark N]`. */
export interface RouteQuery {
  readonly dst: string;
  /** The source address (`from`); the kernel picks one when absent. */
  readonly src?: string;
  /** Simulate a packet arriving on this interface (forwarding) rather than one sent here. */
  readonly iif?: string;
  readonly oif?: string;
  readonly mark?: number;
  readonly tos?: number;
  /** The user id the packet belongs to (`uidrange` rules); the kernel uses the caller's, 0 here when absent. */
  readonly uid?: number;
}

/** What the kernel does with the packet; `none` when no rule's table has a match. */
export type RouteType =
  | 'unicast'
  | 'local'
  | 'broadcast'
  | 'multicast'
  | 'anycast'
  | 'blackhole'
  | 'unreachable'
  | 'prohibit'
  | 'none';

/** One policy rule looked at on the way, and what came of it: the "why" in words. */
export interface RouteStep {
  readonly rule: RuleRecord;
  readonly outcome:
    | 'selector-mismatch'
    | 'table-empty'
    | 'no-match'
    | 'throw'
    | 'suppressed'
    | 'goto'
    | 'action'
    | 'matched';
  /** One line, e.g. "from 10.0.0.0/8 does not match 192.0.2.5". */
  readonly note: string;
}

export interface RouteDecision {
  readonly query: RouteQuery;
  readonly family: Family;
  readonly type: RouteType;
  /** The table as the kernel names it: `main`, `local`, `100`; null when none matched. */
  readonly table: string | null;
  /** The rule that ended the walk (its table matched, or its action applied). */
  readonly rule: RuleRecord | null;
  /** The matched route; null for `none` or a rule action. */
  readonly route: RouteRecord | null;
  readonly dev: string | null;
  /** The next hop's address; null when the destination is on-link. */
  readonly gateway: string | null;
  /** The source address the kernel would pick (prefsrc, or the output interface's). */
  readonly prefsrc: string | null;
  readonly steps: readonly RouteStep[];
  /**
   * What `ip route get` answers instead of a route, when it fails: "Network is unreachable",
   * "No route to host", "Permission denied", "Invalid argument". Null when it answers a route.
   */
  readonly error?: string | null;
  /**
   * The usable next hops of a multipath route (the kernel hashes the flow onto one of them;
   * `gateway`/`dev` name the first). Empty for a single path.
   */
  readonly nexthops?: readonly {
    readonly gateway: string | null;
    readonly dev: string | null;
    /** The source the kernel picks when the flow hashes onto this hop. */
    readonly prefsrc: string | null;
  }[];
  /** Why the resolver's answer may differ from the kernel's: a feature it does not model. */
  readonly caveats?: readonly string[];
  /**
   * IPv4, a packet that arrives (`iif`): the kernel's source validation (fib_validate_source,
   * rp_filter). When it refuses, `error` is "Invalid argument" and this says why.
   */
  readonly sourceCheck?: SourceCheck;
}

/** How a source check ended; the first four let the packet in. */
export type SourceOutcome =
  | 'off'
  | 'accept-local'
  | 'same-interface'
  | 'loose'
  | 'own-address'
  | 'martian-source'
  | 'no-route-back'
  | 'no-address'
  | 'other-interface';

/** The way back to a packet's source, as the reverse lookup found it. */
export interface WayBack {
  readonly type: RouteType;
  /** The lookup's error ("Network is unreachable" …) when it found no usable route. */
  readonly error: string | null;
  readonly table: string | null;
  readonly rule: RuleRecord | null;
  readonly route: RouteRecord | null;
  /** Every interface the route's next hops use (a multipath route has several). */
  readonly devs: readonly string[];
}

/**
 * The kernel's check of a packet's source on the way in (net/ipv4/fib_frontend.c
 * fib_validate_source): the way back to the source, looked up through the rules, must
 * leave by the interface the packet came in on (strict), or exist at all (loose).
 */
export interface SourceCheck {
  /** The interface the packet came in on. */
  readonly iif: string;
  readonly src: string;
  /** The value the kernel acts on: the larger of conf/all and conf/IIF rp_filter. */
  readonly rpFilter: number;
  readonly passed: boolean;
  readonly outcome: SourceOutcome;
  /** The reverse lookup; null when the kernel did not make one. */
  readonly back: WayBack | null;
  /** In words: "rp_filter on eth1 drops it: the way back to 198.18.0.7 leaves by eth0 (strict)". */
  readonly words: string;
}
