/**
 * proxy-arp-needed (host): addresses this host routes out of one interface lie inside the
 * on-link network of another interface whose proxy_arp is 0. The neighbours on that
 * network (the upstream router) ARP for those addresses as if they were on their wire;
 * nobody there holds them, so nobody answers, and the upstream drops the packets.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import { carvedRoutes, isLocalAddress, type CarvedRoute } from '../../net/role.js';
import { ipText, parseCidr } from '../../net/cidr.js';
import type { HostState } from '../../state/host-state.js';
import {
  addressEvidence,
  effective,
  routeEvidence,
  sysctlEvidence,
} from '../../net/role-evidence.js';
import { safeText } from '../../text/safe.js';

/**
 * An address the upstream would ARP for: the route's own for a host route, else the first
 * address of the carved network that is not this host's (a connected /26 holds this host's
 * address on the inner interface, and its first address is the network's).
 */
function askedAddress(host: HostState, c: CarvedRoute): string {
  const cidr = parseCidr(c.route.dst);
  if (!cidr || cidr.length >= 31) return c.route.dst.split('/')[0] ?? c.route.dst;
  for (let v = cidr.first + 1n; v < cidr.last && v <= cidr.first + 4n; v++) {
    const a = ipText({ family: 'inet', value: v });
    if (!isLocalAddress(host, a)) return a;
  }
  return ipText({ family: 'inet', value: cidr.first + 1n });
}

const DOCS: CodeDocs = {
  'proxy-arp-needed': {
    title: "addresses routed elsewhere lie in another interface's network, and proxy ARP is off",
    severity: { error: 'always' },
    means:
      'Addresses this host routes out of one interface lie inside the on-link network of another interface whose proxy_arp is 0.',
    matters:
      'The neighbours on that network (the upstream router) ARP for those addresses as if they were on their wire; nobody there holds them, so nobody answers, and the upstream drops the packets.',
    proof: "From the routes, the interfaces' networks and /proc/sys/net/ipv4/conf/IF/proxy_arp.",
    fix: '`sysctl -w net.ipv4.conf.IF.proxy_arp=1` on the interface facing that network (kept in /etc/sysctl.d/), or route the addresses on the upstream router instead.',
    box: 'this host',
  },
};

export const proxyArpNeededRule: Rule = {
  id: 'proxy-arp-needed',
  topic: 'host',
  codes: ['proxy-arp-needed'],
  docs: DOCS,
  run: ({ host }) => {
    if (!host) return [];
    const byIface = new Map<string, ReturnType<typeof carvedRoutes>>();
    for (const c of carvedRoutes(host)) {
      if (effective(host, c.inside.iface, 'proxy_arp') === 1) continue;
      byIface.set(c.inside.iface, [...(byIface.get(c.inside.iface) ?? []), c]);
    }
    const findings: Finding[] = [];
    for (const [iface, carved] of byIface) {
      const first = carved[0];
      if (!first) continue;
      const dsts = carved.map((c) => c.route.dst);
      const outs = [...new Set(carved.map((c) => c.route.dev ?? ''))];
      findings.push({
        code: 'proxy-arp-needed',
        severity: 'error',
        title: safeText(
          `${dsts.join(', ')} ${dsts.length > 1 ? 'are' : 'is'} routed out of ${outs.join(', ')} but ${dsts.length > 1 ? 'lie' : 'lies'} in ${first.inside.cidr.text} on ${iface}: turn on proxy ARP on ${iface}`,
        ),
        why: safeText(
          `${first.inside.cidr.text} is on-link on ${iface}, so the hosts and the router on that ` +
            `wire believe ${dsts.join(', ')} ${dsts.length > 1 ? 'sit' : 'sits'} right next to them: to send there they ask by ARP ` +
            `"who has ${askedAddress(host, first)}?" and wait for the owner's MAC. The owner is ` +
            `behind this host, on ${outs.join(', ')}, and never hears the question. With proxy_arp = 0 ` +
            `this host stays quiet too, so the ARP goes unanswered and the upstream drops the ` +
            `packets (its neighbour entry goes FAILED). With proxy_arp = 1 on ${iface} this host ` +
            `answers with its own MAC for the addresses it routes elsewhere, takes the packets and ` +
            `forwards them.`,
        ),
        evidence: [
          addressEvidence(iface, first.inside.address, first.inside.cidr.length),
          ...carved.map((c) => routeEvidence(c.route)),
          ...sysctlEvidence(host, iface, 'proxy_arp'),
        ],
        fix: [
          `sysctl -w net.ipv4.conf.${iface}.proxy_arp=1`,
          '# and to keep it after a reboot:',
          `echo 'net.ipv4.conf.${iface}.proxy_arp = 1' > /etc/sysctl.d/90-proxy-arp.conf`,
          `# or, without proxy ARP: ask the upstream to route ${dsts.join(', ')} via ${first.inside.address}`,
        ],
        subject: iface,
      });
    }
    return findings;
  },
};
