/**
 * rp-filter-drop (host): an interface with rp_filter on has a gateway route of its own, so
 * packets from beyond that gateway are expected in on it; the kernel's source check (the
 * route resolver's model of fib_validate_source, through the policy rules) refuses them. The
 * classic case: two default routes, strict mode on the interface that is not preferred.
 * Asked of the resolver as "a packet from an address beyond the gateway, to this
 * interface's address, arriving on it": so the symmetric-routing fix clears it.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { HostState } from '../../state/host-state.js';
import { effective, mainRoutes4, routeEvidence } from '../../net/role-evidence.js';
import { resolveRoute, routePrefix } from '../../net/resolve-route.js';
import { safeText } from '../../text/safe.js';
import {
  modeWords,
  refusedByRpFilter,
  rpFilterEvidence,
  rpFilterFix,
  sampleBeyond,
  wayBackEvidence,
} from './rp-filter-shared.js';

/** The interface's first primary global IPv4 address: what answers from it leave with. */
function primaryAddress(host: HostState, dev: string): string | null {
  const a = host.interfaces
    .find((i) => i.name === dev)
    ?.addresses.find(
      (x) => x.family === 'inet' && x.scope === 'global' && !x.flags.includes('secondary'),
    );
  return a?.local ?? null;
}

const DOCS: CodeDocs = {
  'rp-filter-drop': {
    title: "the kernel's reverse-path filter drops the packets",
    severity: {
      error: "always: the kernel's source check, asked exactly as the kernel asks it, refuses",
    },
    means:
      "With rp_filter on, the kernel checks each arriving packet's source: the way back to it must leave by the interface it came in on (1, strict), or exist at all (2, loose). It refuses here: on a host check, packets expected in on an interface that has a gateway route of its own (two default routes, strict mode on the one not preferred); on a path, the forwarded packet or the answer to this host's packet.",
    matters:
      'The packets are dropped before any firewall or socket sees them, without a log line: "Invalid argument" in words. One uplink of two works and the other does not.',
    proof:
      "From the route resolver's model of fib_validate_source through the policy rules, with rp_filter (the larger of conf/all and conf/IF), accept_local and src_valid_mark from /proc/sys.",
    fix: 'Symmetric routing (a rule for the address and a table with its gateway), which clears the check; or loose mode (`rp_filter=2`) on the interface; each with its trade-off in the finding.',
    box: 'this host',
  },
};

export const rpFilterHostRule: Rule = {
  id: 'rp-filter-host',
  topic: 'host',
  codes: ['rp-filter-drop'],
  docs: DOCS,
  run: ({ host }) => {
    if (!host) return [];
    const findings: Finding[] = [];
    const done = new Set<string>();
    for (const r of mainRoutes4(host)) {
      if (!r.gateway || !r.dev || done.has(r.dev)) continue;
      if ((effective(host, r.dev, 'rp_filter') ?? 0) === 0) continue;
      const own = primaryAddress(host, r.dev);
      const prefix = routePrefix(r);
      const from = prefix ? sampleBeyond(host, prefix) : null;
      if (!own || !from) continue;
      const check = resolveRoute(host, { dst: own, src: from, iif: r.dev }).sourceCheck;
      if (!check || !refusedByRpFilter(check)) continue;
      done.add(r.dev);
      const where = r.dst === 'default' ? 'anywhere beyond its own network' : r.dst;
      findings.push({
        code: 'rp-filter-drop',
        severity: 'error',
        title: safeText(
          `${modeWords(check)} on ${r.dev} drops packets from ${where} that come in by ${r.gateway}`,
        ),
        why: safeText(
          `${r.dev} has its own way to ${r.dst} (via ${r.gateway}), so packets from ${where} can ` +
            `arrive on ${r.dev}: a host that answers ${own}, or traffic ${r.gateway} routes to us. ` +
            `Before accepting such a packet the kernel looks up the way back to its source, ` +
            `through the policy rules (for ${from} to ${own}): ${check.words}. It drops the ` +
            `packet silently, before any socket or firewall sees it.`,
        ),
        evidence: [...wayBackEvidence(check), routeEvidence(r), ...rpFilterEvidence(host, check)],
        fix: rpFilterFix(host, check, r.dev, own, r.gateway),
        subject: r.dev,
      });
    }
    return findings;
  },
};
