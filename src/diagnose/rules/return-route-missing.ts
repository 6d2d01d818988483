/**
 * return-route-missing (path, from the return-path probe): the destination answers a ping
 * sourced from one local address and not one sourced from another. The request went out the
 * same way both times; only the answer's way differs, so the destination (or its gateway)
 * has no route back to the second address's network. Proven, with the exact route it needs.
 */
import type { Finding } from '../finding.js';
import type { HostState } from '../../state/host-state.js';
import type { PingProbeResult, Rule } from '../rule.js';
import { hostRole, localNets } from '../../net/role.js';
import { cidrContains, parseCidr } from '../../net/cidr.js';
import { safeText } from '../../text/safe.js';

/** The network the silent source belongs to: the VPN network holding it, else its on-link one. */
function networkOf(host: HostState, address: string): string | null {
  const vpn = hostRole(host).vpnNetworks.find((v) => {
    const c = parseCidr(v.cidr);
    return c !== null && cidrContains(c, address);
  });
  if (vpn) return vpn.cidr;
  return localNets(host).find((n) => n.address === address)?.cidr.text ?? null;
}

/** Alternatives, best first, each with its trade-off as a shell comment. */
export function returnRouteFix(
  target: string,
  net: string,
  via: string,
  lanIface: string | null,
  targetOnLink: boolean,
): string[] {
  const route = `ip route add ${net} via ${via}`;
  return [
    targetOnLink
      ? `# best, on ${target}'s default gateway (every host of that LAN gets the way back at once):`
      : `# best, on the router that delivers to ${target} (every host behind it gets the way back):`,
    route,
    `# or on ${target} itself (only ${target} learns it; other hosts there stay deaf to ${net}):`,
    route,
    `# or NAT here (no route needed anywhere, but ${target} sees this host's address instead of each client's):`,
    `iptables -t nat -A POSTROUTING -s ${net} -o ${lanIface ?? 'LANIF'} -j MASQUERADE`,
    `# the same with nftables:`,
    `nft add table ip nat`,
    `nft 'add chain ip nat postrouting { type nat hook postrouting priority srcnat; }'`,
    `nft add rule ip nat postrouting ip saddr ${net} oifname ${lanIface ?? 'LANIF'} masquerade`,
  ];
}

function pingEvidence(a: PingProbeResult) {
  const lines = a.lines.length > 0 ? a.lines : [a.answered ? 'answered' : 'no answer'];
  return lines.map((text) => ({ source: a.command, text: safeText(text) }));
}

export const returnRouteMissingRule: Rule = {
  id: 'return-route-missing',
  topic: 'path',
  codes: ['return-route-missing'],
  run: ({ host, probes }) => {
    const rp = probes?.returnPath;
    if (!host || !rp) return [];
    const answered = rp.attempts.filter((a) => a.answered && a.source !== null);
    const silent = rp.attempts.filter((a) => !a.answered && a.source !== null);
    const good = answered[0];
    if (!good?.source || silent.length === 0) return [];
    const nets = localNets(host);
    const findings: Finding[] = [];
    const done = new Set<string>();
    for (const s of silent) {
      if (!s.source) continue;
      const net = networkOf(host, s.source);
      if (!net || done.has(net)) continue;
      done.add(net);
      // The route back goes via the address that got its answer, on the target's side.
      const goodNet = nets.find((n) => n.address === good.source);
      const targetOnLink = goodNet !== undefined && cidrContains(goodNet.cidr, rp.target);
      findings.push({
        code: 'return-route-missing',
        severity: 'error',
        title: safeText(
          `${rp.target} answers ${good.source} but not ${s.source}: it has no route back to ${net}`,
        ),
        why: safeText(
          `Both pings left this host the same way, to ${rp.target}. The one from ${good.source} ` +
            `got its answers; the one from ${s.source} got none. So the request arrives, and the ` +
            `answer is what goes astray: ${rp.target} sends replies for ${s.source} to ` +
            `${targetOnLink ? 'its default gateway' : 'its router'}, which does not know that ${net} ` +
            `lies behind this host and drops them (or sends them towards the internet, where a ` +
            `private address dies). Every host on ${net} (VPN clients included) is cut off from ` +
            `${rp.target} the same way. It needs a route for ${net} via ${good.source}.`,
        ),
        evidence: [...pingEvidence(good), ...pingEvidence(s)],
        fix: returnRouteFix(
          rp.target,
          net,
          good.source,
          goodNet?.iface ?? good.iface,
          targetOnLink,
        ),
        subject: safeText(`${rp.target} → ${net}`),
      });
    }
    return findings;
  },
};
