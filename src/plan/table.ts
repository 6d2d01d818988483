/**
 * A router's (or test host's) routing table as the kernel would hold it after the plan's
 * `ip route add`s: the connected prefixes first, then each static route that the kernel
 * accepts. A route the kernel refuses (next hop not on a connected network, a prefix that
 * is already there) is kept aside with the reason, as `ip` would print it.
 */
import {
  cidrContains,
  ipValue,
  parseCidr,
  type Cidr,
  type IpFamily,
  type IpValue,
} from '../net/cidr.js';
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

const networkIndexes = new WeakMap<Plan, ReadonlyMap<string, PlanNetwork>>();

/** The plan's networks by name, worked out once per plan (a big plan asks thousands of times). */
export function networkByName(plan: Plan): ReadonlyMap<string, PlanNetwork> {
  let index = networkIndexes.get(plan);
  if (!index) {
    index = new Map(plan.networks.map((n) => [n.name, n]));
    networkIndexes.set(plan, index);
  }
  return index;
}

/** The network of `address` among those this router is attached to. */
export function onLinkNetwork(plan: Plan, router: PlanRouter, address: string): PlanNetwork | null {
  const v = ipValue(address);
  if (!v) return null;
  const nets = networkByName(plan);
  for (const f of router.interfaces) {
    const net = nets.get(f.network);
    if (net && cidrContains(net.cidr, v)) return net;
  }
  return null;
}

export function routerTable(plan: Plan, router: PlanRouter): RoutingTable {
  const nets = networkByName(plan);
  const routes: TableRoute[] = [];
  /** The first route of each prefix: the kernel keeps one per prefix. */
  const byPrefix = new Map<string, TableRoute>();
  const add = (route: TableRoute): void => {
    routes.push(route);
    if (!byPrefix.has(route.prefix.text)) byPrefix.set(route.prefix.text, route);
  };
  const ownAddresses = new Set(
    router.interfaces.flatMap((f) => {
      const v = ipValue(f.address);
      return v ? [v.value] : [];
    }),
  );
  for (const f of router.interfaces) {
    const net = nets.get(f.network);
    if (!net || byPrefix.has(net.cidr.text)) continue;
    add({
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
    const same = byPrefix.get(route.prefix.text);
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
        ownAddresses.has(ipValue(route.via ?? '')?.value ?? -1n)
      ) {
        rejected.push({
          route,
          kind: 'local-gateway',
          reason: `next hop ${route.via ?? ''} is ${router.name}'s own address (ip route add answers "Gateway can not be a local address")`,
        });
        continue;
      }
      add({
        prefix: route.prefix,
        kind: 'via',
        network: net.name,
        via: route.via,
        source: route,
        text: route.text,
      });
      continue;
    }
    add({
      prefix: route.prefix,
      kind: route.kind,
      network: route.kind === 'dev' ? route.dev : null,
      via: null,
      source: route,
      text: route.text,
    });
  }
  const addresses = router.interfaces.flatMap((f) => {
    const net = nets.get(f.network);
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

export type HostView = Pick<HostState, 'interfaces' | 'routes' | 'rules' | 'sysctls'>;

/** The kernel's view of one plan node: an interface per network, the main table, default rules. */
export function kernelView(table: RoutingTable): HostView {
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

/**
 * A table's routes by family and prefix length (longest first), each length a map from the
 * prefix's first address to its first route: a lookup costs one map probe per length.
 */
type PrefixIndex = ReadonlyMap<IpFamily, readonly (readonly [number, Map<bigint, TableRoute>])[]>;

const indexes = new WeakMap<RoutingTable, PrefixIndex>();

function prefixIndex(table: RoutingTable): PrefixIndex {
  const byFamily = new Map<IpFamily, Map<number, Map<bigint, TableRoute>>>();
  for (const r of table.routes) {
    const lengths = byFamily.get(r.prefix.family) ?? new Map<number, Map<bigint, TableRoute>>();
    byFamily.set(r.prefix.family, lengths);
    const firsts = lengths.get(r.prefix.length) ?? new Map<bigint, TableRoute>();
    lengths.set(r.prefix.length, firsts);
    // The kernel keeps the first route of a prefix (the others were refused or lose on metric).
    if (!firsts.has(r.prefix.first)) firsts.set(r.prefix.first, r);
  }
  return new Map(
    [...byFamily].map(([family, lengths]) => [family, [...lengths].sort((a, b) => b[0] - a[0])]),
  );
}

/**
 * The route the kernel picks for `dst` from this node's table: the main table under the
 * default rules, that is the longest prefix that holds it (one route per prefix, no metrics
 * to weigh, every next hop alive); null when nothing matches. resolveRoute works out the same
 * over the kernel's view (kernelView); table.test.ts holds the two to each other.
 */
export function lookupRoute(table: RoutingTable, dst: string | IpValue): TableRoute | null {
  const v = typeof dst === 'string' ? ipValue(dst) : dst;
  if (!v) return null;
  let index = indexes.get(table);
  if (!index) {
    index = prefixIndex(table);
    indexes.set(table, index);
  }
  const bits = v.family === 'inet' ? 32n : 128n;
  const all = (1n << bits) - 1n;
  for (const [length, firsts] of index.get(v.family) ?? []) {
    const host = (1n << (bits - BigInt(length))) - 1n;
    const hit = firsts.get(v.value & (all ^ host));
    if (hit) return hit;
  }
  return null;
}
