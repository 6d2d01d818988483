/** The Overview of a host: interfaces, routes and rules, neighbours, settings, tools. */
import type { Finding } from '../diagnose/finding.js';
import { diagnose } from '../diagnose/diagnose.js';
import { findingsSummary } from './findings.js';
import type { HostState, InterfaceState } from '../state/host-state.js';
import { tablesInUse } from '../state/host-state.js';
import { effectiveSysctl } from '../parse/sysctl.js';
import { INTERFACE_SYSCTLS } from '../snapshot/sources.js';
import type { RouteRecord } from '../parse/ip-route.js';
import type { RuleRecord } from '../parse/ip-rule.js';
import { lookupVendor, isLocallyAdministered } from '../net/mac.js';
import { line, type Line, type Section } from './document.js';
import { tableLines } from './table.js';
import { readProblemsSections } from './read-problems.js';

/** The vendor column: the registry holder, or why there is none. */
export function vendorLabel(mac: string | null): string {
  if (!mac) return '';
  const vendor = lookupVendor(mac);
  if (vendor) return vendor.name;
  return isLocallyAdministered(mac) ? '(locally administered)' : '(unknown)';
}

export function interfaceStateLabel(i: InterfaceState): string {
  if (!i.adminUp) return 'DOWN';
  if (!i.carrier) return 'NO-CARRIER';
  return i.operstate === 'UNKNOWN' ? 'UP' : i.operstate;
}

function interfaceKind(i: InterfaceState): string {
  if (i.vlan) return `vlan ${i.vlan.id}${i.link ? `@${i.link}` : ''}`;
  const base = i.kind ?? (i.linkType === 'loopback' ? 'loopback' : '');
  const parent = i.link && !i.linkInOtherNamespace && i.kind !== 'veth' ? `@${i.link}` : '';
  const master = i.master ? ` in ${i.master}` : '';
  return `${base}${parent}${master}`.trim();
}

function addressLine(a: InterfaceState['addresses'][number], ifname: string): string {
  const label = a.label && a.label !== ifname ? ` label ${a.label}` : '';
  const peer = a.peer ? ` peer ${a.peer}` : '';
  const flags = a.flags.length ? ` ${a.flags.join(' ')}` : '';
  return `    ${a.family.padEnd(5)} ${a.local}/${a.prefixlen}${peer} ${a.scope}${label}${flags}`;
}

function interfacesSection(state: HostState): Section {
  const rows = state.interfaces.map((i) => [
    i.name,
    interfaceStateLabel(i),
    String(i.mtu ?? ''),
    i.mac ?? '',
    vendorLabel(i.mac),
    interfaceKind(i),
  ]);
  const [head, ...body] = tableLines(['IF', 'STATE', 'MTU', 'MAC', 'VENDOR', 'KIND'], rows, [
    15,
    10,
    5,
    17,
    22,
    null,
  ]);
  // Addresses go under their interface as whole lines, as `ip addr` shows them: an IPv6
  // address is too wide to share a column with MACs at 80 columns.
  const lines: Line[] = [line(head ?? '', 'dim')];
  state.interfaces.forEach((i, n) => {
    const label = interfaceStateLabel(i);
    lines.push(line(body[n] ?? '', label === 'DOWN' || label === 'NO-CARRIER' ? 'warn' : 'normal'));
    lines.push(...i.addresses.map((a) => line(addressLine(a, i.name), 'dim')));
  });
  return { title: `Interfaces (${state.interfaces.length})`, lines };
}

function ruleLines(table: string, rules: readonly RuleRecord[]): Line[] {
  const selecting = rules.filter((r) => r.table === table);
  if (!selecting.length) return [line('  no rule looks this table up (see Findings)', 'warn')];
  return selecting.map((r) => line(`  rule ${describeRule(r)}`, 'dim'));
}

export function describeRule(r: RuleRecord): string {
  const parts = [`${r.priority}:`];
  if (r.not) parts.push('not');
  parts.push(`from ${r.from}`);
  if (r.to !== 'all') parts.push(`to ${r.to}`);
  if (r.fwmark) parts.push(`fwmark ${r.fwmark}`);
  if (r.iif) parts.push(`iif ${r.iif}`);
  if (r.oif) parts.push(`oif ${r.oif}`);
  parts.push(r.table ? `lookup ${r.table}` : (r.action ?? ''));
  return parts.join(' ');
}

function routeRow(r: RouteRecord): string[] {
  const via =
    r.gateway ?? (r.nexthops.length ? r.nexthops.map((n) => n.gateway ?? n.dev).join(',') : '');
  return [
    `  ${r.type === 'unicast' ? '' : r.type}`,
    r.dst,
    via,
    r.dev ?? '',
    r.prefsrc ?? '',
    [r.protocol, r.metric !== null ? `metric ${r.metric}` : null, ...r.flags]
      .filter(Boolean)
      .join(' '),
  ];
}

function routeTone(r: RouteRecord): Line['tone'] {
  if (['blackhole', 'unreachable', 'prohibit'].includes(r.type)) return 'warn';
  return r.flags.includes('linkdown') || r.flags.includes('dead') ? 'warn' : 'normal';
}

const familyName = (family: 'inet' | 'inet6') => (family === 'inet' ? 'IPv4' : 'IPv6');

function routesSection(state: HostState): Section {
  const lines: Line[] = [];
  for (const family of ['inet', 'inet6'] as const) {
    const familyRoutes = state.routes.filter((r) => r.family === family);
    const familyRules = state.rules.filter((r) => r.family === family);
    for (const table of tablesInUse(state)) {
      // The local table is the kernel's own (one entry per local address): it is listed
      // by `ip route show table local` and left out here to keep the screen for routes.
      if (table === 'local') continue;
      const routes = familyRoutes.filter((r) => r.table === table);
      if (!routes.length) continue;
      lines.push(line(`${familyName(family)} table ${table}`), ...ruleLines(table, familyRules));
      const [head, ...body] = tableLines(
        ['  TYPE', 'DESTINATION', 'VIA', 'DEV', 'SRC', ''],
        routes.map(routeRow),
        [13, 22, 16, 10, 15, null],
      );
      lines.push(
        line(head ?? '', 'dim'),
        ...body.map((t, n) => line(t, routes[n] ? routeTone(routes[n]) : 'normal')),
      );
    }
  }
  return { title: 'Routes and rules', lines: lines.length ? lines : [line('no routes', 'warn')] };
}

function neighboursSection(state: HostState): Section {
  if (!state.neighbours.length)
    return { title: 'Neighbours (0)', lines: [line('the neighbour table is empty', 'dim')] };
  const rows = state.neighbours.map((n) => [
    n.dst,
    n.lladdr ?? '',
    vendorLabel(n.lladdr),
    n.dev,
    [...n.states, ...(n.router ? ['router'] : [])].join(' '),
  ]);
  const [head, ...body] = tableLines(['ADDRESS', 'MAC', 'VENDOR', 'DEV', 'STATE'], rows, [
    26,
    17,
    18,
    10,
    null,
  ]);
  return {
    title: `Neighbours (${state.neighbours.length})`,
    lines: [
      line(head ?? '', 'dim'),
      ...body.map((t, n) => {
        const states = state.neighbours[n]?.states ?? [];
        return line(
          t,
          states.includes('FAILED') || states.includes('INCOMPLETE') ? 'warn' : 'normal',
        );
      }),
    ],
  };
}

const onOff = (v: number | null): string => (v === null ? '?' : String(v));

function settingsSection(state: HostState): Section {
  const s = state.sysctls;
  const lines: Line[] = [
    line(
      `net.ipv4.ip_forward = ${onOff(s.ipForward)}   net.ipv6.conf.all.forwarding = ${onOff(s.ipv6Forward)}`,
    ),
  ];
  const names = state.interfaces.map((i) => i.name).filter((n) => s.interfaces[n]);
  if (names.length) {
    const rows = ['all', 'default', ...names].map((n) => [
      n,
      ...INTERFACE_SYSCTLS.map((k) =>
        n === 'all' || n === 'default'
          ? onOff(s.interfaces[n]?.[k] ?? null)
          : onOff(effectiveSysctl(s, n, k)),
      ),
    ]);
    lines.push(
      ...tableLines(['IF (effective)', ...INTERFACE_SYSCTLS], rows, [
        14,
        null,
        null,
        null,
        null,
        null,
      ]).map((t, n) => line(t, n === 0 ? 'dim' : 'normal')),
    );
  }
  return { title: 'Forwarding and ARP settings', lines };
}

function toolsSection(state: HostState): Section {
  // Every tool has a row once read: none yet means the versions are being read (the TUI's
  // first frame comes before them, see commands/host-source.ts).
  if (state.tools.length === 0) {
    return { title: 'Helper tools', lines: [line('reading their versions…', 'dim')] };
  }
  const rows = state.tools.map((t) => [
    t.name,
    t.present ? (t.version ?? 'present') : 'missing',
    t.present ? (t.flavour ? `${t.flavour} flavour` : '') : `apt-get install ${t.debianPackage}`,
  ]);
  return {
    title: 'Helper tools',
    lines: tableLines(['TOOL', 'VERSION', ''], rows).map((t, n) =>
      line(t, n === 0 ? 'dim' : state.tools[n - 1]?.present === false ? 'warn' : 'normal'),
    ),
  };
}

export function hostTitle(state: HostState): string {
  const ns = state.meta.netns ? ` (netns ${state.meta.netns})` : '';
  const via = state.meta.via !== undefined ? `, ${state.meta.via}` : '';
  return `${state.meta.hostname}${ns}${via}`;
}

function hostSection(state: HostState): Section {
  return {
    title: `Host ${hostTitle(state)}`,
    lines: [
      line(
        `${state.meta.kernel}; read ${state.meta.takenAt} as ${state.meta.root ? 'root' : 'an unprivileged user'}`,
        'dim',
      ),
    ],
  };
}

/** What the rules conclude of the host by itself (no probe, no question). */
export function overviewFindings(state: HostState): Finding[] {
  return diagnose({ host: state });
}

export function overviewSections(
  state: HostState,
  findings: readonly Finding[] = overviewFindings(state),
): Section[] {
  return [
    hostSection(state),
    ...(findings.length ? [findingsSummary(findings)] : []),
    interfacesSection(state),
    routesSection(state),
    neighboursSection(state),
    settingsSection(state),
    toolsSection(state),
    ...readProblemsSections(state, 'host'),
  ];
}
