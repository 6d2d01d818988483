/**
 * One lookup through the policy rules and their tables, as the kernel's fib_lookup() does it
 * (net/core/fib_rules.c fib_rules_lookup, net/ipv4/fib_trie.c fib_table_lookup): the rule
 * walk with goto, nop, reject actions, throw and suppress_prefixlength, and in each table
 * the longest prefix with a live next hop. The route resolver asks it the packet's way out;
 * the source check asks it the way back. Pure.
 */
import type { Family } from '../parse/ip-addr.js';
import type { RouteRecord } from '../parse/ip-route.js';
import type { RuleRecord } from '../parse/ip-rule.js';
import type { HostState } from '../state/host-state.js';
import { cidrContains, parseCidr, type Cidr, type IpValue } from './cidr.js';
import type { RouteQuery, RouteStep, RouteType } from './route-decision.js';

/** The error texts `ip route get` prints (strerror of the kernel's errno). */
export const ROUTE_ERRORS = {
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  /** What kernels before 6.13 answered for a forwarded packet that rp_filter refused. */
  EXDEV: 'Invalid cross-device link',
} as const;

export type FibView = Pick<HostState, 'routes' | 'rules'>;

/** The rules every kernel starts with, for a snapshot that lacks `ip rule`. */
export function defaultRules(family: Family): RuleRecord[] {
  const base = { family, from: 'all', to: 'all', action: null, fwmark: null, iif: null };
  return [
    { ...base, priority: 0, table: 'local', oif: null, not: false },
    { ...base, priority: 32766, table: 'main', oif: null, not: false },
    ...(family === 'inet'
      ? [{ ...base, priority: 32767, table: 'default', oif: null, not: false }]
      : []),
  ];
}

/** The family's rules as the kernel walks them: by priority; the defaults when none were read. */
export function rulesOf(host: FibView, family: Family): RuleRecord[] {
  const own = host.rules.filter((r) => r.family === family);
  return [...(own.length > 0 ? own : defaultRules(family))].sort((a, b) => a.priority - b.priority);
}

/** A route's prefix; `ip` writes host routes without /32 or /128. */
export function routePrefix(r: Pick<RouteRecord, 'dst' | 'family'>): Cidr | null {
  return parseCidr(r.dst, r.family);
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
    // A packet that arrives (iif) carries uid 0, sock_net_uid(net, NULL); `ip route get …
    // iif` ignores a uid it is given. A local one has the caller's.
    const uid = q.iif !== undefined ? 0 : (q.uid ?? 0);
    if (uid < rule.uidRange[0] || uid > rule.uidRange[1])
      why = `uidrange ${rule.uidRange[0]}-${rule.uidRange[1]} does not hold ${uid}`;
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

export interface Hop {
  readonly gateway: string | null;
  readonly dev: string | null;
}

interface TableHit {
  readonly route: RouteRecord;
  readonly hops: readonly Hop[];
}

/**
 * fib_table_lookup(): the longest prefix holding the destination; among its routes the
 * lowest metric whose next hop is alive; when none is, the next shorter prefix.
 */
function lookupTable(
  routes: readonly RouteRecord[],
  dst: IpValue,
  q: RouteQuery,
  strictDev: string | null,
): TableHit | null {
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
    if (strictDev !== null && r.nexthops.length === 0 && r.dev !== strictDev) continue;
    if (r.type !== 'unicast') return { route: r, hops: [] };
    if (r.flags.includes('dead')) continue;
    const hops = (r.nexthops.length > 0 ? r.nexthops : [{ gateway: r.gateway, dev: r.dev }])
      // A next hop whose interface is down is dead: fib_select_multipath() passes it over.
      .filter((h) => !('flags' in h && h.flags?.includes('dead')))
      .filter((h) => q.oif === undefined || h.dev === q.oif)
      .filter((h) => strictDev === null || h.dev === strictDev)
      .map((h) => ({ gateway: h.gateway, dev: h.dev }));
    if (hops.length > 0) return { route: r, hops };
  }
  return null;
}

const ERROR_OF: Readonly<Partial<Record<RouteType, string>>> = {
  blackhole: ROUTE_ERRORS.EINVAL,
  unreachable: ROUTE_ERRORS.EHOSTUNREACH,
  prohibit: ROUTE_ERRORS.EACCES,
};

/** The packet a lookup is about: the question, and its addresses as numbers. */
export interface FibFlow {
  readonly q: RouteQuery;
  readonly dst: IpValue;
  readonly src: IpValue | null;
  /** IPv6: only routes out of this interface count (rt6_need_strict). */
  readonly strictDev: string | null;
}

/** What one lookup found: a route with its live next hops, or the error in its place. */
export interface FibResult {
  /** `none` when no rule's table held the destination. */
  readonly type: RouteType;
  /** The errno text when the lookup fails (reject route or action, no route); else null. */
  readonly error: string | null;
  readonly rule: RuleRecord | null;
  readonly table: string | null;
  readonly route: RouteRecord | null;
  readonly hops: readonly Hop[];
  readonly steps: readonly RouteStep[];
  readonly caveats: readonly string[];
}

/** fib_lookup(): the rules in order, each one's table, until one answers. */
export function fibLookup(host: FibView, flow: FibFlow): FibResult {
  const { q, dst, src, strictDev } = flow;
  const family = dst.family;
  const steps: RouteStep[] = [];
  const caveats: string[] = [];
  const result = (
    type: RouteType,
    error: string | null,
    rule: RuleRecord | null,
    table: string | null,
    route: RouteRecord | null,
    hops: readonly Hop[] = [],
  ): FibResult => ({ type, error, rule, table, route, hops, steps, caveats });

  const rules = rulesOf(host, family);
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
      return result(rule.action, error, rule, null, null);
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
    const hit = lookupTable(routes, dst, q, strictDev);
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
    return result(type, ERROR_OF[type] ?? null, rule, table, route, hit.hops);
  }
  return result('none', ROUTE_ERRORS.ENETUNREACH, null, null, null);
}
