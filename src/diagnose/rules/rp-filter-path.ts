/**
 * rp-filter-drop (path): the kernel's source check (the route resolver's model of
 * fib_validate_source) refuses a packet of this path.
 *   - A forwarded packet (the question has an incoming interface): its own check.
 *   - A packet this host sends: its answer. The answer comes back to the source address
 *     where that address lives (its interface; the way out when it lives on lo), from the
 *     destination; it carries no mark unless src_valid_mark says marks are restored.
 * So a symmetric-routing fix (a rule for the source, a table with its gateway) clears it.
 */
import type { Finding } from '../finding.js';
import type { Rule } from '../rule.js';
import type { HostState } from '../../state/host-state.js';
import type { RouteDecision, RouteQuery, SourceCheck } from '../../net/route-decision.js';
import { resolveRoute } from '../../net/resolve-route.js';
import { localNets } from '../../net/role.js';
import { addressEvidence, routeEvidence } from '../../net/role-evidence.js';
import { safeText } from '../../text/safe.js';
import {
  modeWords,
  refusedByRpFilter,
  rpFilterEvidence,
  rpFilterFix,
  wayBackEvidence,
} from './rp-filter-shared.js';

/** A gateway of `dev` in any table: where the symmetric fix sends answers. */
function gatewayOf(host: HostState, dev: string): string | null {
  const onDev = host.routes.filter(
    (r) => r.family === 'inet' && r.type === 'unicast' && r.dev === dev && r.gateway !== null,
  );
  return (onDev.find((r) => r.dst === 'default') ?? onDev[0])?.gateway ?? null;
}

function forwarded(host: HostState, q: RouteQuery, d: RouteDecision): Finding[] {
  const check = d.sourceCheck;
  if (!check || !refusedByRpFilter(check) || q.src === undefined) return [];
  return [
    {
      code: 'rp-filter-drop',
      severity: 'error',
      title: safeText(
        `packets from ${q.src} to ${q.dst} that come in on ${check.iif} are dropped by ${modeWords(check)}`,
      ),
      why: safeText(
        `A packet from ${q.src} arrives on ${check.iif}. Before ` +
          `${d.type === 'unicast' ? `routing it on${d.dev ? ` by ${d.dev}` : ''}` : 'taking it in'} ` +
          `the kernel looks up the way back to ${q.src} ` +
          `through the policy rules: ${check.words}. It drops the packet silently.`,
      ),
      evidence: [...wayBackEvidence(check), ...rpFilterEvidence(host, check)],
      fix: rpFilterFix(host, check, check.iif, null, null),
      subject: check.iif,
    },
  ];
}

function answerCheck(host: HostState, q: RouteQuery, d: RouteDecision) {
  const source = q.src ?? d.prefsrc;
  if (d.type !== 'unicast' || d.error || !d.dev || !source) return null;
  const own = localNets(host).find((n) => n.address === source);
  const iif = own && own.iface !== 'lo' ? own.iface : d.dev;
  const answer = resolveRoute(host, {
    dst: source,
    src: q.dst,
    iif,
    ...(q.mark !== undefined ? { mark: q.mark } : {}),
  });
  const check: SourceCheck | undefined = answer.sourceCheck;
  return check && refusedByRpFilter(check) ? { check, source, own } : null;
}

function answers(host: HostState, q: RouteQuery, d: RouteDecision): Finding[] {
  const found = answerCheck(host, q, d);
  if (!found) return [];
  const { check, source, own } = found;
  return [
    {
      code: 'rp-filter-drop',
      severity: 'error',
      title: safeText(
        `answers from ${q.dst} to ${source} come in on ${check.iif}, where ${modeWords(check)} drops them`,
      ),
      why: safeText(
        `A packet from ${source} to ${q.dst} leaves by ${d.dev}` +
          `${d.gateway ? ` via ${d.gateway}` : ''}. The network delivers the answer to ${source} ` +
          `where that address lives, on ${check.iif}. There the kernel looks up the way back to ` +
          `${q.dst} through the policy rules: ${check.words}. The answer counts as spoofed and ` +
          `is dropped silently.`,
      ),
      evidence: [
        ...(d.route ? [routeEvidence(d.route)] : []),
        ...(own ? [addressEvidence(own.iface, own.address, own.cidr.length)] : []),
        ...wayBackEvidence(check).filter((e) => !d.route || e.text !== routeEvidence(d.route).text),
        ...rpFilterEvidence(host, check),
      ],
      fix: rpFilterFix(host, check, check.iif, source, gatewayOf(host, check.iif)),
      subject: check.iif,
    },
  ];
}

export const rpFilterPathRule: Rule = {
  id: 'rp-filter-path',
  topic: 'path',
  codes: ['rp-filter-drop'],
  // Documented with the host rule (rp-filter-host.ts).
  docs: {},
  run: ({ host, path }) => {
    if (!host || !path || path.decision.family !== 'inet') return [];
    const { query, decision } = path;
    return query.iif !== undefined
      ? forwarded(host, query, decision)
      : answers(host, query, decision);
  },
};
