/**
 * A router's (or test host's) routing table as the kernel would hold it after the plan's
 * `ip route add`s: the connected prefixes first, then each static route that the kernel
 * accepts. A route the kernel refuses (next hop not on a connected network, a prefix that
 * is already there) is kept aside with the reason, as `ip` would print it.
 */
import { cidrContains, ipValue, parseCidr, type Cidr } from '../net/cidr.js';
import { resolveRoute } from '../net/resolve-route.js';
import type { RouteRecord } from '../parse/ip-route.js';
import type { HostState, InterfaceState } from '../state/host-state.js';
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
  readonly kind: 'not-on-link' | 'exists' | 'local-gateway';
}

export interface RoutingTable {
  /** The node's addresses, one interface per network (the interface is named for it). */
  readonly addresses: readonly {
    readonly network: string;
    readonly address: string;
    readonly cidr: Cidr;
  }[];
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
    const same = routes.find((r) => r.prefix.text === route.prefix.text);
    // IPv6 keeps a static route beside the connected prefix (metric 1024 against 256): the
    // kernel accepts it, and the connected prefix still wins.
    if (same?.kind === 'connected' && route.prefix.family === 'inet6' && route.kind === 'via') {
      continue;
    }
    if (same) {
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
      // IPv6 refuses its own address as a gateway; IPv4 takes it (and then asks the link
      // for itself, in vain: the simulator stops there).
      if (
        route.prefix.family === 'inet6' &&
        router.interfaces.some((f) => ipValue(f.address)?.value === ipValue(route.via ?? '')?.value)
      ) {
        rejected.push({
          route,
          kind: 'local-gateway',
          reason: `next hop ${route.via ?? ''} is ${router.name}'s own address (ip route add answers "Gateway can not be a local address")`,
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
  const addresses = router.interfaces.flatMap((f) => {
    const net = plan.networks.find((n) => n.name === f.network);
    return net ? [{ network: net.name, address: f.address, cidr: net.cidr }] : [];
  });
  return { addresses, routes, rejected };
}

/** A test host's table: its network, and a default route via the gateway when there is one. */
export function hostTable(
  net: PlanNetwork,
  address: string,
  gatewayAddress: string | null,
): RoutingTable {
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
  return { addresses: [{ network: net.name, address, cidr: net.cidr }], routes, rejected: [] };
}

type HostView = Pick<HostState, 'interfaces' | 'routes' | 'rules' | 'sysctls'>;

/** The kernel's view of one plan node: an interface per network, the main table, default rules. */
function hostView(table: RoutingTable): HostView {
  const interfaces: InterfaceState[] = table.addresses.map((a, i) => ({
    index: i + 2,
    name: a.network,
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    adminUp: true,
    carrier: true,
    operstate: 'UP',
    mtu: 1500,
    mac: null,
    linkType: 'ether',
    kind: 'veth',
    master: null,
    link: null,
    linkInOtherNamespace: true,
    vlan: null,
    addresses: [
      {
        ifname: a.network,
        family: a.cidr.family,
        local: a.address,
        prefixlen: a.cidr.length,
        scope: 'global',
        label: null,
        peer: null,
        flags: [],
      },
    ],
  }));
  const routes: RouteRecord[] = table.routes.map((r) => ({
    family: r.prefix.family,
    type: r.kind === 'blackhole' || r.kind === 'unreachable' ? r.kind : 'unicast',
    table: 'main',
    dst: r.prefix.length === 0 ? 'default' : r.prefix.text,
    gateway: r.via,
    dev: r.network,
    protocol: r.kind === 'connected' ? 'kernel' : 'static',
    scope: r.kind === 'connected' || r.kind === 'dev' ? 'link' : null,
    prefsrc:
      r.kind === 'connected'
        ? (table.addresses.find((a) => a.network === r.network)?.address ?? null)
        : null,
    metric: null,
    flags: [],
    nexthops: [],
  }));
  return {
    interfaces,
    routes,
    rules: [],
    sysctls: { ipForward: 1, ipv6Forward: 1, neighGcThresh3: null, interfaces: {} },
  };
}

const views = new WeakMap<RoutingTable, HostView>();

/**
 * The route the kernel picks for `dst`, as the route resolver works it out over this node's
 * table (default rules, main table: the longest prefix); null when nothing matches.
 */
export function lookupRoute(table: RoutingTable, dst: string): TableRoute | null {
  let view = views.get(table);
  if (!view) {
    view = hostView(table);
    views.set(table, view);
  }
  const decision = resolveRoute(view, { dst });
  const matched = decision.route;
  if (!matched) return null;
  const text =
    matched.dst === 'default'
      ? parseCidr('default', matched.family)?.text
      : parseCidr(matched.dst, matched.family)?.text;
  return table.routes.find((r) => r.prefix.text === text) ?? null;
}
