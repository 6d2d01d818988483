/**
 * The VLAN words, as Sections: the tree of parents and VLANs, bridges as switches, the
 * findings, and the --make plan. `netdoctor vlan` prints them; the VLAN panel windows the
 * same Sections. Every name from the host passes through safeText here.
 */
import type { Finding } from '../diagnose/finding.js';
import type { HostState } from '../state/host-state.js';
import { line, type Line, type Section } from './document.js';
import { findingsSection, headlineLines, safeFinding } from './findings.js';
import { safeText } from '../text/safe.js';
import {
  portAdvice,
  switchViews,
  type SwitchPort,
  type VlanNode,
  type VlanParent,
  type VlanRates,
} from '../net/vlan.js';
import type { VlanPlan } from '../net/vlan-make.js';
import { padColumns } from '../text/width.js';

const s = safeText;

function state(adminUp: boolean, carrier: boolean): string {
  return `${adminUp ? 'up' : 'DOWN'}${adminUp ? (carrier ? ', carrier' : ', NO CARRIER') : ''}`;
}

function qos(list: readonly { from: number; to: number }[]): string {
  return list.map((m) => `${m.from}:${m.to}`).join(' ');
}

function rateText(r: VlanRates | undefined): string | null {
  if (!r) return null;
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  return `rate  rx ${f(r.rxFramesPerSec)} frames/s ${f(r.rxBytesPerSec)} B/s, tx ${f(r.txFramesPerSec)} frames/s ${f(r.txBytesPerSec)} B/s`;
}

function nodeLines(n: VlanNode, depth: number, rates: readonly VlanRates[]): Line[] {
  const pad = '  '.repeat(depth);
  const ok = n.adminUp && n.carrier;
  const head =
    `${pad}└ ${s(n.name)}  VLAN ${n.id} ${n.protocol}  ${state(n.adminUp, n.carrier)}` +
    `  mtu ${n.mtu ?? '?'}  ${n.mac ? s(n.mac) : ''}`;
  const detail = `${pad}    `;
  const out: Line[] = [line(head.trimEnd(), ok ? 'normal' : 'bad')];
  out.push(
    line(`${detail}addresses ${n.addresses.length ? n.addresses.map(s).join(', ') : 'none'}`),
  );
  if (n.flags.length) out.push(line(`${detail}flags ${n.flags.map(s).join(',')}`, 'dim'));
  if (n.ingressQos.length) out.push(line(`${detail}ingress-qos-map ${qos(n.ingressQos)}`, 'dim'));
  if (n.egressQos.length) out.push(line(`${detail}egress-qos-map ${qos(n.egressQos)}`, 'dim'));
  if (n.counters) {
    const c = n.counters;
    out.push(
      line(
        `${detail}rx ${c.rxFrames} frames ${c.rxBytes} bytes (${c.rxMulticast} bcast/mcast), tx ${c.txFrames} frames ${c.txBytes} bytes`,
        'dim',
      ),
    );
  }
  const rate = rateText(rates.find((r) => r.name === n.name));
  if (rate) out.push(line(`${detail}${rate}`));
  for (const child of n.children) out.push(...nodeLines(child, depth + 1, rates));
  return out;
}

function parentLines(p: VlanParent, rates: readonly VlanRates[]): Line[] {
  const head = p.exists
    ? `${s(p.name)}${p.kind ? ` (${s(p.kind)})` : ''}  ${state(p.adminUp, p.carrier)}  mtu ${p.mtu ?? '?'}  untagged`
    : `${s(p.name)}  (not on this host)`;
  return [
    line(head, p.exists && p.adminUp && p.carrier ? 'heading' : 'bad'),
    ...p.vlans.flatMap((v) => nodeLines(v, 1, rates)),
  ];
}

/** Why there may be no VLANs: what /proc/net/vlan said. */
function supportLine(host: HostState): Line {
  switch (host.vlanProc.status) {
    case 'loaded':
      return line(
        `8021q loaded (/proc/net/vlan/config: ${host.vlanProc.config?.entries.length ?? 0} VLANs)`,
        'dim',
      );
    case 'absent':
      return line('8021q not loaded: /proc/net/vlan does not exist', 'warn');
    case 'unreadable':
      return line(
        `/proc/net/vlan/config could not be read: ${s(host.vlanProc.error ?? '')}`,
        'warn',
      );
    case 'not-collected':
      return line('/proc/net/vlan: not collected (an older snapshot)', 'dim');
  }
}

export function vlanTreeSection(
  host: HostState,
  tree: readonly VlanParent[],
  rates: readonly VlanRates[] = [],
): Section {
  const lines: Line[] = [supportLine(host)];
  if (tree.length === 0) lines.push(line('no VLAN interfaces'));
  for (const p of tree) lines.push(...parentLines(p, rates));
  return { title: 'VLANs', lines };
}

function portLines(p: SwitchPort, filtering: boolean | null): Line[] {
  const vlans = p.vlans.length
    ? `pvid ${p.pvid ?? 'none'}  untagged ${p.untagged.join(',') || '-'}  tagged ${p.tagged.join(',') || '-'}`
    : 'no VLANs';
  return [
    line(`  ${padColumns(s(p.name), 15)} ${vlans}`),
    line(`      ${portAdvice(p, filtering)}`, 'dim'),
  ];
}

export function bridgesSection(host: HostState): Section {
  const b = host.bridgeVlans;
  const lines: Line[] = [];
  if (b.status === 'not-collected')
    lines.push(line('bridge vlan show: not collected (an older snapshot)', 'dim'));
  if (b.status === 'failed') {
    const why =
      b.error === 'not-installed'
        ? 'bridge is not installed: apt-get install iproute2'
        : s(b.error ?? '');
    lines.push(line(`bridge -j -d vlan show failed: ${why}`, 'warn'));
  }
  const views = switchViews(host);
  if (views.length === 0 && b.status === 'read') lines.push(line('no bridge with VLANs'));
  for (const v of views) {
    const mode =
      v.vlanFiltering === null
        ? ''
        : v.vlanFiltering
          ? '  vlan_filtering on'
          : '  vlan_filtering OFF';
    lines.push(line(`${s(v.bridge)} (switch)${mode}`, 'heading'));
    if (v.self) {
      lines.push(
        line(
          `  ${'(this host)'.padEnd(15)} pvid ${v.self.pvid ?? 'none'}  untagged ${v.self.untagged.join(',') || '-'}  tagged ${v.self.tagged.join(',') || '-'}`,
        ),
      );
    }
    for (const p of v.ports) lines.push(...portLines(p, v.vlanFiltering));
  }
  return { title: 'Bridges', lines };
}

/** The whole VLAN report: tree, bridges, findings. */
export function vlanSections(
  host: HostState,
  tree: readonly VlanParent[],
  findings: readonly Finding[],
  rates: readonly VlanRates[] = [],
): Section[] {
  return [
    vlanTreeSection(host, tree, rates),
    bridgesSection(host),
    findingsSection(findings.map(safeFinding)),
  ];
}

/**
 * The findings' headlines, errors first, for the top of the VLAN panel: what is wrong is
 * the first thing seen, and each is told in full under Findings at the end.
 */
export function vlanProblemsSection(findings: readonly Finding[], width = 78): Section {
  return {
    title: `Problems (${findings.length}): each explained under Findings, at the end`,
    lines: findings.flatMap((f) => headlineLines(f, width)),
  };
}

/** `--make`: the commands now, and each persistent form. */
export function vlanPlanSections(plan: VlanPlan): Section[] {
  return [
    {
      title: `Make ${s(plan.name)} (VLAN ${plan.id} on ${s(plan.parent)}): run as root`,
      lines: plan.commands.map((c) => line(`  ${s(c)}`, 'good')),
    },
    ...plan.persistent.map((p) => ({
      title: `To keep it, ${p.tool}: ${s(p.file)}`,
      lines: p.text
        .trimEnd()
        .split('\n')
        .map((t) => line(`  ${s(t)}`)),
    })),
  ];
}
