/**
 * The shapes of `netdoctor path SRC DEST`: the hosts as the user gave them, and the walk of
 * one packet across them, hop by hop, in each direction. Pure data: the walk (walk.ts)
 * makes them, the report and the panel read them.
 */
import type { Finding } from '../diagnose/finding.js';
import type { FirewallPacket, PacketVerdict } from '../net/firewall-verdict.js';
import type { RouteDecision } from '../net/route-decision.js';
import type { HostState } from '../state/host-state.js';

/** One host of the set: its state, or why it could not be read. */
export interface PathHost {
  /** As the user gave it: the snapshot's file name, the --ssh target, the inventory name. */
  readonly name: string;
  readonly state: HostState | null;
  /** Why it could not be read (one line); null when it was. */
  readonly error: string | null;
}

export type Direction = 'forward' | 'return';

/** How a packet reached a box from the box before it. */
export type Arrival =
  /** The box holds the address it was sent to (a gateway, or the destination itself). */
  | 'owner'
  /** The box answered ARP for an address it does not hold (proxy ARP). */
  | 'proxy-arp';

/** What the box's packet filter does with the packet, at the hook it crosses. */
export interface HopFirewall {
  readonly hook: 'input' | 'output' | 'forward';
  readonly packet: FirewallPacket;
  readonly verdict: PacketVerdict;
}

/** One box on the way: what came in, what the kernel decided, where it went. */
export interface PathHop {
  /** The index of the host in the set, and its name as given. */
  readonly hostIndex: number;
  readonly host: string;
  /** The interface it came in on; null where it starts (sent by this box). */
  readonly iif: string | null;
  readonly arrival: Arrival | null;
  /** The resolver's answer on this box (with iif: forwarding and rp_filter in it). */
  readonly decision: RouteDecision;
  readonly firewall: HopFirewall | null;
  /** The address it is handed to next (a gateway, or the destination on-link); null when it ends here. */
  readonly nextHop: string | null;
  /** One line: "r1: in eth1, route 10.0.0.0/8 via 192.0.2.1 dev eth0". */
  readonly words: string;
}

/** The reasons a packet stops on a box. */
export type DropKind =
  | 'no-route'
  | 'blackhole'
  | 'unreachable'
  | 'prohibit'
  | 'forwarding-off'
  | 'rp-filter'
  | 'firewall'
  | 'interface-down'
  | 'proxy-arp-off';

/** How a walk ends. */
export type WalkEnd =
  /** It reached the box that holds the destination, which takes it in. */
  | { readonly kind: 'delivered'; readonly hostIndex: number }
  /** The last box puts it on the destination's link; the destination is none of the hosts. */
  | { readonly kind: 'handed-off'; readonly hostIndex: number; readonly dev: string | null }
  /** It goes to a next hop that none of the hosts holds. */
  | {
      readonly kind: 'left';
      readonly hostIndex: number;
      readonly via: string;
      readonly dev: string | null;
    }
  | {
      readonly kind: 'dropped';
      readonly hostIndex: number;
      readonly drop: DropKind;
      /** proxy-arp-off: the interface that should answer ARP. */
      readonly ifname?: string;
    }
  /** It came back to a box and interface it had passed: a loop (or the TTL ran out). */
  | { readonly kind: 'loop'; readonly hostIndices: readonly number[] }
  /** None of the hosts holds the address it starts from. */
  | { readonly kind: 'no-start'; readonly address: string }
  /** The next box is one of the hosts, but it could not be read. */
  | { readonly kind: 'unread'; readonly hostIndex: number };

export interface Walk {
  readonly direction: Direction;
  readonly src: string;
  readonly dst: string;
  readonly hops: readonly PathHop[];
  readonly end: WalkEnd;
  /** `ok` it arrives; `failed` a box drops it or it loops; `unknown` the hosts given cannot tell. */
  readonly verdict: 'ok' | 'failed' | 'unknown';
  /** Where and why it ends, in one line. */
  readonly words: string;
}

export interface PathAnswer {
  readonly src: string;
  readonly dst: string;
  readonly forward: Walk;
  readonly back: Walk;
  /** Each on the host it is about (`host`: host names repeat across a fleet). */
  readonly findings: readonly Finding[];
}
