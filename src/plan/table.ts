/**
 * A router's (or test host's) routing table as the kernel would hold it after the plan's
 * `ip route add`s: the connected prefixes first, then each static route that the kernel
 * accepts. A route the kernel refuses (next hop not on a connected network, a prefix that
 * is already there) is kept aside with the reason, as `ip` would print it.
 */
import { cidrContains, longestMatches, parseCidr, type Cidr } from '../net/cidr.js';
import type { Plan, PlanNetwork, PlanRoute, PlanRouter } from './types.js';

export interface TableRoute {
  readonly prefix: Cidr;
  readonly kind: 'connected' | 'via' | 'dev' | 'blackhole' | 'unreachable';
  /** The network the packet leaves on (connected, dev, via); null for blackhole/unreachable. */
  readonly network: string | null;
  readonly via: string | null;
  /** The plan's route; null for a connected prefix or a test host's default. */
  readonly source: PlanRoute | null;
  /** How to say it: `10.2.0.0/16 via 172.16.0.12`, `10.1.1.0/24 connected on vpc1-web`. */
  readonly text: string;
}

export interface RejectedRoute {
  readonly route: PlanRoute;
  /** In words, with what the kernel answers: `next hop 10.9.9.9 is on no network of vpc1`. */
  readonly reason: string;
  readonly kind: 'not-on-link' | 'exists';
}

export interface RoutingTable {
  readonly routes: readonly TableRoute[];
  readonly rejected: readonly RejectedRoute[];
}

/** The network of `address` among those this router is attached to. */
export function onLinkNetwork(plan: Plan, router: PlanRouter, address: string): PlanNetwork | null {
  for (const f of router.interfaces) {
    const net = plan.networks.find((n) => n.name === f.network);
    if (net && cidrContains(net.cidr, address)) return net;
  }
  return null;
}

export function routerTable(plan: Plan, router: PlanRouter): RoutingTable {
  const routes: TableRoute[] = [];
  for (const f of router.interfaces) {
    const net = plan.networks.find((n) => n.name === f.network);
    if (!net || routes.some((r) => r.prefix.text === net.cidr.text)) continue;
    routes.push({
      prefix: net.cidr,
      kind: 'connected',
      network: net.name,
      via: null,
      source: null,
      text: `${net.cidr.text} connected on ${net.name}`,
    });
  }
  const rejected: RejectedRoute[] = [];
  for (const route of router.routes) {
    // The kernel keeps one route per prefix (same table, metric, tos): a second add of a
    // prefix fails with "File exists", and a connected prefix is there first.
    if (routes.some((r) => r.prefix.text === route.prefix.text)) {
      rejected.push({
        route,
        kind: 'exists',
        reason: `${router.name} already has a route for ${route.prefix.text} (ip route add answers "File exists")`,
      });
      continue;
    }
    if (route.kind === 'via') {
      const net = onLinkNetwork(plan, router, route.via ?? '');
      if (!net) {
        rejected.push({
          route,
          kind: 'not-on-link',
          reason: `next hop ${route.via ?? ''} is on no network ${router.name} is attached to (ip route add answers "Nexthop has invalid gateway")`,
        });
        continue;
      }
      routes.push({
        prefix: route.prefix,
        kind: 'via',
        network: net.name,
        via: route.via,
        source: route,
        text: route.text,
      });
      continue;
    }
    routes.push({
      prefix: route.prefix,
      kind: route.kind,
      network: route.kind === 'dev' ? route.dev : null,
      via: null,
      source: route,
      text: route.text,
    });
  }
  return { routes, rejected };
}

/** A test host's table: its network, and a default route via the gateway when there is one. */
export function hostTable(net: PlanNetwork, gatewayAddress: string | null): RoutingTable {
  const routes: TableRoute[] = [
    {
      prefix: net.cidr,
      kind: 'connected',
      network: net.name,
      via: null,
      source: null,
      text: `${net.cidr.text} connected on ${net.name}`,
    },
  ];
  if (gatewayAddress !== null) {
    const prefix = parseCidr('default', net.cidr.family);
    if (prefix) {
      routes.push({
        prefix,
        kind: 'via',
        network: net.name,
        via: gatewayAddress,
        source: null,
        text: `default via ${gatewayAddress}`,
      });
    }
  }
  return { routes, rejected: [] };
}

/**
 * The route the kernel picks for `dst`: the longest prefix. One small function so that the
 * route resolver (src/net/resolve-route.ts) can take its place: the plan has no policy rules,
 * metrics or tos, so the longest match is the kernel's whole answer here.
 */
export function lookupRoute(table: RoutingTable, dst: string): TableRoute | null {
  return longestMatches(table.routes, (r) => r.prefix, dst)[0] ?? null;
}
