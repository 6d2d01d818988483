/**
 * `netdoctor path` as Sections (the text report and the Path panel draw the same) and as
 * JSON (`"schema": "netdoctor.path/1"`): the hosts read, both walks hop by hop, the
 * findings with the host each is on.
 */
import { schemaId } from './json-document.js';
import type { PathAnswer, PathHop, PathHost, Walk } from '../path/types.js';
import type { PacketVerdict } from '../net/firewall-verdict.js';
import { line, type Line, type Section } from './document.js';
import { findingsSection } from './findings.js';

export const PATH_SCHEMA = schemaId('path');

const VERDICT_TONE = { ok: 'good', failed: 'bad', unknown: 'warn' } as const;
const VERDICT_WORD = { ok: 'works', failed: 'FAILS', unknown: 'cannot tell' } as const;

function filterWords(v: PacketVerdict): string {
  if (v.verdict === 'accept') return 'accepts';
  const by = v.by.rule
    ? `"${v.by.rule.text}"`
    : `${v.by.chain.name} policy ${v.by.chain.policy ?? ''}`;
  return `${v.verdict === 'unknown' ? 'may drop' : v.verdict === 'reject' ? 'rejects' : 'drops'} (${by})`;
}

/** One hop in one line, with its firewall's verdict when it is not a plain accept. */
export function hopLine(h: PathHop, n: number): string {
  const how = h.arrival === 'proxy-arp' ? ' (by proxy ARP)' : '';
  const fw =
    h.firewall && h.firewall.verdict.verdict !== 'accept'
      ? `; firewall ${h.firewall.hook} ${filterWords(h.firewall.verdict)}`
      : '';
  return `${String(n + 1).padStart(2)}. ${h.words}${how}${fw}`;
}

export function walkTitle(w: Walk): string {
  return `${w.direction === 'forward' ? 'Forward' : 'Return'} ${w.src} → ${w.dst}: ${VERDICT_WORD[w.verdict]}`;
}

export function walkSection(w: Walk): Section {
  return {
    title: walkTitle(w),
    lines: [
      ...w.hops.map((h, i) => line(hopLine(h, i))),
      line(`   ${w.words}`, VERDICT_TONE[w.verdict]),
    ],
  };
}

export function hostLine(h: PathHost): Line {
  if (!h.state) return line(`${h.name}: could not be read: ${h.error ?? 'unknown error'}`, 'bad');
  const m = h.state.meta;
  const addresses = h.state.interfaces
    .flatMap((i) => i.addresses.filter((a) => a.scope === 'global').map((a) => a.local))
    .slice(0, 4);
  return line(
    `${h.name}: ${m.hostname}${m.netns ? ` (netns ${m.netns})` : ''}, taken ${m.takenAt}; ${addresses.join(', ') || 'no global address'}`,
  );
}

export function hostsSection(hosts: readonly PathHost[]): Section {
  const failed = hosts.filter((h) => !h.state).length;
  // A fleet is long: the failed hosts always, the others up to a screenful.
  const shown = [...hosts.filter((h) => !h.state), ...hosts.filter((h) => h.state).slice(0, 40)];
  const hidden = hosts.length - shown.length;
  return {
    title: `Hosts (${hosts.length}${failed ? `, ${failed} could not be read` : ''})`,
    lines: [
      ...shown.map(hostLine),
      ...(hidden > 0 ? [line(`… and ${hidden} more read`, 'dim')] : []),
    ],
  };
}

export function pathSections(hosts: readonly PathHost[], a: PathAnswer): Section[] {
  return [
    hostsSection(hosts),
    walkSection(a.forward),
    walkSection(a.back),
    findingsSection(a.findings),
  ];
}

function hopJson(h: PathHop) {
  const d = h.decision;
  return {
    host: h.host,
    iif: h.iif,
    arrival: h.arrival,
    decision: {
      type: d.type,
      table: d.table,
      rule: d.rule?.priority ?? null,
      route: d.route?.dst ?? null,
      dev: d.dev,
      gateway: d.gateway,
      prefsrc: d.prefsrc,
      error: d.error ?? null,
      sourceCheck: d.sourceCheck
        ? {
            passed: d.sourceCheck.passed,
            outcome: d.sourceCheck.outcome,
            words: d.sourceCheck.words,
          }
        : null,
    },
    firewall: h.firewall
      ? {
          hook: h.firewall.hook,
          verdict: h.firewall.verdict.verdict,
          rule:
            h.firewall.verdict.verdict === 'accept'
              ? null
              : (h.firewall.verdict.by.rule?.text ??
                `policy ${h.firewall.verdict.by.chain.policy ?? ''}`),
        }
      : null,
    nextHop: h.nextHop,
    words: h.words,
  };
}

function walkJson(w: Walk, hosts: readonly PathHost[]) {
  const name = (i: number) => hosts[i]?.name ?? null;
  const e = w.end;
  const end =
    e.kind === 'loop'
      ? { kind: e.kind, hosts: e.hostIndices.map(name) }
      : e.kind === 'no-start'
        ? { kind: e.kind, address: e.address }
        : {
            kind: e.kind,
            host: name(e.hostIndex),
            ...(e.kind === 'dropped' ? { drop: e.drop } : {}),
            ...(e.kind === 'left' ? { via: e.via } : {}),
          };
  return {
    src: w.src,
    dst: w.dst,
    verdict: w.verdict,
    words: w.words,
    end,
    hops: w.hops.map(hopJson),
  };
}

export function pathJson(hosts: readonly PathHost[], a: PathAnswer): Record<string, unknown> {
  return {
    schema: PATH_SCHEMA,
    src: a.src,
    dst: a.dst,
    hosts: hosts.map((h) => ({
      name: h.name,
      read: h.state !== null,
      error: h.error,
      hostname: h.state?.meta.hostname ?? null,
      netns: h.state?.meta.netns ?? null,
    })),
    forward: walkJson(a.forward, hosts),
    return: walkJson(a.back, hosts),
    findings: a.findings,
  };
}
