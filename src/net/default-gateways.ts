/**
 * The default gateways of a host: the next hops of the main table's default routes, lowest
 * metric first, as the kernel would choose between them. The one place this is worked out
 * (Discover's gateway flag, ARP repair's gateway to tell, Doctor's "leaves by the default").
 */
import type { HostState } from '../state/host-state.js';
import type { Family } from '../parse/ip-addr.js';
import type { RouteRecord } from '../parse/ip-route.js';

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

/** Their gateways (each next hop of a multipath default too), without repeats. */
export function defaultGateways(
  host: Pick<HostState, 'routes'>,
  family: Family,
  dev?: string,
): string[] {
  const gateways = defaultRoutes(host, family, dev).flatMap((r) =>
    r.nexthops.length > 0
      ? r.nexthops.filter((n) => dev === undefined || n.dev === dev).map((n) => n.gateway)
      : [r.gateway],
  );
  return [...new Set(gateways.filter((g): g is string => g !== null))];
}
