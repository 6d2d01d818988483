/** Parses `ip -j route show table all` (IPv4 and IPv6). */
import { num, obj, parseIpJson, str, strings, type JsonObject } from './ip-json.js';
import type { Parsed } from './warnings.js';
import type { Family } from './ip-addr.js';
import { isAddress, isInterfaceName, isRouteDestination, quoted } from './checks.js';

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
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((n): n is JsonObject => !!n && typeof n === 'object')
    .map((n) => ({
      gateway: str(n, 'gateway') ?? null,
      dev: str(n, 'dev') ?? null,
      weight: num(n, 'weight') ?? null,
      ...(strings(n, 'flags').length > 0 ? { flags: strings(n, 'flags') } : {}),
    }));
}

function mapRoute(family: Family) {
  return (o: JsonObject): RouteRecord | string => {
    const dst = str(o, 'dst');
    if (dst === undefined) return 'no dst';
    if (!isRouteDestination(dst)) return `dst: not a route destination: ${quoted(dst)}`;
    const via = obj(o, 'via');
    const gateway = str(o, 'gateway') ?? (via ? (str(via, 'host') ?? null) : null);
    // RFC 5549: an IPv4 route may have an IPv6 next hop, so either family is a gateway.
    if (gateway !== null && !isAddress(gateway))
      return `gateway: not an address: ${quoted(gateway)}`;
    const dev = str(o, 'dev') ?? null;
    if (dev !== null && !isInterfaceName(dev)) return `dev: not an interface name: ${quoted(dev)}`;
    const metric = o['metric'];
    if (
      metric !== undefined &&
      (!Number.isInteger(metric) || (metric as number) < 0 || (metric as number) > 0xffffffff)
    ) {
      return `metric: not a route metric: ${quoted(metric)}`;
    }
    return {
      family,
      type: str(o, 'type') ?? 'unicast',
      table: str(o, 'table') ?? 'main',
      dst,
      // IPv4 routes via an IPv6 next hop (RFC 5549) write it as {"via": {...}}.
      gateway,
      dev,
      protocol: str(o, 'protocol') ?? null,
      scope: str(o, 'scope') ?? null,
      prefsrc: str(o, 'prefsrc') ?? null,
      metric: num(o, 'metric') ?? null,
      flags: strings(o, 'flags'),
      nexthops: mapNexthops(o),
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
