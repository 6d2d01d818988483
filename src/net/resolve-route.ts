/**
 * The route resolver: where the kernel sends one packet, worked out from the policy rules,
 * the routing tables and the addresses alone, the way net/core/fib_rules.c,
 * net/ipv4/fib_trie.c (fib_table_lookup) and net/ipv4/route.c (ip_route_output_key_hash_rcu,
 * ip_route_input_slow) do. Pure: it reads a HostState, so a snapshot answers like a live host.
 *
 * Not modelled (said in `caveats` when a rule or route needs it): l3mdev/VRF rules, the
 * multipath hash (the kernel picks one of the next hops by a flow hash; we name them all and
 * the first as `gateway`), IPv6 forwarding on forwarded (iif) questions, per-route tos, IPv6 router reachability scoring (RFC 4191) among routes of equal metric,
 * IPv6 rules with `from` asked without a source (the kernel may pick a source and try the
 * rule again: FIB_RULE_FIND_SADDR), route_localnet, and the `uid` of the caller (0 is
 * assumed for uidrange rules unless the query carries one). The lookup itself lives in
 * resolve-route-fib.ts; the source check of a packet that arrives (rp_filter) in
 * resolve-route-source.ts.
 */
import type { Family } from '../parse/ip-addr.js';
import type { HostState } from '../state/host-state.js';
import { cidrContains, ipValue, parseCidr, type IpValue } from './cidr.js';
import type { RouteDecision, RouteQuery } from './route-decision.js';
import { fibLookup, routePrefix, ROUTE_ERRORS, type Hop } from './resolve-route-fib.js';
import { validateSource } from './resolve-route-source.js';

export { ROUTE_ERRORS, routePrefix };

type HostView = Pick<HostState, 'interfaces' | 'routes' | 'rules' | 'sysctls'>;

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

/** ::1, fe80::/10 and ff00::/8: addresses that only mean something on one link. */
function needsStrictInterface(v: bigint): boolean {
  return v === 1n || v >> 118n === 0x3fan || v >> 120n === 0xffn;
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

/** ipv4_is_loopback(): 127.0.0.0/8. */
const isLoopback4 = (v: bigint) => v >> 24n === 127n;

/**
 * ip_route_input_slow()'s first checks: loopback destinations and sources, and unspecified,
 * multicast or limited-broadcast sources, are martians on the wire: "Invalid argument".
 */
function martianInput(dst: IpValue, src: IpValue | null): boolean {
  if (isLoopback4(dst.value) || !src) return true;
  const s = src.value;
  return isLoopback4(s) || s >> 24n === 0n || s >> 28n === 14n || s === 0xffffffffn;
}

/**
 * Where a packet for `q.dst` goes on this host. Throws on an address that is not one.
 * `prefsrc` is what `ip route get` reports: for IPv4 the given `from` when there is one;
 * for IPv6 the route's own preferred source even then (the packet still leaves from `from`).
 * An IPv4 packet that arrives (`iif`) also passes the kernel's source check (rp_filter):
 * `sourceCheck` says how, and a refusal is the answer's error.
 */
export function resolveRoute(host: HostView, q: RouteQuery): RouteDecision {
  const dst = ipValue(q.dst);
  if (!dst) throw new RangeError(`not an IP address: ${q.dst}`);
  const family: Family = dst.family;
  const src = q.src !== undefined ? ipValue(q.src) : null;
  if (q.src !== undefined && (!src || src.family !== family))
    throw new RangeError(`not an ${family === 'inet' ? 'IPv4' : 'IPv6'} address: ${q.src}`);

  const none = {
    query: q,
    family,
    type: 'none' as const,
    table: null,
    rule: null,
    route: null,
    dev: null,
    gateway: null,
    prefsrc: null,
    nexthops: [],
    steps: [],
    caveats: [],
  };
  // ip_route_output_key_hash_rcu(): a source we do not own cannot send.
  if (family === 'inet' && q.iif === undefined && src && !isLocalAddress(host, src)) {
    return { ...none, error: ROUTE_ERRORS.ENETUNREACH };
  }
  if (family === 'inet' && q.iif !== undefined && q.iif !== 'lo' && martianInput(dst, src)) {
    return { ...none, error: ROUTE_ERRORS.EINVAL };
  }

  const input = q.iif !== undefined;
  // rt6_need_strict(): an IPv6 packet that arrives for a loopback, link-local or multicast
  // address may only take routes of the interface it came in on.
  const strictDev =
    family === 'inet6' && input && needsStrictInterface(dst.value) ? (q.iif ?? null) : null;
  const hit = fibLookup(host, { q, dst, src, strictDev });
  const base = {
    query: q,
    family,
    type: hit.type,
    table: hit.table,
    rule: hit.rule,
    route: hit.route,
    steps: hit.steps,
    caveats: hit.caveats,
  };
  if (hit.error !== null) {
    return finish(host, q, {
      ...base,
      dev: null,
      gateway: null,
      prefsrc: null,
      error: hit.error,
      nexthops: [],
    });
  }

  const route = hit.route;
  const type = hit.type;
  const hop = hit.hops[0] ?? { gateway: null, dev: route?.dev ?? null };
  let dev = hop.dev;
  let prefsrc: string | null;
  // A forwarded packet keeps its source, and `ip route get` prints no prefsrc for it.
  const given = src !== null && (family === 'inet' || input);
  const sourceFor = (h: Hop) =>
    given
      ? q.src!
      : (route?.prefsrc ??
        (family === 'inet'
          ? selectIpv4Source(host, h.dev, h.gateway, scopeValue(route?.scope ?? null))
          : selectIpv6Source(host, h.dev, dst)));
  if (type === 'local') {
    // A packet to ourselves leaves through loopback (route.c: dev_out = loopback_dev).
    dev = 'lo';
    prefsrc = given ? q.src! : family === 'inet' ? (route?.prefsrc ?? q.dst) : q.dst;
  } else {
    prefsrc = sourceFor(hop);
  }
  return finish(host, q, {
    ...base,
    dev,
    gateway: type === 'unicast' ? hop.gateway : null,
    prefsrc,
    error: null,
    nexthops: hit.hops.length > 1 ? hit.hops.map((h) => ({ ...h, prefsrc: sourceFor(h) })) : [],
  });
}

/**
 * A packet that arrives (iif, IPv4) ends as ip_route_input_slow() ends it: no route, or a
 * reject route, is "No route to host" when forwarding is off on the way in; one for us (or
 * a broadcast) passes the source check and is delivered through lo; one to forward needs
 * forwarding on, then passes the source check.
 */
function finish(host: HostView, q: RouteQuery, d: RouteDecision): RouteDecision {
  if (d.family !== 'inet' || q.iif === undefined) return d;
  const iif = q.iif;
  const forwarding = forwardingOn(host, iif);
  if (d.error) return forwarding ? d : { ...d, error: ROUTE_ERRORS.EHOSTUNREACH };
  const src = q.src !== undefined ? ipValue(q.src) : null;
  const check = (r: RouteDecision, dst: IpValue | null, oif: string | null): RouteDecision => {
    if (!src) return r;
    const sourceCheck = validateSource(host, {
      src,
      dst,
      iif,
      oif,
      ...(q.mark !== undefined ? { mark: q.mark } : {}),
      ...(q.tos !== undefined ? { tos: q.tos } : {}),
    });
    // The route is kept (it is what would carry the packet); the answer is the error.
    return sourceCheck.passed
      ? { ...r, sourceCheck }
      : { ...r, sourceCheck, error: ROUTE_ERRORS.EINVAL, prefsrc: null };
  };
  if (d.type === 'local') return check(d, ipValue(q.dst), null);
  // Received broadcast is delivered here, like a local packet, through loopback; the
  // kernel checks its source with destination 0 (brd_input).
  if (d.type === 'broadcast') return check({ ...d, dev: 'lo' }, null, null);
  if (!forwarding) return { ...d, error: ROUTE_ERRORS.EHOSTUNREACH, prefsrc: null };
  return check(d, ipValue(q.dst), d.dev);
}
