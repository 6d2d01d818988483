/**
 * source-route-broken (path): a second address of this host, picked out by a policy rule
 * (`from ADDR2 lookup T`) or a route's `src`, leaves towards the destination by another way
 * than the kernel's own choice of source, and that way is broken: table T's next hop is not
 * on a link of ours, its link is down, its neighbour entry is FAILED, or the table rejects
 * the packet (blackhole, unreachable). Replies from ADDR2 (a service bound to it, anything
 * that answers a client who came in on ADDR2) die while the usual path works, so the rest of
 * the doctor sees nothing. The doctor's return-path probe pings from each such address: a
 * silent one beside an answered one proves it. The fix touches the rule or the table.
 */
import type { Evidence, Finding, Severity } from '../finding.js';
import type { CodeDocs, DiagnoseContext, PingProbeResult, Rule } from '../rule.js';
import type { RouteDecision } from '../../net/route-decision.js';
import type { HostState } from '../../state/host-state.js';
import { cidrContains } from '../../net/cidr.js';
import { localNets } from '../../net/role.js';
import { resolveRoute } from '../../net/resolve-route.js';
import {
  SOURCES,
  interfaceStateText,
  linkEvidence,
  neighbourText,
  nextHopAddress,
  nextHopNeighbour,
  outputInterface,
  routeText,
  ruleText,
} from '../../net/resolve-route-facts.js';
import { selectableSources, type SelectableSource } from '../../net/source-addresses.js';
import { safeText } from '../../text/safe.js';
import { resolvesNeighbours } from '../../net/link-layer.js';
import { routeDelCommand } from './route-backup.js';

/** What is wrong with the way a decision takes, in words, with its proof from the state. */
export interface BrokenWay {
  readonly kind: 'reject' | 'link-down' | 'not-on-link' | 'neighbour-failed' | 'incomplete';
  readonly words: string;
  readonly evidence: readonly Evidence[];
}

function onLink(host: HostState, dev: string, address: string): boolean {
  return localNets(host).some((n) => n.iface === dev && cidrContains(n.cidr, address));
}

/** Why the decision's way out cannot carry a packet, or null when the state shows none. */
export function brokenWay(host: HostState, d: RouteDecision): BrokenWay | null {
  const route = d.route ? [{ source: SOURCES.route(d.family), text: routeText(d.route) }] : [];
  if (d.type !== 'unicast' || d.error) {
    if (d.type === 'local' || d.type === 'broadcast') return null;
    const what = d.route ? `"${routeText(d.route)}"` : 'no route at all';
    return {
      kind: 'reject',
      words: `${d.route ? 'holds' : 'ends in'} ${what}: the kernel drops the packet (${d.error ?? d.type})`,
      evidence: route,
    };
  }
  const i = outputInterface(host, d);
  if (i && (!i.adminUp || !i.carrier)) {
    return {
      kind: 'link-down',
      words: `sends by ${i.name}, which is ${interfaceStateText(i)}`,
      evidence: [{ source: SOURCES.link, text: linkEvidence(i) }, ...route],
    };
  }
  const hop = nextHopAddress(d);
  if (d.gateway && d.dev && !d.route?.flags.includes('onlink') && !onLink(host, d.dev, d.gateway)) {
    return {
      kind: 'not-on-link',
      words: `sends via ${d.gateway}, which is on no network of ${d.dev} (no address of ${d.dev} covers it)`,
      evidence: route,
    };
  }
  const n = d.dev && resolvesNeighbours(host, d.dev) ? nextHopNeighbour(host, d) : null;
  if (n && hop && (n.states.includes('FAILED') || n.states.includes('INCOMPLETE'))) {
    const failed = n.states.includes('FAILED');
    return {
      kind: failed ? 'neighbour-failed' : 'incomplete',
      words: `sends via ${hop} on ${n.dev}, and ${hop} does not answer ARP (${failed ? 'FAILED' : 'INCOMPLETE'})`,
      evidence: [{ source: SOURCES.neigh, text: neighbourText(n) }, ...route],
    };
  }
  return null;
}

/**
 * Whether packets to `dst` from `a` and from `b` leave this host the same way (one route,
 * one next hop). The return-path probe compares answers only where they do.
 */
export function sameWayOut(host: HostState, dst: string, a: string, b: string): boolean {
  return sameWay(resolveRoute(host, { dst, src: a }), resolveRoute(host, { dst, src: b }));
}

/** The same way out: the same route to the same next hop. */
function sameWay(a: RouteDecision, b: RouteDecision): boolean {
  return a.route === b.route && a.gateway === b.gateway && a.dev === b.dev && a.type === b.type;
}

/** A gateway another route uses on the same interface, whose neighbour entry is not dead. */
function knownGateway(host: HostState, d: RouteDecision): string | null {
  if (!d.dev) return null;
  for (const r of host.routes) {
    if (r.family !== 'inet' || r === d.route || !r.gateway || r.dev !== d.dev) continue;
    if (r.gateway === d.gateway || !onLink(host, d.dev, r.gateway)) continue;
    const n = host.neighbours.find((x) => x.dst === r.gateway && x.dev === d.dev);
    if (n && (n.states.includes('FAILED') || n.states.includes('INCOMPLETE'))) continue;
    return r.gateway;
  }
  return null;
}

/** `ip rule del priority 1000 from 203.0.113.5 lookup 100`: exactly the rule. */
function ruleDelCommand(d: RouteDecision): string | null {
  const r = d.rule;
  if (!r || r.table === null || r.action) return null;
  const to = r.to !== 'all' ? ` to ${r.to}` : '';
  return `ip rule del priority ${r.priority} from ${r.from}${to} lookup ${r.table}`;
}

/** The table's fix first when it is known, else the rule's; the other as the alternative. */
function fixFor(host: HostState, s: SelectableSource, d: RouteDecision, way: BrokenWay | null) {
  const table = d.table ?? '?';
  const route = d.route;
  const ruleDel = ruleDelCommand(d);
  const viaRule = ruleDel !== null && s.rules.includes(d.rule!);
  const tableFix: string[] = [];
  let tableKnown = false;
  if (route && way?.kind === 'reject' && route.type !== 'unicast') {
    tableKnown = true;
    tableFix.push(`# remove the ${route.type} route from table ${table}:`, routeDelCommand(route));
  } else if (route && way?.kind === 'link-down' && d.dev && !outputInterface(host, d)?.adminUp) {
    tableKnown = true;
    tableFix.push(`# bring ${d.dev} up:`, `ip link set ${d.dev} up`);
  } else if (route && d.dev && d.gateway) {
    const good = knownGateway(host, d);
    tableKnown = good !== null;
    const net = localNets(host).find((n) => n.iface === d.dev)?.cidr.text ?? d.dev;
    tableFix.push(
      good
        ? `# point table ${table} at ${good}, the gateway another route of ${d.dev} uses:`
        : `# put the right gateway of ${net} in table ${table} (ask the network's owner; ip neigh show dev ${d.dev} lists who answers there):`,
      `ip route replace ${route.dst} via ${good ?? '<gateway>'} dev ${d.dev} table ${table}`,
    );
  }
  // With its only rule gone the table is dead weight (routing-table-unused): empty it too.
  const lastRule = !host.rules.some(
    (r) => r !== d.rule && r.family === 'inet' && r.table === table,
  );
  const rulePart =
    viaRule && ruleDel
      ? [
          `# ${tableKnown ? 'or ' : ''}send ${s.address}'s packets by the main table like the rest (the policy routing for it is gone until you put it back with a working table ${table}):`,
          ruleDel,
          ...(lastRule ? [`ip route flush table ${table}`] : []),
        ]
      : [];
  return tableKnown ? [...tableFix, ...rulePart] : [...rulePart, ...tableFix];
}

function attemptsFrom(ctx: DiagnoseContext, address: string) {
  const attempts = ctx.probes?.returnPath?.attempts ?? [];
  return {
    mine: attempts.find((a) => a.source === address) ?? null,
    answered: attempts.find((a) => a.answered && a.source !== address) ?? null,
  };
}

function pingEvidence(a: PingProbeResult): Evidence[] {
  const lines = a.lines.length > 0 ? a.lines : [a.answered ? 'answered' : 'no answer'];
  return lines.map((text) => ({ source: a.command, text: safeText(text) }));
}

const SEVERITY: Readonly<Record<BrokenWay['kind'], Severity>> = {
  reject: 'error',
  'link-down': 'error',
  'not-on-link': 'error',
  'neighbour-failed': 'error',
  incomplete: 'info',
};

/**
 * The sources whose own way to the destination is broken, with the decision and the proof:
 * the state, or the return-path probe (silent from this source, answered from another).
 */
export function brokenSources(ctx: DiagnoseContext): {
  source: SelectableSource;
  decision: RouteDecision;
  way: BrokenWay | null;
  silent: PingProbeResult | null;
  answered: PingProbeResult | null;
}[] {
  const host = ctx.host;
  const main = ctx.path?.decision;
  if (!host || !main || main.family !== 'inet' || main.query.iif !== undefined) return [];
  const dst = main.query.dst;
  const out = [];
  for (const s of selectableSources(host)) {
    if (s.address === main.prefsrc || s.address === main.query.src) continue;
    const decision = resolveRoute(host, { dst, src: s.address });
    if (sameWay(decision, main)) continue;
    const way = brokenWay(host, decision);
    const { mine, answered } = attemptsFrom(ctx, s.address);
    if (mine?.answered) continue; // the path works from it: nothing to say
    const proven = mine !== null && answered !== null;
    if (!proven && !way) continue;
    out.push({ source: s, decision, way, silent: proven ? mine : null, answered });
  }
  return out;
}

const DOCS: CodeDocs = {
  'source-route-broken': {
    title: "a second address's own way out is broken",
    severity: {
      error:
        'the state proves the way broken, or the return-path probe got no answer from that address',
      info: 'the way looks broken but is not proven (its neighbour entry is INCOMPLETE)',
    },
    means:
      "A second address of this host, picked out by a policy rule (`from ADDR2 lookup T`) or a route's `src`, leaves by another way than the kernel's usual choice, and that way is broken: the table's next hop is off-link, its link down, its neighbour FAILED, or the table rejects the packet.",
    matters:
      'Replies from ADDR2 (a service bound to it, answers to clients who came in on it) die while the usual path works, so everything else looks fine.',
    proof:
      "From the rules and tables through the route resolver; the doctor's return-path probe pings from each such address, and a silent one beside an answered one proves it.",
    fix: 'Mend the table (its gateway or link), or delete the rule that sends ADDR2 there.',
    box: 'this host',
  },
};

export const sourceRouteRule: Rule = {
  id: 'source-route',
  topic: 'path',
  codes: ['source-route-broken'],
  docs: DOCS,
  run: (ctx): Finding[] => {
    const host = ctx.host;
    if (!host || !ctx.path) return [];
    const dst = ctx.path.decision.query.dst;
    return brokenSources(ctx).map(({ source: s, decision: d, way, silent, answered }) => {
      const table = d.table ?? 'none';
      const by = d.rule && s.rules.includes(d.rule) ? ` (rule ${d.rule.priority})` : '';
      const what =
        way?.words ??
        `sends by ${d.dev ?? '?'}${d.gateway ? ` via ${d.gateway}` : ''}, and a ping from ${s.address} got no answer`;
      const title =
        `packets from ${s.address} to ${dst} take table ${table}${by}, which ${what}` +
        (silent ? ' (probed)' : '');
      const mainWay = ctx.path?.decision;
      return {
        code: 'source-route-broken',
        severity: silent ? 'error' : SEVERITY[way?.kind ?? 'incomplete'],
        title: safeText(title),
        why: safeText(
          `${s.address} (on ${s.iface}) is not the address this host picks by itself for ${dst}` +
            `${mainWay?.prefsrc ? ` (that is ${mainWay.prefsrc}, and its way works as far as netdoctor can see)` : ''}, ` +
            `but a packet from it, such as a reply from a service bound to ${s.address} or an answer ` +
            `to a client who came in on it, goes by policy routing: ${d.rule ? `rule "${ruleText(d.rule)}" sends it to table ${table}` : `table ${table}`}, ` +
            `which ${what}. So every reply from ${s.address} to ${dst} dies on this host while ` +
            `the usual path works, and the rest of the checks see nothing wrong.` +
            (silent && answered
              ? ` The probe proves it: ${dst} answered a ping from ${answered.source ?? "the kernel's choice"} and not one from ${s.address}.`
              : ''),
        ),
        evidence: [
          ...(d.rule ? [{ source: SOURCES.rule('inet'), text: ruleText(d.rule) }] : []),
          ...(way?.evidence ??
            (d.route ? [{ source: SOURCES.route('inet'), text: routeText(d.route) }] : [])),
          ...(answered && silent ? [...pingEvidence(answered), ...pingEvidence(silent)] : []),
        ],
        fix: fixFor(host, s, d, way),
        subject: s.address,
      };
    });
  },
};
