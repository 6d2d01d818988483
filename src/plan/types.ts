/**
 * A route plan: networks, the routers that join them with static routes, and what should
 * reach what. Parsed from YAML by parse.ts; every part keeps the line it came from so a
 * finding can point at it.
 */
import type { Cidr } from '../net/cidr.js';

/** Where in the plan file something was written (1-based). */
export interface PlanPos {
  readonly line: number;
  readonly col: number;
}

export interface PlanNetwork {
  readonly name: string;
  readonly cidr: Cidr;
  /** The router hosts on this network send off-network traffic to, by name; null: none named. */
  readonly gateway: string | null;
  readonly pos: PlanPos;
}

export type PlanRouteKind = 'via' | 'dev' | 'blackhole' | 'unreachable';

export interface PlanRoute {
  /** As written in the plan: `10.2.0.0/16 via 172.16.0.12`. */
  readonly text: string;
  readonly kind: PlanRouteKind;
  readonly prefix: Cidr;
  /** The next hop (`via`). */
  readonly via: string | null;
  /** The network sent onto (`dev NETWORK`). */
  readonly dev: string | null;
  readonly pos: PlanPos;
}

export interface PlanInterface {
  readonly network: string;
  readonly address: string;
  readonly pos: PlanPos;
}

export interface PlanRouter {
  readonly name: string;
  readonly interfaces: readonly PlanInterface[];
  readonly routes: readonly PlanRoute[];
  readonly pos: PlanPos;
}

export interface PlanExpect {
  readonly from: string;
  readonly to: string;
  /** `a <-> b` (true) or `a -> b`. */
  readonly both: boolean;
  readonly text: string;
  readonly pos: PlanPos | null;
}

export interface Plan {
  /** The file it came from, for evidence (`plan.yaml:12`). */
  readonly file: string;
  readonly networks: readonly PlanNetwork[];
  readonly routers: readonly PlanRouter[];
  /** As written; empty when the plan gave none (then every network should reach every other). */
  readonly expect: readonly PlanExpect[];
  /** The plan's lines, for evidence. */
  readonly lines: readonly string[];
}
