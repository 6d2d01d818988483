/**
 * The plan's forwarding, worked out hop by hop. A test host sits on each network; for every
 * ordered pair of networks of one family, the host on the first sends to the host on the
 * second, and each router on the way looks the destination up in its table (longest prefix),
 * until the packet arrives, is dropped, or goes round until its TTL runs out. Pure.
 */
import { ipText, ipValue } from '../net/cidr.js';
import {
  hostTable,
  lookupRoute,
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

/** The first address of the network, from the top, that the plan does not use. */
function testAddress(plan: Plan, net: PlanNetwork): string {
  const used = new Set<string>();
  for (const r of plan.routers) {
    for (const f of r.interfaces)
      used.add(ipText(ipValue(f.address) ?? { family: 'inet', value: 0n }));
    for (const route of r.routes)
      if (route.via) used.add(ipText(ipValue(route.via) ?? { family: 'inet', value: 0n }));
  }
  const top =
    net.cidr.family === 'inet' && net.cidr.length < 31 ? net.cidr.last - 1n : net.cidr.last;
  for (let v = top; v >= net.cidr.first; v--) {
    const text = ipText({ family: net.cidr.family, value: v });
    if (!used.has(text)) return text;
  }
  return ipText({ family: net.cidr.family, value: top });
}

function gatewayOf(plan: Plan, net: PlanNetwork): TestHost['gateway'] {
  const attached = plan.routers.filter((r) => r.interfaces.some((f) => f.network === net.name));
  const router =
    net.gateway !== null
      ? attached.find((r) => r.name === net.gateway)
      : attached.length === 1
        ? attached[0]
        : undefined;
  const address = router?.interfaces.find((f) => f.network === net.name)?.address;
  return router && address ? { router: router.name, address } : null;
}

export function testHosts(plan: Plan): TestHost[] {
  return plan.networks.map((net) => ({
    network: net.name,
    address: testAddress(plan, net),
    gateway: gatewayOf(plan, net),
  }));
}

type Node =
  | { readonly kind: 'router'; readonly router: PlanRouter }
  | { readonly kind: 'host'; readonly host: TestHost };

function sameAddress(a: string, b: string): boolean {
  const va = ipValue(a);
  const vb = ipValue(b);
  return va !== null && vb !== null && va.family === vb.family && va.value === vb.value;
}

/** Who answers ARP (or neighbour discovery) for `address` on `network`. */
function ownerOn(
  plan: Plan,
  hosts: readonly TestHost[],
  network: string,
  address: string,
): Node | null {
  for (const router of plan.routers) {
    if (router.interfaces.some((f) => f.network === network && sameAddress(f.address, address))) {
      return { kind: 'router', router };
    }
  }
  const host = hosts.find((h) => h.network === network && sameAddress(h.address, address));
  return host ? { kind: 'host', host } : null;
}

export function simulate(plan: Plan): Simulation {
  const hosts = testHosts(plan);
  const tables = new Map<string, RoutingTable>();
  for (const r of plan.routers) tables.set(r.name, routerTable(plan, r));
  const paths: PairPath[] = [];
  for (const a of hosts) {
    for (const b of hosts) {
      const na = plan.networks.find((n) => n.name === a.network);
      const nb = plan.networks.find((n) => n.name === b.network);
      if (a === b || !na || !nb || na.cidr.family !== nb.cidr.family) continue;
      paths.push(walk(plan, hosts, tables, a, b, na));
    }
  }
  return { hosts, tables, paths };
}

function walk(
  plan: Plan,
  hosts: readonly TestHost[],
  tables: ReadonlyMap<string, RoutingTable>,
  a: TestHost,
  b: TestHost,
  na: PlanNetwork,
): PairPath {
  const hops: Hop[] = [];
  const done = (stop: Stop, reason: string): PairPath => ({
    from: a.network,
    to: b.network,
    src: a.address,
    dst: b.address,
    hops,
    stop,
    reason,
  });
  const dst = b.address;
  // The sending host: its own network, or its default route.
  const first = lookupRoute(hostTable(na, a.address, a.gateway?.address ?? null), dst);
  hops.push({ node: `host on ${a.network}`, router: null, route: first });
  if (!first) {
    return done(
      { kind: 'no-gateway', network: a.network },
      `hosts on ${a.network} have no gateway: ${a.network} has ${gatewayWords(plan, na)}, so nothing sends their traffic off the network`,
    );
  }
  const next =
    first.kind === 'connected'
      ? ownerOn(plan, hosts, a.network, dst)
      : ownerOn(plan, hosts, a.network, first.via ?? '');
  if (!next) {
    const who = first.kind === 'connected' ? dst : (first.via ?? '');
    return done(
      { kind: 'no-neighbour', node: `host on ${a.network}`, address: who, network: a.network },
      `nobody on ${a.network} answers for ${who}`,
    );
  }
  return carry(plan, hosts, tables, next, b, hops, done);
}

/**
 * Carries the packet from `start` (a router, or the host it was handed to) towards `b`'s host,
 * adding each router's hop, until it arrives, is dropped or loops.
 */
function carry(
  plan: Plan,
  hosts: readonly TestHost[],
  tables: ReadonlyMap<string, RoutingTable>,
  start: Node,
  b: TestHost,
  hops: Hop[],
  done: (stop: Stop, reason: string) => PairPath,
): PairPath {
  const dst = b.address;
  let next = start;
  const visited: string[] = [];
  for (let ttl = TTL; ttl > 0; ttl--) {
    if (next.kind === 'host') {
      if (next.host === b) {
        hops.push({ node: `host on ${b.network}`, router: null, route: null });
        return done({ kind: 'delivered' }, `arrives at ${dst} on ${b.network}`);
      }
      return done(
        { kind: 'not-forwarded', network: next.host.network },
        `the packet is handed to the test host on ${next.host.network}, which does not forward`,
      );
    }
    const router = next.router;
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
    const table = tables.get(router.name) ?? { addresses: [], routes: [], rejected: [] };
    const route = lookupRoute(table, dst);
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
    const found = ownerOn(plan, hosts, network, target);
    // A router whose route names its own address asks the link for itself: nobody answers.
    const owner = found?.kind === 'router' && found.router === router ? null : found;
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
  const r = plan.routers.find((x) => x.name === router);
  const b = sim.hosts.find((h) => h.network === to);
  const family = plan.networks.find((n) => n.name === to)?.cidr.family;
  if (!r || !b || !r.interfaces.some((f) => ipValue(f.address)?.family === family)) return null;
  const hops: Hop[] = [];
  return carry(
    plan,
    sim.hosts,
    sim.tables,
    { kind: 'router', router: r },
    b,
    hops,
    (stop, reason) => ({
      from: router,
      to,
      src: '',
      dst: b.address,
      hops,
      stop,
      reason,
    }),
  );
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
  return sim.paths.find((p) => p.from === from && p.to === to);
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
export function expectedPairs(plan: Plan, sim: Simulation): ExpectedPair[] {
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
