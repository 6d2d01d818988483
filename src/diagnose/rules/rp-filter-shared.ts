/**
 * What the two rp-filter-drop rules share: the fixes for a refused source, with their
 * trade-offs, a free routing table for the symmetric-routing fix, a sample source "from
 * beyond a gateway", and the evidence of a source check. Pure.
 */
import type { Evidence } from '../finding.js';
import type { HostState } from '../../state/host-state.js';
import type { SourceCheck } from '../../net/route-decision.js';
import { ipText, type Cidr } from '../../net/cidr.js';
import { routePrefix } from '../../net/resolve-route.js';
import { rpFilterMode } from '../../net/resolve-route-source.js';
import { ruleText, SOURCES } from '../../net/resolve-route-facts.js';
import { routeEvidence, sysctlEvidence } from '../../net/role-evidence.js';
import { isLocalAddress } from '../../net/role.js';
import { safeText } from '../../text/safe.js';

/** The lowest table number from 100 up that no route and no rule uses. */
export function freeTable(host: Pick<HostState, 'routes' | 'rules'>): number {
  const used = new Set<string>([
    ...host.routes.map((r) => r.table),
    ...host.rules.flatMap((r) => (r.table ? [r.table] : [])),
  ]);
  let t = 100;
  while (used.has(String(t))) t++;
  return t;
}

/**
 * The fixes for a source that rp_filter on `iface` refuses, as copyable lines: loose mode
 * when strict mode is what refuses, and symmetric routing (answers from `source` leave by
 * `iface` via `gateway`, in a table of their own) whenever the address and gateway are known.
 */
export function rpFilterFix(
  host: Pick<HostState, 'routes' | 'rules'>,
  check: Pick<SourceCheck, 'outcome' | 'src'>,
  iface: string,
  source: string | null,
  gateway: string | null,
): string[] {
  const fix: string[] = [];
  if (check.outcome === 'no-address') {
    // Strict and loose both refuse here; only 0 lets it in, and the larger of all and the
    // interface's own counts.
    return [
      `# ${iface} has no IPv4 address: only rp_filter 0 lets these packets in (the larger of all and ${iface} counts; interfaces that relied on all lose their check):`,
      `sysctl -w net.ipv4.conf.${iface}.rp_filter=0`,
      `sysctl -w net.ipv4.conf.all.rp_filter=0`,
    ];
  }
  if (check.outcome === 'other-interface') {
    fix.push(
      `# loose mode: the source must be routable by some interface, not by this one (keeps anti-spoofing):`,
      `sysctl -w net.ipv4.conf.${iface}.rp_filter=2`,
      `# and to keep it: echo 'net.ipv4.conf.${iface}.rp_filter = 2' > /etc/sysctl.d/90-rp-filter.conf`,
    );
  }
  if (check.outcome === 'no-route-back' && !source) {
    fix.push(
      `# give the kernel a way back to ${check.src}: a route to its network by ${iface}, via the router it comes from (see ip neigh show dev ${iface}):`,
      `# ip route add NETWORK via ROUTER dev ${iface}`,
    );
  }
  if (source && gateway) {
    const table = freeTable(host);
    fix.push(
      `# ${fix.length > 0 ? 'or keep strict mode and ' : ''}make the path symmetric: answers from ${source} leave by ${iface} (table ${table} is unused):`,
      `ip route add default via ${gateway} dev ${iface} table ${table}`,
      `ip rule add from ${source} table ${table}`,
    );
  }
  return fix;
}

const MARTIAN = (v: bigint) => v >> 24n === 0n || v >> 24n === 127n || v >= 0xe0000000n;

/**
 * An address inside `prefix` that stands for "anywhere beyond this route": not ours, not a
 * martian, not inside a longer prefix of any table (that would take another way). Null when
 * every address is taken.
 */
export function sampleBeyond(host: HostState, prefix: Cidr): string | null {
  const longer = host.routes
    .filter((r) => r.family === 'inet')
    .map(routePrefix)
    .filter(
      (p): p is Cidr =>
        p !== null && p.length > prefix.length && p.first >= prefix.first && p.last <= prefix.last,
    );
  const free = 32 - prefix.length;
  const chunkBits = Math.min(8, free);
  const size = 1n << BigInt(free - chunkBits);
  for (let k = 0n; k < 1n << BigInt(chunkBits); k++) {
    const v = prefix.first + k * size + (size > 1n ? 1n : 0n);
    if (MARTIAN(v) || longer.some((p) => v >= p.first && v <= p.last)) continue;
    const text = ipText({ family: 'inet', value: v });
    if (!isLocalAddress(host, text)) return text;
  }
  return null;
}

/** The way back the kernel looked up, and the rule that chose it when not the main table's. */
export function wayBackEvidence(check: SourceCheck): Evidence[] {
  const out: Evidence[] = [];
  const back = check.back;
  if (back?.rule && (back.rule.table !== 'main' || back.rule.action)) {
    out.push({ source: SOURCES.rule('inet'), text: safeText(ruleText(back.rule)) });
  }
  if (back?.route) out.push(routeEvidence(back.route));
  return out;
}

/** The rp_filter files of the interface the check ran on. */
export function rpFilterEvidence(host: HostState, check: SourceCheck): Evidence[] {
  return sysctlEvidence(host, check.iif, 'rp_filter');
}

/** A refusal that is rp_filter's doing (a martian source is refused in any mode). */
export function refusedByRpFilter(check: SourceCheck): boolean {
  return (
    !check.passed &&
    (check.outcome === 'other-interface' ||
      check.outcome === 'no-route-back' ||
      check.outcome === 'no-address')
  );
}

/** "strict rp_filter", "loose rp_filter": the mode the check ran in. */
export function modeWords(check: Pick<SourceCheck, 'rpFilter'>): string {
  return `${rpFilterMode(check.rpFilter)} rp_filter`;
}
