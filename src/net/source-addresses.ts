/**
 * The local addresses that policy routing can treat differently: those a rule's `from`
 * selects (`ip rule add from ADDR2 lookup 100`), and those a route names as its `src`.
 * A packet from such an address (a reply from a service bound to it, a ping with -I) may
 * take another table than the kernel's own choice of source, and die there while the
 * usual path works. Pure.
 */
import type { RouteRecord } from '../parse/ip-route.js';
import type { RuleRecord } from '../parse/ip-rule.js';
import type { HostState } from '../state/host-state.js';
import { cidrContains, parseCidr } from './cidr.js';
import { localNets } from './role.js';

export interface SelectableSource {
  readonly address: string;
  readonly iface: string;
  /** The rules whose `from` holds it (lookup rules only). */
  readonly rules: readonly RuleRecord[];
  /** The routes that name it as their preferred source. */
  readonly routes: readonly RouteRecord[];
}

/** Global IPv4 addresses picked out by a rule's `from` or a route's `src`, in address order of the host. */
export function selectableSources(host: HostState): SelectableSource[] {
  const out: SelectableSource[] = [];
  for (const n of localNets(host)) {
    if (n.cidr.family !== 'inet') continue;
    const rules = host.rules.filter((r) => {
      if (r.family !== 'inet' || r.not || r.from === 'all' || r.table === null) return false;
      if (r.table === 'local' || r.table === 'main' || r.table === 'default') return false;
      const from = parseCidr(r.from);
      return from !== null && cidrContains(from, n.address);
    });
    const routes = host.routes.filter(
      (r) => r.family === 'inet' && r.table !== 'local' && r.prefsrc === n.address,
    );
    if (rules.length > 0 || routes.some((r) => r.protocol !== 'kernel')) {
      out.push({ address: n.address, iface: n.iface, rules, routes });
    }
  }
  return out;
}
