/**
 * The kernel's source validation of an IPv4 packet that arrives, reverse-path filtering
 * included, as net/ipv4/fib_frontend.c fib_validate_source() and __fib_validate_source()
 * do it. Pure: it reads the rules, the tables, the addresses and the conf/ sysctls.
 *
 * The reverse lookup asks for the way back: to the packet's source, from its destination,
 * as if it came in on the interface the packet would leave by (lo for a packet for us),
 * with the packet's mark only under src_valid_mark, uid 0, through the policy rules.
 *   - It fails (no route, a reject route or rule): strict and loose drop the packet;
 *     rp_filter 0 lets it in.
 *   - It finds a route that is not unicast (our own address without accept_local, a
 *     broadcast address): a martian source, dropped in every mode.
 *   - A next hop of that route uses the incoming interface: in.
 *   - Else, an incoming interface without IPv4 addresses drops it unless rp_filter is 0;
 *     strict (1) drops it; loose (any other non-zero value) lets it in.
 * With rp_filter 0 the kernel skips the lookup unless the host has its own rules or local
 * routes, or the packet leaves by the interface it came in on while send_redirects is on;
 * it then only refuses a source that is one of its own addresses (unless accept_local).
 *
 * Not modelled: IPsec (a packet with a security path is never filtered), route realms
 * (tclassid), VRF (l3mdev): said in the resolver's caveats where it matters.
 */
import type { HostState } from '../state/host-state.js';
import type { RouteRecord } from '../parse/ip-route.js';
import { effectiveSysctl } from '../parse/sysctl.js';
import type { InterfaceSysctl } from '../snapshot/sources.js';
import { ipText, ipValue, type IpValue } from './cidr.js';
import { defaultRules, fibLookup, type FibResult } from './resolve-route-fib.js';
import type { SourceCheck, SourceOutcome, WayBack } from './route-decision.js';

export type SourceView = Pick<HostState, 'interfaces' | 'routes' | 'rules' | 'sysctls'>;

/** The packet as the check sees it. */
export interface SourcePacket {
  readonly src: IpValue;
  /** Its destination; null for a broadcast, which the kernel checks with destination 0. */
  readonly dst: IpValue | null;
  /** The interface it came in on. */
  readonly iif: string;
  /** The interface the route sends it out of (forwarding); null when it is for this host. */
  readonly oif: string | null;
  readonly mark?: number;
  readonly tos?: number;
}

/** A conf/ value as the kernel reads it: the interface's or all's (the larger), else its default. */
function conf(host: SourceView, iif: string, name: InterfaceSysctl, fallback: number): number {
  return effectiveSysctl(host.sysctls, iif, name) ?? fallback;
}

/** What the kernel's mode is called. */
export function rpFilterMode(value: number): string {
  if (value === 0) return 'off';
  return value === 1 ? 'strict' : 'loose';
}

/**
 * net->ipv4.fib_has_custom_rules: set once a rule is added or deleted. Read as "the rules
 * are not the kernel's three".
 */
function hasCustomRules(host: SourceView): boolean {
  const own = host.rules.filter((r) => r.family === 'inet');
  if (own.length === 0) return false;
  const key = (r: { priority: number; table: string | null; from: string; to: string }) =>
    `${r.priority} ${r.table} ${r.from} ${r.to}`;
  const defaults = defaultRules('inet').map(key);
  return (
    own.length !== defaults.length ||
    own.some(
      (r, i) =>
        key(r) !== defaults[i] ||
        r.not ||
        r.action !== null ||
        r.fwmark !== null ||
        r.iif !== null ||
        r.oif !== null,
    )
  );
}

/** net->ipv4.fib_has_custom_local_routes: a `local` route someone added (not the kernel's). */
function hasCustomLocalRoutes(host: SourceView): boolean {
  return host.routes.some(
    (r) => r.family === 'inet' && r.type === 'local' && r.protocol !== 'kernel',
  );
}

function isOwnAddress(host: SourceView, v: IpValue): boolean {
  return host.interfaces.some((i) =>
    i.addresses.some((a) => a.family === 'inet' && ipValue(a.local)?.value === v.value),
  );
}

function hasIpv4Address(host: SourceView, name: string): boolean {
  return (host.interfaces.find((i) => i.name === name)?.addresses ?? []).some(
    (a) => a.family === 'inet',
  );
}

/** fib_info_nh_uses_dev(): every next hop of the route, dead ones included. */
function routeDevs(route: RouteRecord | null): string[] {
  if (!route) return [];
  const devs = route.nexthops.length > 0 ? route.nexthops.map((h) => h.dev) : [route.dev];
  return [...new Set(devs.filter((d): d is string => d !== null))];
}

function wayBack(r: FibResult): WayBack {
  return {
    type: r.type,
    error: r.error,
    table: r.table,
    rule: r.rule,
    route: r.route,
    devs: routeDevs(r.route),
  };
}

/** What the failed way back was: "blackhole 5.0.0.0/8", "rule 120 unreachable", "no route". */
function failedBackWords(b: WayBack): string {
  if (b.route)
    return `${b.type} ${b.route.dst}${b.table && b.table !== 'main' ? ` in table ${b.table}` : ''}`;
  if (b.rule && b.rule.action) return `rule ${b.rule.priority} ${b.rule.action}`;
  return 'no table the rules select holds it';
}

function words(
  outcome: SourceOutcome,
  p: { iif: string; src: string; rpf: number; back: WayBack | null },
): string {
  const { iif, src, rpf, back } = p;
  const mode = `${rpFilterMode(rpf)}, rp_filter = ${rpf}`;
  const devs = back?.devs.join(' or ') || 'no interface';
  switch (outcome) {
    case 'off':
      return `rp_filter is off on ${iif}: the kernel lets ${src} in without asking the way back`;
    case 'accept-local':
      return `accept_local is on for ${iif}: the kernel lets ${src} in`;
    case 'same-interface':
      return `rp_filter on ${iif} lets it in: the way back to ${src} leaves by ${iif} (${mode})`;
    case 'loose':
      return `rp_filter on ${iif} lets it in: there is a way back to ${src}, by ${devs} (${mode})`;
    case 'own-address':
      return `${src} is this host's own address: the kernel drops it as a martian source (accept_local is off on ${iif})`;
    case 'martian-source':
      return `the way back to ${src} is a ${back?.type ?? '?'} route: the kernel drops it as a martian source`;
    case 'no-route-back':
      return `rp_filter on ${iif} drops it: no route back to ${src} at all (${back ? failedBackWords(back) : 'no route'}; ${mode})`;
    case 'no-address':
      return `rp_filter on ${iif} drops it: ${iif} has no IPv4 address, and the way back to ${src} leaves by ${devs} (${mode})`;
    case 'other-interface':
      return `rp_filter on ${iif} drops it: the way back to ${src} leaves by ${devs} (${mode})`;
  }
}

const PASSES: ReadonlySet<SourceOutcome> = new Set([
  'off',
  'accept-local',
  'same-interface',
  'loose',
]);

/** fib_validate_source(): does the kernel let this packet in, and why. */
export function validateSource(host: SourceView, p: SourcePacket): SourceCheck {
  const rpf = conf(host, p.iif, 'rp_filter', 0);
  const acceptLocal = conf(host, p.iif, 'accept_local', 0) !== 0;
  const src = ipText(p.src);
  const end = (outcome: SourceOutcome, back: WayBack | null): SourceCheck => ({
    iif: p.iif,
    src,
    rpFilter: rpf,
    passed: PASSES.has(outcome),
    outcome,
    back,
    words: words(outcome, { iif: p.iif, src, rpf, back }),
  });

  const hairpin = p.oif === p.iif && conf(host, p.iif, 'send_redirects', 1) !== 0;
  if (rpf === 0 && !hairpin) {
    if (acceptLocal) return end('accept-local', null);
    // With rules or local routes of its own the kernel looks the way back up even so.
    if (!hasCustomRules(host) && !hasCustomLocalRoutes(host)) {
      return end(isOwnAddress(host, p.src) ? 'own-address' : 'off', null);
    }
  }

  const mark = conf(host, p.iif, 'src_valid_mark', 0) !== 0 ? (p.mark ?? 0) : 0;
  const dst = p.dst ?? { family: 'inet' as const, value: 0n };
  const r = fibLookup(host, {
    q: {
      dst: src,
      src: ipText(dst),
      iif: p.oif ?? 'lo',
      mark,
      ...(p.tos !== undefined ? { tos: p.tos } : {}),
    },
    dst: p.src,
    src: dst,
    strictDev: null,
  });
  const back = wayBack(r);
  if (r.error !== null) return end(rpf !== 0 ? 'no-route-back' : 'off', back);
  if (r.type !== 'unicast' && !(r.type === 'local' && acceptLocal)) {
    return end(r.type === 'local' ? 'own-address' : 'martian-source', back);
  }
  if (back.devs.includes(p.iif) || (r.type === 'local' && p.iif === 'lo')) {
    return end(rpf === 0 ? 'off' : 'same-interface', back);
  }
  if (!hasIpv4Address(host, p.iif)) return end(rpf !== 0 ? 'no-address' : 'off', back);
  if (rpf === 1) return end('other-interface', back);
  return end(rpf === 0 ? 'off' : 'loose', back);
}
