/**
 * The plan's forwarding, worked out hop by hop. A test host sits on each network; for every
 * ordered pair of networks of one family, the host on the first sends to the host on the
 * second, and each router on the way looks the destination up in its table (longest prefix),
 * until the packet arrives, is dropped, or goes round until its TTL runs out. Pure.
 */
import { ipText, ipValue, type IpValue } from '../net/cidr.js';
import {
  hostTable,
  lookupRoute,
  networkByName,
  routerTable,
  type RoutingTable,
  type TableRoute,
} from './table.js';
import type { Plan, PlanNetwork, PlanRouter } from './types.js';

/** The kernel's default TTL (and IPv6 hop limit): the walk never goes further. */
export const TTL = 64;

export interface TestHost {
  readonly network: string;
  readonly address: string;
  /** The gateway's router name and address; null when hosts here have no way off the network. */
  readonly gateway: { readonly router: string; readonly address: string } | null;
}

export interface Hop {
  /** A router's name, or `host on NETWORK`. */
  readonly node: string;
  readonly router: string | null;
  /** The route that matched; null where nothing did. */
  readonly route: TableRoute | null;
}

export type Stop =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'no-gateway'; readonly network: string }
  | { readonly kind: 'no-route'; readonly router: string }
  | { readonly kind: 'blackhole'; readonly router: string; readonly route: TableRoute }
  | { readonly kind: 'unreachable'; readonly router: string; readonly route: TableRoute }
  | {
      readonly kind: 'no-neighbour';
      readonly node: string;
      readonly address: string;
      readonly network: string;
    }
  | { readonly kind: 'not-forwarded'; readonly network: string }
  | { readonly kind: 'loop'; readonly routers: readonly string[] };

export interface PairPath {
  readonly from: string;
  readonly to: string;
  readonly src: string;
  readonly dst: string;
  readonly hops: readonly Hop[];
  readonly stop: Stop;
  /** Where and why it stops, in words. */
  readonly reason: string;
}

export interface Simulation {
  readonly hosts: readonly TestHost[];
  readonly tables: ReadonlyMap<string, RoutingTable>;
  /** Every ordered pair of distinct networks of one family. */
  readonly paths: readonly PairPath[];
}

/** Reaches and is answered / reaches but no answer comes back / does not reach. */
export type Reach = 'both' | 'one-way' | 'no';

/** Every address the plan gives a router or names as a next hop, canonical: test hosts avoid them. */
function usedAddresses(plan: Plan): Set<string> {
  const used = new Set<string>();
  const add = (address: string): void => {
    used.add(ipText(ipValue(address) ?? { family: 'inet', value: 0n }));
  };
  for (const r of plan.routers) {
    for (const f of r.interfaces) add(f.address);
    for (const route of r.routes) if (route.via) add(route.via);
  }
  return used;
}

/**
 * The first address of the network, from the top, that the plan does not use; null when the
 * routers hold them all (a /31 or /127 between two routers): the test host never takes a
 * router's address.
 */
function testAddress(used: ReadonlySet<string>, net: PlanNetwork): string | null {
  const top =
    net.cidr.family === 'inet' && net.cidr.length < 31 ? net.cidr.last - 1n : net.cidr.last;
  // The network's own address is no host's (IPv4), and the subnet-router anycast of routers
  // (IPv6); only a /31 (RFC 3021) or /127 uses both ends.
  const pointToPoint = net.cidr.length >= (net.cidr.family === 'inet' ? 31 : 127);
  const bottom = pointToPoint ? net.cidr.first : net.cidr.first + 1n;
  for (let v = top; v >= bottom; v--) {
    const text = ipText({ family: net.cidr.family, value: v });
    if (!used.has(text)) return text;
  }
  return null;
}

/** The routers attached to each network, in the plan's order. */
function attachedRouters(plan: Plan): Map<string, PlanRouter[]> {
  const attached = new Map<string, PlanRouter[]>();
  for (const r of plan.routers) {
    for (const f of r.interfaces) {
      const list = attached.get(f.network) ?? [];
      if (!list.includes(r)) list.push(r);
      attached.set(f.network, list);
    }
  }
  return attached;
}

function gatewayOf(attached: readonly PlanRouter[], net: PlanNetwork): TestHost['gateway'] {
  const router =
    net.gateway !== null
      ? attached.find((r) => r.name === net.gateway)
      : attached.length === 1
        ? attached[0]
        : undefined;
  const address = router?.interfaces.find((f) => f.network === net.name)?.address;
  return router && address ? { router: router.name, address } : null;
}

/** A test host on each network that has a free address (a full /31 has none). */
export function testHosts(plan: Plan): TestHost[] {
  const used = usedAddresses(plan);
  const attached = attachedRouters(plan);
  return plan.networks.flatMap((net) => {
    const address = testAddress(used, net);
    if (address === null) return [];
    return [{ network: net.name, address, gateway: gatewayOf(attached.get(net.name) ?? [], net) }];
  });
}

type Node =
  | { readonly kind: 'router'; readonly router: PlanRouter }
  | { readonly kind: 'host'; readonly host: TestHost };

/** Where a packet handed to a router goes from there on: its hops, and where and why it stops. */
interface Carried {
  readonly hops: readonly Hop[];
  readonly stop: Stop;
  readonly reason: string;
}

/**
 * What the walks share, worked out once per simulation: who answers for an address on each
 * network, and each router's way to each destination host (a router sends a packet for one
 * address the same way whoever sent it, so it is walked once per router and destination).
 */
class Walker {
  private readonly owners = new Map<string, Node>();
  private readonly values = new Map<string, IpValue | null>();
  private readonly carried = new Map<string, Carried>();
  private readonly families = new Map<string, ReadonlySet<string>>();
  readonly hostByNetwork: ReadonlyMap<string, TestHost>;
  readonly routerByName: ReadonlyMap<string, PlanRouter>;

  constructor(
    readonly plan: Plan,
    readonly hosts: readonly TestHost[],
    readonly tables: ReadonlyMap<string, RoutingTable>,
  ) {
    this.hostByNetwork = new Map(hosts.map((h) => [h.network, h]));
    this.routerByName = new Map(plan.routers.map((r) => [r.name, r]));
    // A router's interface answers before a test host, the first router before a later one.
    for (const router of plan.routers) {
      for (const f of router.interfaces)
        this.claim(f.network, f.address, { kind: 'router', router });
    }
    for (const host of hosts) this.claim(host.network, host.address, { kind: 'host', host });
  }

  /** An address as a number, parsed once however often the walks ask. */
  value(address: string): IpValue | null {
    let v = this.values.get(address);
    if (v === undefined) {
      v = ipValue(address);
      this.values.set(address, v);
    }
    return v;
  }

  /** `network family:value`: one key for every way of writing an address. */
  private key(network: string, address: string): string | null {
    const v = this.value(address);
    return v ? `${network}\u0000${v.family}:${v.value}` : null;
  }

  private claim(network: string, address: string, node: Node): void {
    const key = this.key(network, address);
    if (key !== null && !this.owners.has(key)) this.owners.set(key, node);
  }

  /** Who answers ARP (or neighbour discovery) for `address` on `network`. */
  ownerOn(network: string, address: string): Node | null {
    const key = this.key(network, address);
    return key === null ? null : (this.owners.get(key) ?? null);
  }

  /** The address families a router has an interface of. */
  familiesOf(router: PlanRouter): ReadonlySet<string> {
    let set = this.families.get(router.name);
    if (!set) {
      set = new Set(router.interfaces.flatMap((f) => ipValue(f.address)?.family ?? []));
      this.families.set(router.name, set);
    }
    return set;
  }

  /** The way on from `start` (a router, or the host it was handed to) to `b`'s host. */
  carry(start: Node, b: TestHost): Carried {
    if (start.kind === 'host') return this.atHost(start.host, b);
    const key = `${start.router.name}\u0000${b.network}`;
    let found = this.carried.get(key);
    if (!found) {
      found = this.fromRouter(start.router, b);
      this.carried.set(key, found);
    }
    return found;
  }

  private atHost(host: TestHost, b: TestHost): Carried {
    if (host === b) {
      return {
        hops: [{ node: `host on ${b.network}`, router: null, route: null }],
        stop: { kind: 'delivered' },
        reason: `arrives at ${b.address} on ${b.network}`,
      };
    }
    return {
      hops: [],
      stop: { kind: 'not-forwarded', network: host.network },
      reason: `the packet is handed to the test host on ${host.network}, which does not forward`,
    };
  }

  /** Router by router until the packet arrives, is dropped or loops. */
  private fromRouter(first: PlanRouter, b: TestHost): Carried {
    const dst = b.address;
    const hops: Hop[] = [];
    const done = (stop: Stop, reason: string): Carried => ({ hops, stop, reason });
    let next: Node = { kind: 'router', router: first };
    const visited: string[] = [];
    for (let ttl = TTL; ttl > 0; ttl--) {
      if (next.kind === 'host') {
        const end = this.atHost(next.host, b);
        hops.push(...end.hops);
        return done(end.stop, end.reason);
      }
      const router: PlanRouter = next.router;
      if (visited.includes(router.name)) {
        // No policy rules, no state: a router seen again for the same destination sends the
        // packet the same way again, round the same loop until the TTL runs out.
        const loop = visited.slice(visited.indexOf(router.name));
        return done(
          { kind: 'loop', routers: loop },
          `loops ${[...loop, router.name].join(' -> ')} until its TTL runs out`,
        );
      }
      visited.push(router.name);
      const table = this.tables.get(router.name) ?? { addresses: [], routes: [], rejected: [] };
      const route = lookupRoute(table, this.value(dst) ?? dst);
      hops.push({ node: router.name, router: router.name, route });
      if (!route) {
        return done(
          { kind: 'no-route', router: router.name },
          `${router.name} has no route to ${dst} (${b.network}): it drops the packet and answers "network unreachable"`,
        );
      }
      if (route.kind === 'blackhole') {
        return done(
          { kind: 'blackhole', router: router.name, route },
          `${router.name} drops it silently: ${route.text}`,
        );
      }
      if (route.kind === 'unreachable') {
        return done(
          { kind: 'unreachable', router: router.name, route },
          `${router.name} refuses it ("unreachable"): ${route.text}`,
        );
      }
      const network = route.network ?? '';
      const target = route.kind === 'via' ? (route.via ?? '') : dst;
      const found = this.ownerOn(network, target);
      // A router whose route names its own address asks the link for itself: nobody answers.
      const owner: Node | null = found?.kind === 'router' && found.router === router ? null : found;
      if (!owner) {
        return done(
          { kind: 'no-neighbour', node: router.name, address: target, network },
          `${router.name} sends it on ${network} to ${target}, but nobody there answers for ${target}`,
        );
      }
      next = owner;
    }
    return done(
      { kind: 'loop', routers: visited },
      `still travelling after ${TTL} hops: its TTL runs out`,
    );
  }
}

/** Each simulation's walker and its paths by pair, for the rules' and reports' look-ups. */
const walkers = new WeakMap<Simulation, Walker>();
/** Paths by sender, then by destination (names the plan holds once: no key strings built). */
const pairIndexes = new WeakMap<Simulation, ReadonlyMap<string, ReadonlyMap<string, PairPath>>>();

function walkerOf(plan: Plan, sim: Simulation): Walker {
  let w = walkers.get(sim);
  if (!w) {
    w = new Walker(plan, sim.hosts, sim.tables);
    walkers.set(sim, w);
  }
  return w;
}

export function simulate(plan: Plan): Simulation {
  const hosts = testHosts(plan);
  const tables = new Map<string, RoutingTable>();
  for (const r of plan.routers) tables.set(r.name, routerTable(plan, r));
  const walker = new Walker(plan, hosts, tables);
  const nets = networkByName(plan);
  const paths: PairPath[] = [];
  for (const a of hosts) {
    const na = nets.get(a.network);
    if (!na) continue;
    const own = hostTable(na, a.address, a.gateway?.address ?? null);
    for (const b of hosts) {
      const nb = nets.get(b.network);
      if (a === b || !nb || na.cidr.family !== nb.cidr.family) continue;
      paths.push(walk(walker, own, a, b, na));
    }
  }
  const sim: Simulation = { hosts, tables, paths };
  walkers.set(sim, walker);
  return sim;
}

/** A sending host's first hop, one per route of its table (a million pairs share a few). */
const hostHops = new WeakMap<RoutingTable, Map<TableRoute | null, Hop>>();

function hostHop(own: RoutingTable, route: TableRoute | null): Hop {
  const byRoute = hostHops.get(own) ?? new Map<TableRoute | null, Hop>();
  hostHops.set(own, byRoute);
  let hop = byRoute.get(route);
  if (!hop) {
    hop = { node: `host on ${own.addresses[0]?.network ?? ''}`, router: null, route };
    byRoute.set(route, hop);
  }
  return hop;
}

/** From the sending host (its own network, or its default route) to `b`'s host. */
function walk(
  walker: Walker,
  own: RoutingTable,
  a: TestHost,
  b: TestHost,
  na: PlanNetwork,
): PairPath {
  const dst = b.address;
  // One literal per pair, in one shape (a million of them in a big plan: no spreads).
  const path = (hops: readonly Hop[], stop: Stop, reason: string): PairPath => ({
    from: a.network,
    to: b.network,
    src: a.address,
    dst,
    hops,
    stop,
    reason,
  });
  const first = lookupRoute(own, walker.value(dst) ?? dst);
  const hop = hostHop(own, first);
  if (!first) {
    return path(
      [hop],
      { kind: 'no-gateway', network: a.network },
      `hosts on ${a.network} have no gateway: ${a.network} has ${gatewayWords(walker.plan, na)}, so nothing sends their traffic off the network`,
    );
  }
  const who = first.kind === 'connected' ? dst : (first.via ?? '');
  const next = walker.ownerOn(a.network, who);
  if (!next) {
    return path(
      [hop],
      { kind: 'no-neighbour', node: `host on ${a.network}`, address: who, network: a.network },
      `nobody on ${a.network} answers for ${who}`,
    );
  }
  const on = walker.carry(next, b);
  return path([hop, ...on.hops], on.stop, on.reason);
}

/**
 * The path of a packet for `to`'s test host, handed to `router` (as if it came in from one
 * of its networks): what a router of the plan does with traffic for that network.
 */
export function pathFromRouter(
  plan: Plan,
  sim: Simulation,
  router: string,
  to: string,
): PairPath | null {
  const walker = walkerOf(plan, sim);
  const r = walker.routerByName.get(router);
  const b = walker.hostByNetwork.get(to);
  const family = networkByName(plan).get(to)?.cidr.family;
  if (!r || !b || family === undefined || !walker.familiesOf(r).has(family)) return null;
  const on = walker.carry({ kind: 'router', router: r }, b);
  return {
    from: router,
    to,
    src: '',
    dst: b.address,
    hops: on.hops,
    stop: on.stop,
    reason: on.reason,
  };
}

/** Whether a packet for `to`, handed to `router`, arrives (a next hop worth a route). */
export function reachesFromRouter(
  plan: Plan,
  sim: Simulation,
  router: string,
  to: string,
): boolean {
  return pathFromRouter(plan, sim, router, to)?.stop.kind === 'delivered';
}

function gatewayWords(plan: Plan, net: PlanNetwork): string {
  const n = plan.routers.filter((r) => r.interfaces.some((f) => f.network === net.name)).length;
  return n === 0 ? 'no router' : `${n} routers and no gateway named`;
}

export function pathOf(sim: Simulation, from: string, to: string): PairPath | undefined {
  let index = pairIndexes.get(sim);
  if (!index) {
    const byFrom = new Map<string, Map<string, PairPath>>();
    for (const p of sim.paths) {
      const row = byFrom.get(p.from) ?? new Map<string, PairPath>();
      if (!row.has(p.to)) row.set(p.to, p);
      byFrom.set(p.from, row);
    }
    index = byFrom;
    pairIndexes.set(sim, index);
  }
  return index.get(from)?.get(to);
}

export function delivered(sim: Simulation, from: string, to: string): boolean {
  return pathOf(sim, from, to)?.stop.kind === 'delivered';
}

/** The matrix cell for `from` row, `to` column; null across families. */
export function reach(sim: Simulation, from: string, to: string): Reach | null {
  if (!pathOf(sim, from, to)) return null;
  const there = delivered(sim, from, to);
  const back = delivered(sim, to, from);
  return there && back ? 'both' : there ? 'one-way' : 'no';
}

export interface ExpectedPair {
  readonly from: string;
  readonly to: string;
  /** The plan's expect line, or the default in words. */
  readonly text: string;
}

/**
 * What should reach what: the plan's expect list; without one, every ordered pair of one
 * family among the networks whose hosts have a gateway. A transit network (several routers,
 * no gateway named) carries traffic between routers; nobody sends from it.
 */
export function expectedPairs(plan: Plan, sim: Simulation): readonly ExpectedPair[] {
  // The rules and the report each ask; a big plan has a million pairs: work them out once.
  let pairs = expectedCache.get(sim);
  if (!pairs) {
    pairs = workOutExpectedPairs(plan, sim);
    expectedCache.set(sim, pairs);
  }
  return pairs;
}

const expectedCache = new WeakMap<Simulation, readonly ExpectedPair[]>();

function workOutExpectedPairs(plan: Plan, sim: Simulation): ExpectedPair[] {
  if (plan.expect.length === 0) {
    const hostNets = new Set(sim.hosts.filter((h) => h.gateway !== null).map((h) => h.network));
    return sim.paths
      .filter((p) => hostNets.has(p.from) && hostNets.has(p.to))
      .map((p) => ({
        from: p.from,
        to: p.to,
        text: `${p.from} -> ${p.to} (default: every network with a gateway reaches every other)`,
      }));
  }
  return plan.expect.flatMap((e) => [
    { from: e.from, to: e.to, text: e.text },
    ...(e.both ? [{ from: e.to, to: e.from, text: e.text }] : []),
  ]);
}
