/**
 * What carries a packet once a dead route is gone: the route the resolver picks with that
 * one removed, when it leads to another next hop that is not known to be dead. Two default
 * routes with different metrics are the common case: the kernel takes the lowest metric
 * whether or not its gateway answers (fib_select_default() only rotates among defaults of
 * one metric), so a dead preferred route hides a working backup. The fixes here delete or
 * demote the dead route. Pure.
 */
import type { RouteRecord } from '../../parse/ip-route.js';
import type { RouteDecision } from '../../net/route-decision.js';
import type { HostState } from '../../state/host-state.js';
import { resolveRoute, routePrefix } from '../../net/resolve-route.js';
import {
  nextHopAddress,
  nextHopNeighbour,
  outputInterface,
  routeText,
} from '../../net/resolve-route-facts.js';

export interface Backup {
  /** The route that carries the packet without the dead one. */
  readonly route: RouteRecord;
  readonly decision: RouteDecision;
  /** Both are default routes: the dead one is preferred, this one waits behind it. */
  readonly backupDefault: boolean;
}

/** Whether the decision's way out is not known to be dead (up link, next hop not FAILED). */
function looksAlive(host: HostState, d: RouteDecision): boolean {
  if (d.type !== 'unicast' || d.error) return false;
  const i = outputInterface(host, d);
  if (!i || !i.adminUp || !i.carrier) return false;
  const n = nextHopNeighbour(host, d);
  return !n || !(n.states.includes('FAILED') || n.states.includes('INCOMPLETE'));
}

/** The route that takes over when `dead` (the decision's route) is deleted, if one would. */
export function backupRoute(host: HostState, d: RouteDecision): Backup | null {
  const dead = d.route;
  if (!dead || dead.nexthops.length > 0) return null;
  const rest = { ...host, routes: host.routes.filter((r) => r !== dead) };
  const fallback = resolveRoute(rest, d.query);
  const hop = nextHopAddress(d);
  const next = nextHopAddress(fallback);
  if (!fallback.route || next === null) return null;
  if (next === hop && fallback.dev === d.dev) return null;
  if (!looksAlive(host, fallback)) return null;
  const isDefault = (r: RouteRecord) => routePrefix(r)?.length === 0;
  return {
    route: fallback.route,
    decision: fallback,
    backupDefault: isDefault(dead) && isDefault(fallback.route),
  };
}

/** `ip route del [TYPE] default via GW dev IF metric M [table T]`: exactly the one route. */
export function routeDelCommand(r: RouteRecord): string {
  const type = r.type !== 'unicast' ? `${r.type} ` : '';
  return `ip${r.family === 'inet6' ? ' -6' : ''} route del ${type}${routeKey(r)}`;
}

function routeKey(r: RouteRecord, metric: number | null = r.metric): string {
  const parts = [r.dst];
  if (r.gateway) parts.push('via', r.gateway);
  if (r.dev) parts.push('dev', r.dev);
  if (metric !== null) parts.push('metric', String(metric));
  if (r.table !== 'main') parts.push('table', r.table);
  return parts.join(' ');
}

/** "the backup default via 203.0.113.1 dev eth1 metric 200", or the fallback route. */
export function backupWords(b: Backup): string {
  return b.backupDefault ? `the backup ${routeText(b.route)}` : `"${routeText(b.route)}"`;
}

/**
 * Delete the dead route (the backup then carries the packets); for a backup default, the
 * alternative keeps the dead route as a last resort behind the backup: the kernel replaces
 * a route only at the same metric, so demoting it is a delete, then an add.
 */
export function deleteOrDemoteFix(dead: RouteRecord, b: Backup): string[] {
  const fix = [
    `# delete the dead route; packets then take ${backupWords(b)}:`,
    routeDelCommand(dead),
  ];
  if (b.backupDefault) {
    const behind = (b.route.metric ?? 0) + 1;
    fix.push(
      `# or demote it behind the backup, to come back when the backup fails (after the delete):`,
      `ip${dead.family === 'inet6' ? ' -6' : ''} route add ${routeKey(dead, behind)}`,
    );
  }
  return fix;
}

/** The why's sentence about the backup. */
export function backupSentence(dead: RouteRecord, b: Backup): string {
  if (!b.backupDefault) {
    return ` Without this route the packets would take "${routeText(b.route)}".`;
  }
  return (
    ` A backup default route is there, "${routeText(b.route)}", and its way out looks ` +
    `alive, but the kernel always takes the default with the lowest metric ` +
    `(${dead.metric ?? 0} here) whether or not its gateway answers, so the backup is never used ` +
    `while the dead route stands.`
  );
}
