/**
 * The route resolver: where the kernel sends one packet, worked out from the policy rules,
 * the routing tables and the addresses alone, the way net/core/fib_rules.c,
 * net/ipv4/fib_trie.c (fib_table_lookup) and net/ipv4/route.c (ip_route_output_key_hash_rcu,
 * ip_route_input_slow) do. Pure: it reads a HostState, so a snapshot answers like a live host.
 *
 * Not modelled (said in `caveats` when a rule or route needs it): l3mdev/VRF rules, the
 * multipath hash (the kernel picks one of the next hops by a flow hash; we name them all and
 * the first as `gateway`), rp_filter on forwarded questions, per-route tos, IPv6 router
 * reachability scoring (RFC 4191) among routes of equal metric.
 */
import type { Family } from '../parse/ip-addr.js';
import type { RouteRecord } from '../parse/ip-route.js';
import type { RuleRecord } from '../parse/ip-rule.js';
import type { HostState } from '../state/host-state.js';
import { cidrContains, ipValue, parseCidr, type Cidr, type IpValue } from './cidr.js';
import type { RouteDecision, RouteQuery, RouteStep, RouteType } from './route-decision.js';

/** The error texts `ip route get` prints (strerror of the kernel's errno). */
export const ROUTE_ERRORS = {
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
} as const;

type HostView = Pick<HostState, 'interfaces' | 'routes' | 'rules' | 'sysctls'>;

/** The rules every kernel starts with, for a snapshot that lacks `ip rule`. */
function defaultRules(family: Family): RuleRecord[] {
  const base = { family, from: 'all', to: 'all', action: null, fwmark: null, iif: null };
  return [
    { ...base, priority: 0, table: 'local', oif: null, not: false },
    { ...base, priority: 32766, table: 'main', oif: null, not: false },
    ...(family === 'inet'
      ? [{ ...base, priority: 32767, table: 'default', oif: null, not: false }]
      : []),
  ];
}

/** A route's prefix; `ip` writes host routes without /32 or /128. */
export function routePrefix(r: Pick<RouteRecord, 'dst' | 'family'>): Cidr | null {
  return parseCidr(r.dst, r.family);
}

/** Scope numbers as the kernel orders them (rtnetlink.h): a larger number is narrower. */
function scopeValue(scope: string | null): number {
  switch (scope) {
    case 'host':
      return 254;
    case 'link':
      return 253;
    case 'site':
      return 200;
    case 'nowhere':
      return 255;
    default:
      return 0;
  }
}

function ruleMatches(
  rule: RuleRecord,
  q: RouteQuery,
  dst: IpValue,
  src: IpValue | null,
): string | null {
  // fib_rule_match(): the generic selectors first, then the family's, then `not`.
  const iif = q.iif ?? 'lo';
  let why: string | null = null;
  if (rule.iif !== null && (rule.iifDetached || rule.iif !== iif))
    why = `iif ${rule.iif} is not ${iif}`;
  else if (rule.oif !== null && (rule.oifDetached || rule.oif !== q.oif))
    why = `oif ${rule.oif} is not ${q.oif ?? 'unset'}`;
  else if (rule.fwmark !== null) {
    const mark = rule.fwmarkValue ?? 0;
    const mask = rule.fwmaskValue ?? 0xffffffff;
    if (((mark ^ (q.mark ?? 0)) & mask) >>> 0 !== 0)
      why = `fwmark ${rule.fwmark} is not ${q.mark ?? 0}`;
  }
  if (why === null && rule.uidRange) {
    // A forwarded packet (iif) has no uid; a local one has the caller's.
    const uid = q.iif !== undefined ? null : (q.uid ?? 0);
    if (uid === null || uid < rule.uidRange[0] || uid > rule.uidRange[1])
      why = `uidrange ${rule.uidRange[0]}-${rule.uidRange[1]} does not hold ${uid ?? 'no uid'}`;
  }
  if (why === null && (rule.ipproto || rule.sport || rule.dport))
    why = 'ipproto/port selectors: a route question carries no protocol or port';
  if (why === null && rule.from !== 'all') {
    const p = parseCidr(rule.from, rule.family);
    if (!p || !cidrContains(p, src ?? { family: dst.family, value: 0n }))
      why = `from ${rule.from} does not hold ${src ? q.src : 'the unset source'}`;
  }
  if (why === null && rule.to !== 'all') {
    const p = parseCidr(rule.to, rule.family);
    if (!p || !cidrContains(p, dst)) why = `to ${rule.to} does not hold ${q.dst}`;
  }
  if (why === null && rule.tos !== undefined && rule.tos !== null && rule.tos !== (q.tos ?? 0))
    why = `tos ${rule.tos} is not ${q.tos ?? 0}`;
  if (rule.not) return why === null ? 'its selector matches, and the rule says `not`' : null;
  return why;
}

interface TableHit {
  readonly route: RouteRecord;
  readonly hops: readonly { gateway: string | null; dev: string | null }[];
}

/**
 * fib_table_lookup(): the longest prefix holding the destination; among its routes the
 * lowest metric whose next hop is alive; when none is, the next shorter prefix.
 */
function lookupTable(routes: readonly RouteRecord[], dst: IpValue, q: RouteQuery): TableHit | null {
  const holding = routes
    .map((r, i) => ({ r, i, p: routePrefix(r) }))
    .filter((x): x is { r: RouteRecord; i: number; p: Cidr } => !!x.p && cidrContains(x.p, dst))
    .sort(
      (a, b) =>
        b.p.length - a.p.length ||
        (a.r.metric ?? 0) - (b.r.metric ?? 0) ||
        // At equal metric the kernel keeps the routes in insertion order; the dump shows it.
        a.i - b.i,
    );
  for (const { r } of holding) {
    if (r.type !== 'unicast') return { route: r, hops: [] };
    if (r.flags.includes('dead')) continue;
    const hops = (r.nexthops.length > 0 ? r.nexthops : [{ gateway: r.gateway, dev: r.dev }])
      .filter((h) => q.oif === undefined || h.dev === q.oif)
      .map((h) => ({ gateway: h.gateway, dev: h.dev }));
    if (hops.length > 0) return { route: r, hops };
  }
  return null;
}

const ADDRESS_SCOPE: Readonly<Record<string, number>> = {
  global: 0,
  site: 200,
  link: 253,
  host: 254,
};

/**
 * inet_select_addr(): the output device's first primary address within the scope that is
 * in the same subnet as `near` (the gateway; none for an on-link route), else its first
 * primary address in scope, else the first suitable address of any device.
 */
function selectIpv4Source(
  host: HostView,
  dev: string | null,
  near: string | null,
  scope: number,
): string | null {
  const primary = (name: string) =>
    (host.interfaces.find((i) => i.name === name)?.addresses ?? []).filter(
      (a) => a.family === 'inet' && !a.flags.includes('secondary'),
    );
  if (dev !== null) {
    let first: string | null = null;
    for (const a of primary(dev)) {
      if ((ADDRESS_SCOPE[a.scope] ?? 0) > scope) continue;
      const net = parseCidr(`${a.local}/${a.prefixlen}`, 'inet');
      if (near === null || (net && cidrContains(net, near))) return a.local;
      first ??= a.local;
    }
    if (first) return first;
  }
  for (const i of host.interfaces) {
    for (const a of primary(i.name)) {
      const s = ADDRESS_SCOPE[a.scope] ?? 0;
      if (s !== 253 && s <= scope) return a.local;
    }
  }
  return null;
}

function commonPrefix(a: bigint, b: bigint): number {
  let n = 0;
  for (let bit = 127n; bit >= 0n; bit--) {
    if (((a >> bit) & 1n) !== ((b >> bit) & 1n)) break;
    n++;
  }
  return n;
}

/**
 * ipv6_dev_get_saddr() in short (RFC 6724): the destination itself when it is ours, else
 * an address of the right scope, not deprecated, on the output device first, with the
 * longest prefix in common with the destination.
 */
function selectIpv6Source(host: HostView, dev: string | null, dst: IpValue): string | null {
  const dstLinkLocal = dst.value >> 118n === 0x3fan;
  const wanted = dstLinkLocal ? 'link' : 'global';
  const all = host.interfaces.flatMap((i) =>
    i.addresses
      .filter(
        (a) =>
          a.family === 'inet6' && !a.flags.includes('tentative') && !a.flags.includes('dadfailed'),
      )
      .map((a) => ({ a, v: ipValue(a.local) })),
  );
  const same = all.find((x) => x.v?.value === dst.value);
  if (same) return same.a.local;
  const score = (x: (typeof all)[number]) =>
    (x.a.scope === wanted ? 4 : x.a.scope === 'global' ? 2 : 0) * 1000 +
    (x.a.flags.includes('deprecated') ? 0 : 500) +
    (x.a.ifname === dev ? 300 : 0) +
    (x.v ? commonPrefix(x.v.value, dst.value) : 0);
  const usable = all.filter(
    (x) => x.a.scope !== 'host' && (dstLinkLocal ? x.a.ifname === dev : true),
  );
  let best: (typeof all)[number] | null = null;
  for (const x of usable) if (!best || score(x) > score(best)) best = x;
  return best?.a.local ?? null;
}

/** Whether forwarding is on for a packet that came in on `iif` (IPv4). */
function forwardingOn(host: HostView, iif: string): boolean {
  const own = host.sysctls.interfaces[iif]?.forwarding;
  if (own !== undefined) return own === 1;
  return (host.sysctls.ipForward ?? 1) === 1;
}

function isLocalAddress(host: HostView, v: IpValue): boolean {
  return host.interfaces.some((i) =>
    i.addresses.some((a) => a.family === v.family && ipValue(a.local)?.value === v.value),
  );
}

const ERROR_OF: Readonly<Partial<Record<RouteType, string>>> = {
  blackhole: ROUTE_ERRORS.EINVAL,
  unreachable: ROUTE_ERRORS.EHOSTUNREACH,
  prohibit: ROUTE_ERRORS.EACCES,
};

/** Where a packet for `q.dst` goes on this host. Throws on an address that is not one. */
export function resolveRoute(host: HostView, q: RouteQuery): RouteDecision {
  const dst = ipValue(q.dst);
  if (!dst) throw new RangeError(`not an IP address: ${q.dst}`);
  const family: Family = dst.family;
  const src = q.src !== undefined ? ipValue(q.src) : null;
  if (q.src !== undefined && (!src || src.family !== family))
    throw new RangeError(`not an ${family === 'inet' ? 'IPv4' : 'IPv6'} address: ${q.src}`);

  const steps: RouteStep[] = [];
  const caveats: string[] = [];
  const base = {
    query: q,
    family,
    steps,
    caveats,
  };
  const fail = (
    type: RouteType,
    error: string,
    rule: RuleRecord | null,
    table: string | null,
    route: RouteRecord | null,
  ): RouteDecision => ({
    ...base,
    type,
    table,
    rule,
    route,
    dev: null,
    gateway: null,
    prefsrc: null,
    error,
    nexthops: [],
  });

  // ip_route_output_key_hash_rcu(): a source we do not own cannot send.
  if (family === 'inet' && q.iif === undefined && src && !isLocalAddress(host, src)) {
    return fail('none', ROUTE_ERRORS.ENETUNREACH, null, null, null);
  }

  const own = host.rules.filter((r) => r.family === family);
  const rules = [...(own.length > 0 ? own : defaultRules(family))].sort(
    (a, b) => a.priority - b.priority,
  );
  const input = q.iif !== undefined;

  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as RuleRecord;
    const mismatch = ruleMatches(rule, q, dst, src);
    if (mismatch !== null) {
      steps.push({ rule, outcome: 'selector-mismatch', note: mismatch });
      continue;
    }
    if (rule.action === 'goto') {
      // The target is the first rule of exactly that priority; without one, goto is a no-op.
      const j = rules.findIndex((r, k) => k > i && r.priority === rule.gotoTarget);
      steps.push({
        rule,
        outcome: 'goto',
        note: j < 0 ? `goto ${rule.gotoTarget ?? '?'}: no such rule` : `goto ${rule.gotoTarget}`,
      });
      if (j >= 0) i = j - 1;
      continue;
    }
    if (rule.action === 'nop') {
      steps.push({ rule, outcome: 'selector-mismatch', note: 'nop' });
      continue;
    }
    if (
      rule.action === 'unreachable' ||
      rule.action === 'prohibit' ||
      rule.action === 'blackhole'
    ) {
      steps.push({ rule, outcome: 'action', note: `rule action ${rule.action}` });
      const error =
        rule.action === 'unreachable'
          ? ROUTE_ERRORS.ENETUNREACH
          : rule.action === 'prohibit'
            ? ROUTE_ERRORS.EACCES
            : ROUTE_ERRORS.EINVAL;
      return finish(host, q, fail(rule.action, error, rule, null, null), input);
    }
    if (rule.l3mdev) {
      caveats.push(`rule ${rule.priority} (l3mdev, VRF) is not modelled`);
      steps.push({ rule, outcome: 'selector-mismatch', note: 'l3mdev is not modelled' });
      continue;
    }
    if (rule.table === null) continue;
    const table = rule.table;
    const routes = host.routes.filter((r) => r.family === family && r.table === table);
    if (routes.length === 0) {
      steps.push({ rule, outcome: 'table-empty', note: `table ${table} is empty` });
      continue;
    }
    const hit = lookupTable(routes, dst, q);
    if (!hit) {
      steps.push({ rule, outcome: 'no-match', note: `no route in table ${table} holds ${q.dst}` });
      continue;
    }
    const route = hit.route;
    if (route.type === 'throw') {
      steps.push({ rule, outcome: 'throw', note: `throw ${route.dst} in table ${table}` });
      continue;
    }
    const prefixLength = routePrefix(route)?.length ?? 0;
    if (
      rule.suppressPrefixlength !== undefined &&
      rule.suppressPrefixlength !== null &&
      ERROR_OF[route.type as RouteType] === undefined &&
      prefixLength <= rule.suppressPrefixlength
    ) {
      steps.push({
        rule,
        outcome: 'suppressed',
        note: `${route.dst} is /${prefixLength}, suppress_prefixlength ${rule.suppressPrefixlength}`,
      });
      continue;
    }
    steps.push({ rule, outcome: 'matched', note: `${route.dst} in table ${table}` });
    if (route.nexthops.length > 0)
      caveats.push('multipath: the kernel hashes each flow onto one of the next hops');
    const type = (route.type as RouteType) ?? 'unicast';
    const error = ERROR_OF[type];
    if (error) return finish(host, q, fail(type, error, rule, table, route), input);

    const hop = hit.hops[0] ?? { gateway: null, dev: route.dev };
    let dev = hop.dev;
    let prefsrc: string | null;
    if (type === 'local') {
      // A packet to ourselves leaves through loopback (route.c: dev_out = loopback_dev).
      dev = 'lo';
      prefsrc = src ? q.src! : family === 'inet' ? (route.prefsrc ?? q.dst) : q.dst;
    } else if (src) {
      prefsrc = q.src!;
    } else if (route.prefsrc) {
      prefsrc = route.prefsrc;
    } else if (family === 'inet') {
      prefsrc = selectIpv4Source(host, dev, hop.gateway, scopeValue(route.scope));
    } else {
      prefsrc = selectIpv6Source(host, dev, dst);
    }
    return finish(
      host,
      q,
      {
        ...base,
        type,
        table,
        rule,
        route,
        dev,
        gateway: type === 'unicast' ? hop.gateway : null,
        prefsrc,
        error: null,
        nexthops: hit.hops.length > 1 ? hit.hops : [],
      },
      input,
    );
  }
  return finish(host, q, fail('none', ROUTE_ERRORS.ENETUNREACH, null, null, null), input);
}

/**
 * A forwarded question (iif) ends differently: ip_route_input_slow() answers "No route to
 * host" for anything it would have to forward when forwarding is off on the way in.
 */
function finish(host: HostView, q: RouteQuery, d: RouteDecision, input: boolean): RouteDecision {
  if (!input || d.family !== 'inet' || q.iif === undefined) return d;
  if (d.type === 'local' || d.type === 'broadcast') return d;
  if (!forwardingOn(host, q.iif)) {
    return { ...d, error: ROUTE_ERRORS.EHOSTUNREACH, dev: null, gateway: null, prefsrc: null };
  }
  return d;
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
export function defaultGateways(
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
