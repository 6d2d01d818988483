/**
 * The default gateways of a host: the next hops of the main table's default routes, lowest
 * metric first, as the kernel would choose between them. The one place this is worked out
 * (Discover's gateway flag, ARP repair's gateway to tell, Doctor's "leaves by the default").
 */
import type { HostState } from '../state/host-state.js';
import type { Family } from '../parse/ip-addr.js';
import type { RouteRecord } from '../parse/ip-route.js';
import { ipValue } from './cidr.js';
import { routePrefix } from './resolve-route-fib.js';

/** Default routes of the main table in `family`, out of `dev` when given, lowest metric first. */
export function defaultRoutes(
  host: Pick<HostState, 'routes'>,
  family: Family,
  dev?: string,
): RouteRecord[] {
  return host.routes
    .filter(
      (r) =>
        r.family === family &&
        r.table === 'main' &&
        r.dst === 'default' &&
        r.type === 'unicast' &&
        (dev === undefined || r.dev === dev || r.nexthops.some((n) => n.dev === dev)),
    )
    .sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
}

export interface DefaultGateway {
  readonly gateway: string;
  readonly dev: string | null;
  readonly metric: number;
  readonly table: string;
}

/**
 * The gateways of the main table's default routes, as the resolver would rank them: lowest
 * metric first (insertion order at equal metric), every next hop of a multipath default,
 * dead routes left out; only those out of `dev` when given. Takes anything with `routes`, so
 * a probe's facts serve as well as a HostState.
 */
export function defaultGatewayHops(
  host: Pick<HostState, 'routes'>,
  family: Family,
  dev?: string,
): DefaultGateway[] {
  const out: DefaultGateway[] = [];
  for (const r of host.routes) {
    if (r.family !== family || r.table !== 'main' || r.type !== 'unicast') continue;
    if (routePrefix(r)?.length !== 0 || r.flags.includes('dead')) continue;
    const hops = r.nexthops.length > 0 ? r.nexthops : [{ gateway: r.gateway, dev: r.dev }];
    for (const h of hops) {
      if (h.gateway === null || ipValue(h.gateway)?.family !== family) continue;
      if (dev !== undefined && h.dev !== dev) continue;
      out.push({ gateway: h.gateway, dev: h.dev, metric: r.metric ?? 0, table: r.table });
    }
  }
  return out.sort((a, b) => a.metric - b.metric);
}

/** Their gateways' addresses (each next hop of a multipath default too), without repeats. */
export function defaultGateways(
  host: Pick<HostState, 'routes'>,
  family: Family,
  dev?: string,
): string[] {
  return [...new Set(defaultGatewayHops(host, family, dev).map((g) => g.gateway))];
}
