/** Parses `ip -j route show table all` (IPv4 and IPv6). */
import { num, obj, parseIpJson, str, type JsonObject } from './ip-json.js';
import type { Parsed } from './warnings.js';
import type { Family } from './ip-addr.js';
import {
  BadField,
  intField,
  isAddress,
  isInterfaceName,
  isRouteDestination,
  quoted,
  ROUTE_TYPES,
  stringField,
  stringsField,
  tableField,
} from './checks.js';

export interface NextHop {
  readonly gateway: string | null;
  readonly dev: string | null;
  readonly weight: number | null;
  /** dead (its interface is down: the kernel skips it), linkdown, onlink, ... */
  readonly flags?: readonly string[];
}

export interface RouteRecord {
  readonly family: Family;
  /** unicast, local, broadcast, blackhole, unreachable, prohibit, multicast, ... */
  readonly type: string;
  /** The table's name or number; `ip` leaves it out for main. */
  readonly table: string;
  /** `default` or a prefix; a host route is written without /32 by ip. */
  readonly dst: string;
  readonly gateway: string | null;
  readonly dev: string | null;
  readonly protocol: string | null;
  readonly scope: string | null;
  readonly prefsrc: string | null;
  readonly metric: number | null;
  /** onlink, linkdown, dead, ... */
  readonly flags: readonly string[];
  /** ECMP next hops; empty for a single-path route. */
  readonly nexthops: readonly NextHop[];
}

function mapNexthops(o: JsonObject): NextHop[] {
  const raw = o['nexthops'];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new BadField('nexthops', `not a list: ${quoted(raw)}`);
  return raw.map((n: unknown, i) => {
    if (!n || typeof n !== 'object' || Array.isArray(n)) {
      throw new BadField('nexthops', `not a next hop: ${quoted(n)}`);
    }
    try {
      return nextHop(n as JsonObject);
    } catch (err) {
      if (err instanceof BadField) throw new BadField(`nexthops[${i}].${err.field}`, err.reason);
      throw err;
    }
  });
}

function nextHop(hop: JsonObject): NextHop {
  const flags = stringsField(hop, 'flags', 'a next-hop flag');
  return {
    gateway: stringField(hop, 'gateway', 'a next-hop address', (g) => isAddress(g)) ?? null,
    dev: stringField(hop, 'dev', 'an interface name', isInterfaceName) ?? null,
    weight: intField(hop, 'weight', 1, 256, 'a next-hop weight (1..256)') ?? null,
    ...(flags.length > 0 ? { flags } : {}),
  };
}

function mapRoute(family: Family) {
  return (o: JsonObject): RouteRecord | string => {
    const dst = str(o, 'dst');
    if (dst === undefined) return 'no dst';
    if (!isRouteDestination(dst)) return `dst: not a route destination: ${quoted(dst)}`;
    const via = obj(o, 'via');
    const gateway =
      stringField(o, 'gateway', 'an address', (g) => isAddress(g)) ??
      (via ? (str(via, 'host') ?? null) : null);
    // RFC 5549: an IPv4 route may have an IPv6 next hop, so either family is a gateway.
    if (gateway !== null && !isAddress(gateway))
      return `gateway: not an address: ${quoted(gateway)}`;
    const dev = stringField(o, 'dev', 'an interface name', isInterfaceName) ?? null;
    if (dev !== null && !isInterfaceName(dev)) return `dev: not an interface name: ${quoted(dev)}`;
    const metric = o['metric'];
    if (
      metric !== undefined &&
      (!Number.isInteger(metric) || (metric as number) < 0 || (metric as number) > 0xffffffff)
    ) {
      return `metric: not a route metric: ${quoted(metric)}`;
    }
    const type = stringField(o, 'type', 'a route type', (t) => ROUTE_TYPES.has(t)) ?? 'unicast';
    const table = tableField(o) ?? 'main';
    const prefsrc = stringField(o, 'prefsrc', 'an address', (a) => isAddress(a)) ?? null;
    const protocol = stringField(o, 'protocol', 'a route protocol', (p) =>
      /^[\w.-]{1,64}$/.test(p),
    );
    const scope = stringField(o, 'scope', 'a route scope', (p) => /^[\w.-]{1,64}$/.test(p));
    const flags = stringsField(o, 'flags', 'a route flag');
    const nexthops = mapNexthops(o);
    return {
      family,
      type,
      table,
      dst,
      // IPv4 routes via an IPv6 next hop (RFC 5549) write it as {"via": {...}}.
      gateway,
      dev,
      protocol: protocol ?? null,
      scope: scope ?? null,
      prefsrc,
      metric: num(o, 'metric') ?? null,
      flags,
      nexthops,
    };
  };
}

export function parseIpRoute(
  text: string,
  family: Family,
  source = `ip -j ${family === 'inet' ? '-4' : '-6'} route show table all`,
): Parsed<RouteRecord> {
  return parseIpJson(text, source, mapRoute(family));
}
