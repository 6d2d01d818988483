/**
 * What the route (or rule) that decided a packet does with it, when that is to drop it:
 * `no-route`, `route-blackhole`, `route-unreachable`, `route-prohibit`. Reads ctx.path.
 */
import type { Finding, FindingCode } from '../finding.js';
import type { Rule } from '../rule.js';
import type { RouteDecision } from '../../net/route-decision.js';
import { ROUTE_ERRORS } from '../../net/resolve-route.js';
import { SOURCES, routeText, ruleText } from '../../net/resolve-route-facts.js';

/** Evidence: the rule that ended the walk and the route it found, with their sources. */
function decisionEvidence(d: RouteDecision): Finding['evidence'] {
  const out: { source: string; text: string }[] = [];
  if (d.rule) out.push({ source: SOURCES.rule(d.family), text: ruleText(d.rule) });
  if (d.route) out.push({ source: SOURCES.route(d.family), text: routeText(d.route) });
  return out;
}

/** The command that removes what drops the packet: the route, or the rule. */
function removal(d: RouteDecision): string[] {
  const v6 = d.family === 'inet6' ? ' -6' : '';
  if (d.route) {
    const table = d.route.table === 'main' ? '' : ` table ${d.route.table}`;
    return [`ip${v6} route del ${d.route.type} ${d.route.dst}${table}`];
  }
  if (d.rule) return [`ip${v6} rule del pref ${d.rule.priority}`];
  return [];
}

function where(d: RouteDecision): string {
  if (d.route) return `the route "${routeText(d.route)}"`;
  if (d.rule) return `policy rule ${d.rule.priority} ("${ruleText(d.rule)}")`;
  return 'the routing table';
}

const REJECT: Readonly<
  Record<'blackhole' | 'unreachable' | 'prohibit', { code: FindingCode; does: string }>
> = {
  blackhole: {
    code: 'route-blackhole',
    does: 'drops it silently: a host that sent it through this router gets no error back, so it waits and retries until it times out.',
  },
  unreachable: {
    code: 'route-unreachable',
    does: 'drops it and answers the sender with ICMP "unreachable": connections fail at once.',
  },
  prohibit: {
    code: 'route-prohibit',
    does: 'drops it and answers the sender with ICMP "administratively prohibited": connections fail at once.',
  },
};

function run(d: RouteDecision): Finding[] {
  const dst = d.query.dst;
  if (d.type === 'blackhole' || d.type === 'unreachable' || d.type === 'prohibit') {
    const r = REJECT[d.type];
    return [
      {
        code: r.code,
        severity: 'error',
        title: `${dst}: ${d.route ? `route ${d.route.dst}` : `rule ${d.rule?.priority ?? '?'}`} is ${d.type}`,
        why: `A packet to ${dst} meets ${where(d)}${d.table ? ` in table ${d.table}` : ''}, which ${r.does}${d.error ? ` Programs here see "${d.error}".` : ''} If that is meant (a null route for a network you stopped using), leave it; if not, remove it so the next route or rule applies.`,
        evidence: decisionEvidence(d),
        fix: removal(d),
        subject: dst,
      },
    ];
  }
  if (d.type === 'none' && d.error === ROUTE_ERRORS.ENETUNREACH) {
    const passed = d.steps
      .filter((s) => s.outcome !== 'selector-mismatch')
      .map((s) => `${s.rule.priority} (${s.note})`);
    const v6 = d.family === 'inet6' ? ' -6' : '';
    const noSource = d.query.src !== undefined && d.steps.length === 0;
    return [
      {
        code: 'no-route',
        severity: 'error',
        title: noSource
          ? `${dst}: ${d.query.src} is not an address of this host`
          : `${dst}: no route in any table the rules select`,
        why: noSource
          ? `The kernel sends a packet from ${d.query.src} only if that address is on one of its interfaces; it is not, so "Network is unreachable".`
          : `The kernel walked the policy rules${passed.length ? ` (${passed.join('; ')})` : ''} and no table holds a route for ${dst}, not even a default route. The packet is never sent: programs see "Network is unreachable". Add a route, or a default route via the gateway of this network.`,
        evidence: [
          ...d.steps
            .filter((s) => s.outcome !== 'selector-mismatch')
            .map((s) => ({ source: SOURCES.rule(d.family), text: ruleText(s.rule) })),
        ],
        fix: noSource
          ? []
          : [`ip${v6} route add ${dst} via GATEWAY  # or: ip${v6} route add default via GATEWAY`],
        subject: dst,
      },
    ];
  }
  return [];
}

export const routeTypeRule: Rule = {
  id: 'route-type',
  topic: 'path',
  codes: ['no-route', 'route-blackhole', 'route-unreachable', 'route-prohibit'],
  run: (ctx) => (ctx.path ? run(ctx.path.decision) : []),
};
