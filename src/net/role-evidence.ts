/**
 * Evidence lines for the doctor's rules, each with the snapshot key that printed it: a
 * route as `ip route` writes it, a sysctl file and its value, an address. Pure.
 */
import type { Evidence } from '../diagnose/finding.js';
import type { RouteRecord } from '../parse/ip-route.js';
import type { HostState } from '../state/host-state.js';
import { IP_SOURCES, commandKey, interfaceSysctlPath } from '../snapshot/sources.js';
import { effectiveSysctl } from '../parse/sysctl.js';
import type { InterfaceSysctl } from '../snapshot/sources.js';
import { safeText } from '../text/safe.js';

/** A route as `ip route show` prints it: `203.0.113.10 via 10.0.0.2 dev eth1 proto static metric 100`. */
export function routeText(r: RouteRecord): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(r.dst);
  if (r.gateway) parts.push('via', r.gateway);
  if (r.dev) parts.push('dev', r.dev);
  if (r.table !== 'main') parts.push('table', r.table);
  if (r.protocol) parts.push('proto', r.protocol);
  if (r.scope && r.scope !== 'global') parts.push('scope', r.scope);
  if (r.prefsrc) parts.push('src', r.prefsrc);
  if (r.metric !== null) parts.push('metric', String(r.metric));
  parts.push(...r.flags);
  return safeText(parts.join(' '));
}

export function routeEvidence(r: RouteRecord): Evidence {
  const source = commandKey(r.family === 'inet' ? IP_SOURCES.route4 : IP_SOURCES.route6);
  return { source, text: routeText(r) };
}

/** The per-interface file, and `all` too when `all` is what sets the value the kernel uses. */
export function sysctlEvidence(host: HostState, ifname: string, name: InterfaceSysctl): Evidence[] {
  const own = host.sysctls.interfaces[ifname]?.[name];
  const all = host.sysctls.interfaces['all']?.[name];
  const out: Evidence[] = [];
  if (own !== undefined) {
    out.push({ source: interfaceSysctlPath(ifname, name), text: String(own) });
  }
  if (all !== undefined && (own === undefined || all > own)) {
    out.push({ source: interfaceSysctlPath('all', name), text: String(all) });
  }
  return out;
}

export function effective(host: HostState, ifname: string, name: InterfaceSysctl): number | null {
  return effectiveSysctl(host.sysctls, ifname, name);
}

export const IP_FORWARD_PATH = '/proc/sys/net/ipv4/ip_forward';

export function addressEvidence(ifname: string, address: string, length: number): Evidence {
  return {
    source: commandKey(IP_SOURCES.addr),
    text: safeText(`${ifname}: inet ${address}/${length}`),
  };
}

/** The main-table unicast IPv4 routes: the ones the rules compare. */
export function mainRoutes4(host: HostState): RouteRecord[] {
  return host.routes.filter(
    (r) => r.family === 'inet' && r.table === 'main' && r.type === 'unicast',
  );
}
