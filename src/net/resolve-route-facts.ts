/**
 * Facts around a route decision that the words, the rules and the JSON share: a route or
 * rule written as `ip` writes it, the next hop, its neighbour entry, the output interface,
 * and where each fact was read (the evidence source). Pure.
 */
import type { RouteRecord } from '../parse/ip-route.js';
import type { RuleRecord } from '../parse/ip-rule.js';
import type { NeighbourRecord } from '../parse/ip-neigh.js';
import type { HostState, InterfaceState } from '../state/host-state.js';
import { IP_SOURCES, commandKey } from '../snapshot/sources.js';
import type { RouteDecision } from './route-decision.js';

/** The command whose output holds a family's routes, rules, and the neighbours and links. */
export const SOURCES = {
  route: (family: 'inet' | 'inet6') =>
    commandKey(family === 'inet' ? IP_SOURCES.route4 : IP_SOURCES.route6),
  rule: (family: 'inet' | 'inet6') =>
    commandKey(family === 'inet' ? IP_SOURCES.rule4 : IP_SOURCES.rule6),
  neigh: commandKey(IP_SOURCES.neigh),
  link: commandKey(IP_SOURCES.link),
} as const;

/** `blackhole 203.0.113.0/26 table 100`, `default via 192.0.2.254 dev lan0 metric 100`. */
export function routeText(r: RouteRecord): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(r.dst);
  if (r.nexthops.length > 0) {
    for (const h of r.nexthops) {
      parts.push('nexthop');
      if (h.gateway) parts.push('via', h.gateway);
      if (h.dev) parts.push('dev', h.dev);
      if (h.weight !== null) parts.push('weight', String(h.weight));
    }
  } else {
    if (r.gateway) parts.push('via', r.gateway);
    if (r.dev) parts.push('dev', r.dev);
  }
  if (r.table !== 'main') parts.push('table', r.table);
  if (r.protocol && r.protocol !== 'boot') parts.push('proto', r.protocol);
  if (r.scope && r.scope !== 'global') parts.push('scope', r.scope);
  if (r.prefsrc) parts.push('src', r.prefsrc);
  if (r.metric !== null) parts.push('metric', String(r.metric));
  parts.push(...r.flags);
  return parts.join(' ');
}

/** `100: from 10.8.0.0/24 lookup 100`, `120: from all to 10.60.0.0/16 unreachable`. */
export function ruleText(r: RuleRecord): string {
  const parts = [`${r.priority}:`];
  if (r.not) parts.push('not');
  parts.push('from', r.from);
  if (r.to !== 'all') parts.push('to', r.to);
  if (r.tos !== undefined && r.tos !== null) parts.push('tos', `0x${r.tos.toString(16)}`);
  if (r.fwmark) parts.push('fwmark', r.fwmark);
  if (r.iif) parts.push('iif', r.iif);
  if (r.oif) parts.push('oif', r.oif);
  if (r.uidRange) parts.push('uidrange', `${r.uidRange[0]}-${r.uidRange[1]}`);
  if (r.ipproto) parts.push('ipproto', r.ipproto);
  if (r.sport) parts.push('sport', r.sport);
  if (r.dport) parts.push('dport', r.dport);
  if (r.l3mdev) parts.push('lookup', '[l3mdev-table]');
  if (r.action === 'goto') parts.push('goto', String(r.gotoTarget ?? '?'));
  else if (r.action && r.action !== 'to_tbl') parts.push(r.action);
  else if (r.table) parts.push('lookup', r.table);
  if (r.suppressPrefixlength !== undefined && r.suppressPrefixlength !== null)
    parts.push('suppress_prefixlength', String(r.suppressPrefixlength));
  return parts.join(' ');
}

/** The address the packet is handed to next: the gateway, or the destination when on-link. */
export function nextHopAddress(d: RouteDecision): string | null {
  if (d.type !== 'unicast' || d.error) return null;
  return d.gateway ?? d.query.dst;
}

/** The neighbour entry (ARP or NDP) for the next hop on the output interface, if any. */
export function nextHopNeighbour(
  host: Pick<HostState, 'neighbours'>,
  d: RouteDecision,
): NeighbourRecord | null {
  const hop = nextHopAddress(d);
  if (hop === null || d.dev === null) return null;
  return host.neighbours.find((n) => n.dst === hop && n.dev === d.dev) ?? null;
}

/** The chosen output interface's state, or null for loopback and reject answers. */
export function outputInterface(
  host: Pick<HostState, 'interfaces'>,
  d: RouteDecision,
): InterfaceState | null {
  if (d.dev === null || d.type !== 'unicast' || d.error) return null;
  return host.interfaces.find((i) => i.name === d.dev) ?? null;
}

/** Up and with carrier, admin down, or no carrier: in words. */
export function interfaceStateText(i: InterfaceState): string {
  if (!i.adminUp) return 'administratively down';
  if (!i.carrier) return 'up, but no carrier';
  return i.operstate === 'UP' || i.operstate === 'UNKNOWN' ? 'up' : `up (${i.operstate})`;
}

/** `lan0: <BROADCAST,MULTICAST,UP,LOWER_UP> state UP`, the link line as evidence. */
export function linkEvidence(i: InterfaceState): string {
  return `${i.name}: <${i.flags.join(',')}> state ${i.operstate}`;
}

/** `192.0.2.254 dev lan0 lladdr 00:11:22:33:44:55 REACHABLE`, as `ip neigh` prints it. */
export function neighbourText(n: NeighbourRecord): string {
  return [n.dst, 'dev', n.dev, ...(n.lladdr ? ['lladdr', n.lladdr] : []), ...n.states].join(' ');
}
