/**
 * rp-filter-drop (host): an interface with strict reverse-path filtering has a gateway
 * route of its own (so packets from beyond that gateway are expected in on it), while the
 * same destination is preferred by another interface. A packet from there that arrives on
 * the strict interface fails the check "would I send my answer back out of here?" and the
 * kernel drops it. Read from the routes alone: two routes to one destination via two
 * interfaces, the strict one not preferred.
 */
import type { Finding } from '../finding.js';
import type { Rule } from '../rule.js';
import type { RouteRecord } from '../../parse/ip-route.js';
import { effective, mainRoutes4, routeEvidence, sysctlEvidence } from '../../net/role-evidence.js';
import { safeText } from '../../text/safe.js';

const metric = (r: RouteRecord) => r.metric ?? 0;

/** The fixes for strict rp_filter on `iface`, with their trade-offs, as copyable lines. */
export function rpFilterFix(
  iface: string,
  source: string | null,
  gateway: string | null,
): string[] {
  const fix = [
    `# loose mode: the source must be routable by some interface, not by this one (keeps anti-spoofing):`,
    `sysctl -w net.ipv4.conf.${iface}.rp_filter=2`,
    `# and to keep it: echo 'net.ipv4.conf.${iface}.rp_filter = 2' > /etc/sysctl.d/90-rp-filter.conf`,
  ];
  if (source && gateway) {
    fix.push(
      `# or keep strict mode and make the path symmetric: answers from ${source} leave by ${iface}:`,
      `ip route add default via ${gateway} dev ${iface} table 100`,
      `ip rule add from ${source} table 100`,
    );
  }
  return fix;
}

export const rpFilterHostRule: Rule = {
  id: 'rp-filter-host',
  topic: 'host',
  codes: ['rp-filter-drop'],
  run: ({ host }) => {
    if (!host) return [];
    const routes = mainRoutes4(host);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const r of routes) {
      if (!r.gateway || !r.dev || seen.has(r.dev)) continue;
      if (effective(host, r.dev, 'rp_filter') !== 1) continue;
      const preferred = routes.find(
        (o) => o.dst === r.dst && o.dev !== null && o.dev !== r.dev && metric(o) < metric(r),
      );
      if (!preferred?.dev) continue;
      seen.add(r.dev);
      const where = r.dst === 'default' ? 'anywhere beyond its own network' : r.dst;
      const local = host.interfaces
        .find((i) => i.name === r.dev)
        ?.addresses.find((a) => a.family === 'inet' && a.scope === 'global');
      findings.push({
        code: 'rp-filter-drop',
        severity: 'error',
        title: safeText(
          `strict rp_filter on ${r.dev} drops packets from ${where} that come in by ${r.gateway}`,
        ),
        why: safeText(
          `${r.dev} has its own way to ${r.dst} (via ${r.gateway}), so packets from ${where} can ` +
            `arrive on ${r.dev}: a host that answers there, or traffic ${r.gateway} routes to us. ` +
            `Before accepting such a packet the kernel asks which way it would send its answer to ` +
            `the packet's source: the preferred route to ${r.dst} leaves by ${preferred.dev} ` +
            `(metric ${metric(preferred)} beats ${metric(r)}), not by ${r.dev}. With rp_filter = 1 ` +
            `(strict) on ${r.dev} that mismatch is a "martian", and the kernel drops the packet ` +
            `silently before any socket or firewall sees it.`,
        ),
        evidence: [
          routeEvidence(preferred),
          routeEvidence(r),
          ...sysctlEvidence(host, r.dev, 'rp_filter'),
        ],
        fix: rpFilterFix(r.dev, local?.local ?? null, r.gateway),
        subject: r.dev,
      });
    }
    return findings;
  },
};
