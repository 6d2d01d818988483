/**
 * The doctor's words: the host's role, the path's route decision, what the probes sent and
 * saw, and the findings (errors first), as Sections for the text report and the coming
 * Doctor panel, as Markdown for a ticket, and as one JSON object.
 */
import type { Finding } from '../diagnose/finding.js';
import type { PathQuestion, ProbeResults } from '../diagnose/rule.js';
import type { HostState } from '../state/host-state.js';
import type { HostRole, LocalNet } from '../net/role.js';
import { roleWords } from '../net/role.js';
import type { ProbeOutcome } from '../probes/doctor/types.js';
import { commandKey, IP_SOURCES } from '../snapshot/sources.js';
import { safeText } from '../text/safe.js';
import { line, type Line, type Section } from './document.js';
import { jsonDocument, type EndReason } from './json-document.js';
import { readProblemLines, readProblems } from './read-problems.js';
import { resolvesNeighbours } from '../net/link-layer.js';
import {
  evidenceHead,
  findingMarkdown,
  findingsSection,
  fixPlace,
  safeFinding,
  wrap,
} from './findings.js';

/** The host as the report names it: its name, its namespace, and how it was reached. */
function hostHead(host: HostState, withNetns = true): string {
  const ns = withNetns && host.meta.netns ? ` (netns ${host.meta.netns})` : '';
  const via = host.meta.via !== undefined ? ` (${host.meta.via})` : '';
  return `${host.meta.hostname}${ns}${via}`;
}

export interface DoctorProbeRun {
  readonly skipped: readonly string[];
  /** What the checks proved, as the rules read it (ctx.probes). */
  readonly results: ProbeResults;
  readonly outcomes: readonly ProbeOutcome[];
  readonly cancelled: boolean;
}

export interface DoctorReport {
  readonly host: HostState;
  readonly role: HostRole;
  readonly path: PathQuestion | null;
  readonly probes: DoctorProbeRun | null;
  readonly findings: readonly Finding[];
}

/** What the LAN behind a VPN server needs to answer the VPN's clients, one per pair. */
export interface ReturnRouteHint {
  /** The network the server tells its clients about. */
  readonly pushed: string;
  readonly vpn: string;
  /** "hosts on P answer V through their own default gateway: it needs "ip route add …" (or NAT here)" */
  readonly words: string;
}

export function returnRouteHints(role: HostRole): ReturnRouteHint[] {
  const lan = role.lanNets[0];
  return role.vpnNetworks.flatMap((v) =>
    role.pushedNetworks.flatMap((p) => {
      const via = role.lanNets.find((n) => n.cidr.text === p.cidr) ?? lan;
      if (!via) return [];
      return [
        {
          pushed: p.cidr,
          vpn: v.cidr,
          words:
            `hosts on ${p.cidr} answer ${v.cidr} through their own default gateway: it needs ` +
            `"ip route add ${v.cidr} via ${via.address}" (or NAT here)`,
        },
      ];
    }),
  );
}

/** The role, the VPN networks and what the LAN side needs, in words. */
export function roleSection(host: HostState, role: HostRole): Section {
  const lines: Line[] = [
    line(safeText(`${hostHead(host, false)} is a ${roleWords(role)}`)),
    ...role.reasons.map((r) => line(safeText(`  because: ${r}`), 'dim')),
    line(
      `  forwarding: net.ipv4.ip_forward = ${host.sysctls.ipForward ?? 'unknown'}`,
      role.router && host.sysctls.ipForward === 0 ? 'warn' : 'dim',
    ),
  ];
  for (const v of role.vpnNetworks) {
    lines.push(
      line(
        safeText(
          `  VPN network ${v.cidr}${v.iface ? ` on ${v.iface}` : ''}  (${v.line}, ${v.source})`,
        ),
      ),
    );
  }
  for (const p of role.pushedNetworks) {
    lines.push(line(safeText(`  clients are told ${p.cidr} lies behind this host  (${p.line})`)));
  }
  for (const h of returnRouteHints(role)) {
    lines.push(
      line(
        safeText(`  ${h.words}. Prove it: netdoctor doctor --to <a host on ${h.pushed}> --probe`),
        'dim',
      ),
    );
  }
  const dirs = host.openvpn?.dirs ?? [];
  if (dirs.length > 0 && !dirs.some((d) => d.present)) {
    lines.push(line('  no /etc/openvpn on this host', 'dim'));
  }
  return { title: 'Role', lines };
}

function nextHopLine(host: HostState, path: PathQuestion): Line | null {
  const d = path.decision;
  const hop = d.gateway ?? (d.type === 'unicast' ? d.query.dst : null);
  if (!hop || !d.dev) return null;
  if (!resolvesNeighbours(host, d.dev)) {
    return line(safeText(`  next hop ${hop} on ${d.dev}: no ARP on this link (NOARP)`), 'dim');
  }
  const n = host.neighbours.find((x) => x.dst === hop && x.dev === d.dev);
  if (!n)
    return line(safeText(`  next hop ${hop} on ${d.dev}: not in the neighbour table yet`), 'dim');
  const bad = n.states.some((s) => s === 'FAILED' || s === 'INCOMPLETE');
  return line(
    safeText(
      `  next hop ${hop} on ${d.dev}: ${n.states.join(',')}${n.lladdr ? ` at ${n.lladdr}` : ''}`,
    ),
    bad ? 'bad' : 'dim',
  );
}

/** The route decision in one line, as `ip route get` would say it. */
export function decisionWords(path: PathQuestion): string {
  const { query, decision: d } = path;
  const head = `to ${query.dst}${query.src ? ` from ${query.src}` : ''}${query.iif ? ` in on ${query.iif}` : ''}`;
  if (d.error) return `${head}: ${d.error}`;
  if (d.type === 'none') return `${head}: no route`;
  const parts = [
    d.type === 'unicast' ? '' : d.type,
    d.gateway ? `via ${d.gateway}` : '',
    d.dev ? `dev ${d.dev}` : '',
    d.prefsrc ? `src ${d.prefsrc}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const route = d.route ? `, route ${d.route.dst}` : '';
  return `${head}: ${parts || d.type} (table ${d.table ?? '-'}${route})`;
}

export function pathSection(host: HostState, path: PathQuestion): Section {
  const lines: Line[] = [line(safeText(decisionWords(path)))];
  const hop = nextHopLine(host, path);
  if (hop) lines.push(hop);
  for (const c of path.decision.caveats ?? []) lines.push(line(safeText(`  note: ${c}`), 'dim'));
  return { title: 'Path', lines };
}

export function probesSection(run: DoctorProbeRun): Section {
  const lines: Line[] = [];
  for (const o of run.outcomes) {
    const verdict = o.error ? `could not run: ${o.error}` : o.answered ? 'answered' : 'no answer';
    lines.push(
      line(
        safeText(`${o.probe.title}: ${verdict}`),
        o.error ? 'warn' : o.answered ? 'good' : 'bad',
      ),
    );
    lines.push(line(safeText(`  $ ${commandKey(o.probe.argv)}`), 'dim'));
    for (const l of o.lines) lines.push(line(safeText(`  | ${l}`), 'dim'));
  }
  for (const s of run.skipped) lines.push(line(safeText(`skipped: ${s}`), 'dim'));
  if (run.cancelled) lines.push(line('stopped before every probe ran', 'warn'));
  return { title: 'Probes', lines };
}

/** Errors first: the findings lead, then what they were drawn from. */
export function doctorSections(r: DoctorReport): Section[] {
  return [
    findingsSection(r.findings.map(safeFinding)),
    roleSection(r.host, r.role),
    ...(r.path ? [pathSection(r.host, r.path)] : []),
    ...(r.probes ? [probesSection(r.probes)] : []),
  ];
}

/** What netdoctor read or ran to reach its conclusions, for the ticket. */
function commandsRun(r: DoctorReport): string[] {
  const read = Object.values(IP_SOURCES).map((argv) => commandKey(argv));
  const ran = (r.probes?.outcomes ?? []).map((o) => commandKey(o.probe.argv));
  return [...read, ...ran];
}

export function doctorMarkdown(r: DoctorReport): string {
  const fence = (lines: readonly Line[]) => ['```', ...lines.map((l) => l.text), '```'];
  const head = hostHead(r.host);
  const parts: string[] = [
    `# netdoctor doctor: ${safeText(head)}`,
    '',
    `Taken ${safeText(r.host.meta.takenAt)}, kernel ${safeText(r.host.meta.kernel)}, netdoctor ${safeText(r.host.meta.netdoctorVersion)}.`,
    '',
    `## Findings (${r.findings.length})`,
    '',
  ];
  if (r.findings.length === 0) parts.push('No problems found.', '');
  for (const f of r.findings) parts.push(findingMarkdown(safeFinding(f)), '');
  parts.push('## Role', '', ...fence(roleSection(r.host, r.role).lines), '');
  if (r.path) parts.push('## Path', '', ...fence(pathSection(r.host, r.path).lines), '');
  if (r.probes) parts.push('## Probes', '', ...fence(probesSection(r.probes).lines), '');
  const unread = readProblemLines(readProblems(r.host, 'host'));
  if (unread.length) {
    parts.push('## Could not read', '', ...fence(unread.map((t) => line(safeText(t)))), '');
  }
  parts.push('## Commands run', '', '```sh', ...commandsRun(r).map((c) => safeText(c)), '```', '');
  return parts.join('\n');
}

function netJson(n: LocalNet) {
  return { iface: n.iface, address: n.address, cidr: n.cidr.text };
}

/**
 * One object for --json: true values, unescaped. `end` says whether the probes ran to the
 * end or a signal stopped them (then `probes` holds what ran).
 */
export function doctorJson(r: DoctorReport, end: EndReason) {
  return jsonDocument('doctor', {
    host: {
      hostname: r.host.meta.hostname,
      netns: r.host.meta.netns,
      takenAt: r.host.meta.takenAt,
      ...(r.host.meta.via !== undefined ? { via: r.host.meta.via } : {}),
    },
    // Prefix numbers are bigints, which JSON cannot hold: the text form goes out.
    role: {
      ...r.role,
      lanNets: r.role.lanNets.map(netJson),
      gatewayOf: r.role.gatewayOf.map(netJson),
    },
    path: r.path,
    probes: r.probes
      ? {
          skipped: r.probes.skipped,
          results: r.probes.results,
          cancelled: r.probes.cancelled,
          outcomes: r.probes.outcomes.map((o) => ({
            id: o.probe.id,
            kind: o.probe.kind,
            title: o.probe.title,
            command: o.probe.argv,
            answered: o.answered,
            lines: o.lines,
            error: o.error,
          })),
        }
      : null,
    findings: r.findings,
    warnings: readProblems(r.host, 'host'),
    end,
  });
}

/**
 * A shell command cut at spaces outside quotes to fit `width`, each cut line ending in ` \\`:
 * pasted whole, the shell joins it again (a cut inside quotes would not be joined).
 */
function commandLines(cmd: string, width: number, indent: string): string[] {
  if ([...cmd].length <= width - indent.length) return [indent + cmd];
  const words = cmd.match(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g) ?? [];
  // An unclosed quote: the words would lose it, so the command stays whole (the view cuts it).
  if (words.join('').replace(/\s/g, '') !== cmd.replace(/\s/g, '')) return [indent + cmd];
  const room = Math.max(20, width - indent.length - 4);
  const parts: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && current.length + 1 + word.length > room) {
      parts.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) parts.push(current);
  return parts.map(
    (p, i) => `${i === 0 ? indent : `${indent}  `}${p}${i < parts.length - 1 ? ' \\' : ''}`,
  );
}

/**
 * One finding opened in full, for the Doctor panel (and any narrow text view): what it is
 * about, why in words, the evidence under the command or file that printed each line, and
 * the fix commands, alternatives as `#` comments before theirs. Wrapped to `width` at
 * spaces; commands break with a trailing backslash so a copied command still runs. Safe.
 */
export function findingDetailLines(finding: Finding, width = 78): Line[] {
  const f = safeFinding(finding);
  const w = Math.max(30, width);
  const indent = '  ';
  const tone = f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'normal';
  const out: Line[] = [
    line(`${f.severity}  ${f.code}`, tone),
    ...wrap(f.title, w).map((t) => line(t, 'heading')),
    ...wrap(`about: ${f.subject}`, w).map((t) => line(t, 'dim')),
    line(''),
    line('Why', 'heading'),
    ...wrap(f.why, w - indent.length).map((t) => line(indent + t)),
  ];
  if (f.evidence.length > 0) {
    out.push(
      line(''),
      ...wrap('Evidence (each under the command or file that printed it)', w).map((t) =>
        line(t, 'heading'),
      ),
    );
    let source: string | null = null;
    for (const e of f.evidence) {
      if (e.source !== source) {
        source = e.source;
        out.push(...commandLines(evidenceHead(e.source), w, indent).map((t) => line(t, 'dim')));
      }
      out.push(...wrap(e.text, w - 4).map((t, i) => line(`${indent}${i ? '    ' : '  '}${t}`)));
    }
  }
  if (f.fix.length > 0) {
    out.push(
      line(''),
      ...wrap(
        `Fix, on ${fixPlace(f)} (copy the commands; alternatives follow their # note)`,
        w,
      ).map((t) => line(t, 'heading')),
    );
    for (const cmd of f.fix) {
      if (cmd.startsWith('#')) {
        const words = wrap(cmd.replace(/^#\s*/, ''), w - indent.length - 2);
        out.push(...words.map((t) => line(`${indent}# ${t}`, 'dim')));
      } else out.push(...commandLines(cmd, w, indent).map((t) => line(t, 'good')));
    }
  } else
    out.push(
      line(''),
      line('Fix: no command is safe to suggest here; the why says what to change', 'dim'),
    );
  return out;
}
