/**
 * A route decision in words, as Sections: the one line that says it all ("203.0.113.7 →
 * rule 32766 (main) → default via 192.168.50.1 dev eth0 metric 100, source 192.168.50.10;
 * 192.168.50.1 is 00:11:22:33:44:55 (REACHABLE)"), the details under it, how the rules
 * were walked, what the kernel said, and the findings. `netdoctor route` prints them; the
 * Route panel draws the same Sections. Also the JSON of the same answer.
 */
import { resolvesNeighbours } from '../net/link-layer.js';
import type { Finding } from '../diagnose/finding.js';
import type { RouteDecision } from '../net/route-decision.js';
import type { HostState } from '../state/host-state.js';
import type { KernelAnswer } from '../parse/ip-route-get.js';
import type { NeighbourRecord } from '../parse/ip-neigh.js';
import type { KernelComparison } from '../net/resolve-route-kernel.js';
import {
  interfaceStateText,
  nextHopAddress,
  nextHopNeighbour,
  outputInterface,
  routeText,
  ruleText,
} from '../net/resolve-route-facts.js';
import { routePrefix } from '../net/resolve-route.js';
import { lookupVendor } from '../net/mac.js';
import { safeText } from '../text/safe.js';
import { line, type Line, type Section, type Tone } from './document.js';
import { findingsSection } from './findings.js';

/** What the kernel said, when it was asked (live only). */
export interface KernelView {
  readonly argv: readonly string[];
  /** Null when its answer could not be read. */
  readonly answer: KernelAnswer | null;
  /** What it printed when unreadable. */
  readonly raw: string;
  readonly comparison: KernelComparison | null;
}

const DROPS: Readonly<Record<string, string>> = {
  blackhole: 'dropped silently',
  unreachable: 'dropped, the sender told "unreachable"',
  prohibit: 'dropped, the sender told "administratively prohibited"',
};

function vendorOf(mac: string | null): string | null {
  if (!mac) return null;
  const v = lookupVendor(mac);
  return v ? v.name : null;
}

function neighbourWords(n: NeighbourRecord | null, hop: string, arp = true): string {
  if (!arp) return `${hop}: no ARP on this link (NOARP), nothing to resolve`;
  if (!n) return `${hop} has no neighbour entry yet (the kernel resolves it with the first packet)`;
  const state = n.states.join(',') || 'no state';
  if (!n.lladdr) return `${hop} is unresolved (${state})`;
  const vendor = vendorOf(n.lladdr);
  return `${hop} is ${n.lladdr}${vendor ? ` ${vendor}` : ''} (${state})`;
}

function ruleWords(d: RouteDecision): string {
  if (!d.rule) return '';
  const table = d.rule.action && d.rule.action !== 'to_tbl' ? d.rule.action : (d.table ?? '?');
  return `rule ${d.rule.priority} (${table})`;
}

/** The one line: the decision from the question to the wire. */
export function routeSummary(host: HostState, d: RouteDecision): string {
  const dst = d.query.dst;
  const parts = [dst];
  if (d.type === 'none') {
    if (d.steps.length === 0 && d.error)
      return `${dst} → ${d.error}${d.query.src ? ` (from ${d.query.src})` : ''}`;
    return `${dst} → no route in any table the rules select (${d.error ?? 'Network is unreachable'})`;
  }
  const rule = ruleWords(d);
  if (rule) parts.push(rule);
  if (!d.route) {
    parts.push(`${d.type}: ${DROPS[d.type] ?? d.type} (${d.error ?? ''})`);
    return parts.join(' → ');
  }
  if (DROPS[d.type]) {
    parts.push(`${routeText(d.route)}: ${DROPS[d.type]} (${d.error ?? ''})`);
    return parts.join(' → ');
  }
  const refused = d.sourceCheck && !d.sourceCheck.passed ? d.sourceCheck : null;
  if (d.type === 'local') {
    parts.push(`${d.route.dst} local: this host's own address, delivered through lo`);
    if (refused) parts.push(`but ${refused.words} (${d.error ?? ''})`);
    return parts.join(' → ');
  }
  const via = d.gateway ? `via ${d.gateway} ` : '';
  const metric = d.route.metric !== null ? ` metric ${d.route.metric}` : '';
  const what = d.type === 'unicast' ? '' : `${d.type} `;
  let text = `${what}${d.route.dst} ${via}dev ${d.dev ?? '?'}${metric}`;
  if (d.prefsrc) text += `, source ${d.prefsrc}`;
  if (refused) text += `, but ${refused.words} (${d.error ?? ''})`;
  else if (d.error && d.query.iif !== undefined) {
    text += `, but forwarding is off on ${d.query.iif}: a packet that arrives there is not routed (${d.error})`;
  } else if (d.error) text += ` (${d.error})`;
  const hop = nextHopAddress(d);
  if (hop && !d.error) {
    const arp = d.dev === null || resolvesNeighbours(host, d.dev);
    text += `; ${neighbourWords(nextHopNeighbour(host, d), hop, arp)}`;
  }
  parts.push(text);
  return parts.join(' → ');
}

function toneOf(d: RouteDecision): Tone {
  if (d.error) return 'bad';
  return 'good';
}

function detailLines(host: HostState, d: RouteDecision): Line[] {
  const out: Line[] = [];
  const row = (k: string, v: string, tone: Tone = 'normal') =>
    out.push(line(`  ${k.padEnd(10)}${v}`, tone));
  if (d.rule) row('rule', ruleText(d.rule));
  if (d.table) row('table', d.table);
  if (d.route) {
    const len = routePrefix(d.route)?.length;
    row('route', `${routeText(d.route)}  (${d.type}${len !== undefined ? `, /${len}` : ''})`);
  }
  if (d.error) row('answer', `${d.error} (what a program, and ip route get, would see)`, 'bad');
  if (d.sourceCheck) {
    const c = d.sourceCheck;
    row('src check', c.words, c.passed ? 'normal' : 'bad');
    if (c.back?.route) {
      const rule = c.back.rule ? `  (${ruleText(c.back.rule)})` : '';
      row('way back', `${routeText(c.back.route)}${rule}`, 'dim');
    }
  }
  if (d.type === 'unicast' && !d.error) {
    row(
      'next hop',
      d.gateway ? `gateway ${d.gateway}` : `on-link: ${d.query.dst} is sent to directly`,
    );
    for (const h of d.nexthops ?? [])
      row(
        '',
        `or via ${h.gateway ?? 'on-link'} dev ${h.dev ?? '?'} (multipath: the kernel hashes each flow)`,
        'dim',
      );
    const i = outputInterface(host, d);
    if (i)
      row(
        'interface',
        `${i.name}: ${interfaceStateText(i)}`,
        i.adminUp && i.carrier ? 'normal' : 'bad',
      );
    else if (d.dev) row('interface', `${d.dev}: not in the interface list`, 'warn');
  } else if (d.dev) row('interface', d.dev);
  if (d.prefsrc) {
    const how =
      d.query.src && d.family === 'inet'
        ? 'given with from'
        : d.route?.prefsrc
          ? "the route's src"
          : d.type === 'local'
            ? 'the destination itself'
            : `picked from ${d.dev ?? 'the'} addresses as the kernel does`;
    row('source', `${d.prefsrc} (${how})`);
  }
  const hop = nextHopAddress(d);
  if (hop && !d.error) {
    const n = nextHopNeighbour(host, d);
    const arp = d.dev === null || resolvesNeighbours(host, d.dev);
    const bad = arp && (n?.states.some((s) => s === 'FAILED' || s === 'INCOMPLETE') ?? false);
    row('neighbour', neighbourWords(n, hop, arp), bad ? 'bad' : 'normal');
  }
  return out;
}

function walkLines(d: RouteDecision): Line[] {
  return d.steps.map((s) =>
    line(
      `  ${ruleText(s.rule)}  → ${s.outcome}: ${s.note}`,
      s.outcome === 'matched' || s.outcome === 'action' ? 'normal' : 'dim',
    ),
  );
}

function kernelLines(k: KernelView): Line[] {
  const asked = `  $ ${k.argv.join(' ')}`;
  if (!k.answer) return [line(asked, 'dim'), line(`  unreadable answer: ${k.raw}`, 'warn')];
  const said =
    k.answer.kind === 'error'
      ? k.answer.error
      : [
          k.answer.route.type,
          k.answer.route.dst,
          ...(k.answer.route.gateway ? ['via', k.answer.route.gateway] : []),
          ...(k.answer.route.dev ? ['dev', k.answer.route.dev] : []),
          'table',
          k.answer.route.table,
          ...(k.answer.route.prefsrc ? ['src', k.answer.route.prefsrc] : []),
        ].join(' ');
  const lines = [line(asked, 'dim'), line(`  ${said}`)];
  if (k.comparison?.agrees) lines.push(line('  the kernel agrees with netdoctor', 'good'));
  else if (k.comparison) {
    lines.push(
      line(
        '  the kernel and netdoctor DISAGREE (a netdoctor bug, or a feature it does not model):',
        'bad',
      ),
      ...k.comparison.differences.map((t) => line(`    ${t}`, 'bad')),
    );
  }
  return lines;
}

/**
 * Everything `netdoctor route` prints, and the Route panel draws. Untrusted text made safe.
 * `kernelNote`: said under "The kernel says" when there is no answer of the kernel to show
 * (the Route panel: a snapshot, or still asking).
 */
export function routeSections(
  host: HostState,
  d: RouteDecision,
  findings: readonly Finding[],
  kernel: KernelView | null,
  kernelNote?: Line,
): Section[] {
  const sections: Section[] = [
    {
      title: `Route to ${d.query.dst}`,
      lines: [line(routeSummary(host, d), toneOf(d)), ...detailLines(host, d)],
    },
    { title: 'How the rules were walked', lines: walkLines(d) },
  ];
  if (kernel) sections.push({ title: 'The kernel says', lines: kernelLines(kernel) });
  else if (kernelNote) sections.push({ title: 'The kernel says', lines: [kernelNote] });
  if (d.caveats && d.caveats.length > 0) {
    sections.push({ title: 'Not modelled', lines: d.caveats.map((c) => line(`  ${c}`, 'warn')) });
  }
  sections.push(findingsSection(findings));
  return sections.map((s) => ({
    title: safeText(s.title),
    lines: s.lines.map((l) => ({ ...l, text: safeText(l.text) })),
  }));
}

/** The JSON object of `netdoctor route --json`: true values, not made safe. */
export function routeJson(
  host: HostState,
  d: RouteDecision,
  findings: readonly Finding[],
  kernel: KernelView | null,
): Record<string, unknown> {
  const n = nextHopNeighbour(host, d);
  const i = outputInterface(host, d);
  return {
    query: d.query,
    family: d.family,
    type: d.type,
    table: d.table,
    rule: d.rule?.priority ?? null,
    route: d.route?.dst ?? null,
    metric: d.route?.metric ?? null,
    dev: d.dev,
    gateway: d.gateway,
    prefsrc: d.prefsrc,
    error: d.error ?? null,
    nexthops: d.nexthops ?? [],
    interface: i
      ? { name: i.name, adminUp: i.adminUp, carrier: i.carrier, operstate: i.operstate }
      : null,
    neighbour: n
      ? {
          address: n.dst,
          dev: n.dev,
          lladdr: n.lladdr,
          vendor: vendorOf(n.lladdr),
          states: n.states,
        }
      : null,
    summary: routeSummary(host, d),
    steps: d.steps.map((s) => ({ rule: s.rule.priority, outcome: s.outcome, note: s.note })),
    caveats: d.caveats ?? [],
    sourceCheck: d.sourceCheck
      ? {
          iif: d.sourceCheck.iif,
          src: d.sourceCheck.src,
          rpFilter: d.sourceCheck.rpFilter,
          passed: d.sourceCheck.passed,
          outcome: d.sourceCheck.outcome,
          words: d.sourceCheck.words,
          back: d.sourceCheck.back
            ? {
                type: d.sourceCheck.back.type,
                error: d.sourceCheck.back.error,
                table: d.sourceCheck.back.table,
                rule: d.sourceCheck.back.rule?.priority ?? null,
                route: d.sourceCheck.back.route?.dst ?? null,
                devs: d.sourceCheck.back.devs,
              }
            : null,
        }
      : null,
    kernel: kernel
      ? {
          argv: kernel.argv,
          answer: kernel.answer,
          agrees: kernel.comparison?.agrees ?? null,
          differences: kernel.comparison?.differences ?? [],
        }
      : null,
    findings,
  };
}
