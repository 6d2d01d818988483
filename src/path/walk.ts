/**
 * One packet's way across the hosts, hop by hop: on each box the route resolver's decision
 * for it (with the interface it came in on, so forwarding and rp_filter are in it), the
 * packet filter's verdict at the hook it crosses, the interface's state, then who takes it
 * on the link (receiver.ts). Ends where it arrives, where a box drops it, where it leaves
 * the hosts given, or where it comes back to a box it passed (a loop). Pure.
 */
import { firewallVerdict, type FirewallPacket } from '../net/firewall-verdict.js';
import { resolveRoute } from '../net/resolve-route.js';
import type { RouteDecision, RouteQuery } from '../net/route-decision.js';
import type { HostState } from '../state/host-state.js';
import type { HostIndex } from './owners.js';
import { receiverOf } from './receiver.js';
import type { Arrival, Direction, DropKind, HopFirewall, PathHop, Walk, WalkEnd } from './types.js';

/** Both walks of a path question, over the hosts' index: what the path rule judges. */
export interface PathWalks {
  readonly index: HostIndex;
  readonly forward: Walk;
  readonly back: Walk;
}

/** The kernel's default TTL: no walk goes further. */
export const MAX_HOPS = 64;

/** Whether forwarding is on for a packet that came in on `iif` (IPv4; IPv6 reads all). */
export function forwardingOn(host: HostState, iif: string, family: 'inet' | 'inet6'): boolean {
  if (family === 'inet6') return (host.sysctls.ipv6Forward ?? 1) === 1;
  const own = host.sysctls.interfaces[iif]?.forwarding;
  if (own !== undefined) return own === 1;
  return (host.sysctls.ipForward ?? 1) === 1;
}

/** Why the decision stops the packet; null when it goes on. */
function dropOf(host: HostState, d: RouteDecision, iif: string | null): DropKind | null {
  if (d.sourceCheck && !d.sourceCheck.passed) return 'rp-filter';
  if (d.type === 'blackhole' || d.type === 'unreachable' || d.type === 'prohibit') return d.type;
  if (iif !== null && d.type !== 'local' && !forwardingOn(host, iif, d.family)) {
    return 'forwarding-off';
  }
  if (d.error || d.type === 'none') return 'no-route';
  if (d.type !== 'unicast' && d.type !== 'local') return 'no-route';
  return null;
}

function interfaceDown(host: HostState, dev: string | null): boolean {
  const link = dev === null ? undefined : host.interfaces.find((i) => i.name === dev);
  if (!link) return false;
  return !link.adminUp || link.operstate === 'DOWN' || link.operstate === 'LOWERLAYERDOWN';
}

function decisionWords(d: RouteDecision): string {
  if (d.type === 'local') return 'for this box';
  const r = d.route;
  if (!r) return d.error ?? `no route (${d.type})`;
  const table = r.table === 'main' ? '' : ` table ${r.table}`;
  const how = d.gateway !== null ? ` via ${d.gateway}` : '';
  return `${r.type === 'unicast' ? '' : `${r.type} `}${r.dst}${how}${d.dev ? ` dev ${d.dev}` : ''}${table}`;
}

const ICMP_TYPE: Readonly<Record<Direction, string>> = {
  forward: 'echo-request',
  return: 'echo-reply',
};

function crossFilter(
  host: HostState,
  direction: Direction,
  d: RouteDecision,
  iif: string | null,
): HopFirewall | null {
  const tables = host.firewall?.tables;
  if (!tables || tables.length === 0) return null;
  const local = d.type === 'local';
  // A packet a box sends to itself never crosses a filter worth judging here.
  if (local && iif === null) return null;
  const hook = local ? 'input' : iif === null ? 'output' : 'forward';
  const src = d.query.src ?? d.prefsrc ?? '';
  const packet: FirewallPacket = {
    src,
    dst: d.query.dst,
    l4proto: d.query.dst.includes(':') ? 'ipv6-icmp' : 'icmp',
    icmpType: ICMP_TYPE[direction],
    iif,
    oif: local ? null : d.dev,
    // The answer belongs to the connection the request opened.
    ctState: direction === 'forward' ? 'new' : 'established',
  };
  return { hook, packet, verdict: firewallVerdict(tables, hook, packet) };
}

interface Step {
  readonly host: number;
  readonly iif: string | null;
  readonly arrival: Arrival | null;
}

/**
 * Walks one direction; `index` knows every host's addresses. `from` is the host it starts
 * on when the person named it (an address may be held by several hosts of a fleet).
 */
export function walk(
  index: HostIndex,
  direction: Direction,
  src: string,
  dst: string,
  from?: number,
): Walk {
  const hosts = index.hosts;
  const name = (i: number) => hosts[i]?.name ?? `#${i}`;
  const hops: PathHop[] = [];
  const done = (end: WalkEnd): Walk => {
    const verdict =
      end.kind === 'delivered' || end.kind === 'handed-off'
        ? 'ok'
        : end.kind === 'dropped' || end.kind === 'loop'
          ? 'failed'
          : 'unknown';
    return {
      direction,
      src,
      dst,
      hops,
      end,
      verdict,
      words: endWords(end, name, src, dst) + doubt,
    };
  };
  const holders = index.owners(src).filter((o) => hosts[o.hostIndex]?.state);
  const start = holders.find((o) => o.hostIndex === from) ?? holders[0];
  const many = new Set(holders.map((o) => o.hostIndex)).size;
  const doubt =
    start && many > 1 && start.hostIndex !== from
      ? ` (${src} is on ${many} hosts; this walk starts at ${name(start.hostIndex)}: name the host to choose)`
      : '';
  if (!start) return done({ kind: 'no-start', address: src });

  const seen = new Map<string, number>();
  let at: Step = { host: start.hostIndex, iif: null, arrival: null };
  for (let ttl = 0; ttl < MAX_HOPS; ttl++) {
    const state = hosts[at.host]?.state;
    if (!state) return done({ kind: 'unread', hostIndex: at.host });
    const visit = `${at.host}\u0000${at.iif ?? ''}`;
    const before = seen.get(visit);
    if (before !== undefined) {
      return done({ kind: 'loop', hostIndices: hops.slice(before).map((h) => h.hostIndex) });
    }
    seen.set(visit, hops.length);

    const query: RouteQuery = at.iif === null ? { dst, src } : { dst, src, iif: at.iif };
    const decision = resolveRoute(state, query);
    const drop = dropOf(state, decision, at.iif);
    const firewall = drop === null ? crossFilter(state, direction, decision, at.iif) : null;
    const hop = (nextHop: string | null): PathHop => ({
      hostIndex: at.host,
      host: name(at.host),
      iif: at.iif,
      arrival: at.arrival,
      decision,
      firewall,
      nextHop,
      words: `${name(at.host)}: ${at.iif !== null ? `in ${at.iif}, ` : ''}${decisionWords(decision)}`,
    });
    if (drop !== null) {
      hops.push(hop(null));
      return done({ kind: 'dropped', hostIndex: at.host, drop });
    }
    const filtered = firewall?.verdict.verdict;
    if (filtered === 'drop' || filtered === 'reject') {
      hops.push(hop(null));
      return done({ kind: 'dropped', hostIndex: at.host, drop: 'firewall' });
    }
    if (decision.type === 'local') {
      hops.push(hop(null));
      return done({ kind: 'delivered', hostIndex: at.host });
    }
    if (interfaceDown(state, decision.dev)) {
      hops.push(hop(null));
      return done({ kind: 'dropped', hostIndex: at.host, drop: 'interface-down' });
    }
    const next = decision.gateway ?? dst;
    hops.push(hop(next));
    const dev = decision.dev;
    const r =
      dev === null
        ? ({ kind: 'none' } as const)
        : receiverOf(index, at.host, dev, next, decision.gateway === null, src);
    if (r.kind === 'none') {
      return done(
        decision.gateway === null
          ? { kind: 'handed-off', hostIndex: at.host, dev }
          : { kind: 'left', hostIndex: at.host, via: next, dev },
      );
    }
    if (r.kind === 'proxy-arp' && !r.answers) {
      return done({
        kind: 'dropped',
        hostIndex: r.hostIndex,
        drop: 'proxy-arp-off',
        ifname: r.ifname,
      });
    }
    at = { host: r.hostIndex, iif: r.ifname, arrival: r.kind === 'owner' ? 'owner' : 'proxy-arp' };
  }
  return done({ kind: 'loop', hostIndices: hops.map((h) => h.hostIndex) });
}

const DROP_WORDS: Readonly<Record<DropKind, string>> = {
  'no-route': 'it has no route for it',
  blackhole: 'a blackhole route swallows it',
  unreachable: 'an unreachable route refuses it',
  prohibit: 'a prohibit route refuses it',
  'forwarding-off': 'forwarding is off there',
  'rp-filter': 'rp_filter refuses its source',
  firewall: 'its firewall drops it',
  'interface-down': 'the interface it would leave by is down',
  'proxy-arp-off':
    'the destination is behind it and proxy_arp is off, so nobody answers ARP for it',
};

function endWords(end: WalkEnd, name: (i: number) => string, src: string, dst: string): string {
  switch (end.kind) {
    case 'delivered':
      return `arrives at ${name(end.hostIndex)}`;
    case 'handed-off':
      return `${name(end.hostIndex)} delivers it to ${dst} on its link${end.dev ? ` ${end.dev}` : ''} (${dst} is none of the hosts you gave)`;
    case 'left':
      return `leaves the hosts you gave at ${name(end.hostIndex)} via ${end.via}`;
    case 'dropped':
      return `stops at ${name(end.hostIndex)}: ${DROP_WORDS[end.drop]}`;
    case 'loop':
      return `goes round in a loop: ${[...end.hostIndices, end.hostIndices[0] ?? 0].map(name).join(' → ')}`;
    case 'no-start':
      return `none of the hosts you gave holds ${src}: the walk cannot start`;
    case 'unread':
      return `reaches ${name(end.hostIndex)}, which could not be read`;
  }
}
