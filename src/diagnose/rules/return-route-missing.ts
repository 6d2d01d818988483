/**
 * return-route-missing (path, from the return-path probe): the destination answers a ping
 * sourced from one local address and not one sourced from another. The request went out the
 * same way both times; only the answer's way differs. From here two causes look the same:
 * the destination (or its gateway) has no route back to the second address's network, or a
 * firewall on the destination drops that network. The route is the common one, so it leads,
 * with the exact route and the box it goes on; the firewall is named, with how to tell them
 * apart on the destination. An ICMP "prohibited" or "filtered" answer proves the firewall.
 */
import type { Finding, FixBox } from '../finding.js';
import type { HostState } from '../../state/host-state.js';
import type { CodeDocs, PingProbeResult, Rule } from '../rule.js';
import { localNets, networkOfAddress } from '../../net/role.js';
import { defaultGateways } from '../../net/default-gateways.js';
import { cidrContains } from '../../net/cidr.js';
import { safeText } from '../../text/safe.js';
import { sameWayOut } from './source-route.js';

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
      ? `# best, on ${target}'s default gateway (the LAN's gateway: every host of that LAN gets the way back at once):`
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

/**
 * Where the best fix goes: the gateway of the target's LAN. When the target is on one of
 * this host's LANs, that LAN's gateway is most likely this host's own gateway there.
 */
function returnRouteBox(host: HostState, target: string, targetOnLink: boolean): FixBox {
  if (!targetOnLink) {
    return { role: 'router', words: `the router that delivers to ${target}` };
  }
  const lan = localNets(host).find((n) => cidrContains(n.cidr, target));
  const gw = lan ? defaultGateways(host, 'inet').find((g) => cidrContains(lan.cidr, g)) : undefined;
  return gw
    ? {
        role: 'lan-gateway',
        words: `${target}'s default gateway (on ${lan?.cidr.text ?? 'its LAN'} that is most likely ${gw}, this host's own gateway there)`,
        address: gw,
      }
    : { role: 'lan-gateway', words: `${target}'s default gateway` };
}

function pingEvidence(a: PingProbeResult) {
  const lines = a.lines.length > 0 ? a.lines : [a.answered ? 'answered' : 'no answer'];
  return lines.map((text) => ({ source: a.command, text: safeText(text) }));
}

const DOCS: CodeDocs = {
  'return-route-missing': {
    title: 'the destination answers one local address and not another: no way back',
    severity: { error: 'always: the return-path probe proves it' },
    means:
      "The destination answers a ping sourced from one local address and not one sourced from another. The request went out the same way both times; only the answer's way differs.",
    matters:
      'Everything sourced from the second address (VPN clients behind this host, a second network) gets no answers, while the host itself seems fine.',
    proof:
      'From the doctor\'s return-path probe: the destination pinged from each relevant local address. An ICMP "prohibited" or "filtered" answer proves a firewall instead.',
    fix: "Add a route back to the second address's network on the destination or its gateway; if it is a firewall, allow that network there. The finding says how to tell the two apart.",
    box: 'the destination, or its gateway (named in the finding)',
  },
};

export const returnRouteMissingRule: Rule = {
  id: 'return-route-missing',
  topic: 'path',
  codes: ['return-route-missing'],
  docs: DOCS,
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
      // A source whose request left by another way (a policy rule's table) is not a
      // return-route question: source-route-broken judges that way.
      if (!sameWayOut(host, rp.target, s.source, good.source)) continue;
      const net = networkOfAddress(host, s.source);
      if (!net || done.has(net)) continue;
      done.add(net);
      // The route back goes via the address that got its answer, on the target's side.
      const goodNet = nets.find((n) => n.address === good.source);
      const targetOnLink = goodNet !== undefined && cidrContains(goodNet.cidr, rp.target);
      const refusal = s.lines.find((l) => /prohibit|filtered/i.test(l));
      const tellApart =
        `To tell them apart, on ${rp.target}: "ip route get ${s.source}" (a way back via a ` +
        `gateway that does not know ${net} is the missing route) and "nft list ruleset" or ` +
        `"iptables -S" (a rule that drops ${net} is the firewall).`;
      findings.push({
        code: 'return-route-missing',
        severity: 'error',
        title: safeText(
          refusal
            ? `${rp.target} answers ${good.source} but refuses ${s.source}: a firewall there rejects ${net}`
            : `${rp.target} answers ${good.source} but not ${s.source}: no route back to ${net} there (or a firewall drops it)`,
        ),
        why: safeText(
          `Both pings left this host the same way, to ${rp.target}. The one from ${good.source} ` +
            `got its answers; the one from ${s.source} got none. So the request arrives, and the ` +
            `answer is what goes astray. ` +
            (refusal
              ? `${rp.target} said so itself ("${refusal}"): a firewall rule there rejects ` +
                `${net}. Allow ${net} in its input rules; no route is missing.`
              : `Two causes fit, and from here they look the same: most often ${rp.target} ` +
                `sends replies for ${s.source} to ` +
                `${targetOnLink ? 'its default gateway' : 'its router'}, which does not know ` +
                `that ${net} lies behind this host and drops them (or sends them towards the ` +
                `internet, where a private address dies); every host on ${net} (VPN clients ` +
                `included) is cut off from ${rp.target} the same way, and it needs a route for ` +
                `${net} via ${good.source}. Or a firewall on ${rp.target} drops ${net}. ` +
                tellApart),
        ),
        evidence: [...pingEvidence(good), ...pingEvidence(s)],
        fix: refusal
          ? [
              `# on ${rp.target}: find the rule that rejects ${net} and allow it`,
              'nft list ruleset',
              'iptables -S',
            ]
          : returnRouteFix(rp.target, net, good.source, goodNet?.iface ?? good.iface, targetOnLink),
        box: refusal
          ? { role: 'destination', words: rp.target, address: rp.target }
          : returnRouteBox(host, rp.target, targetOnLink),
        subject: safeText(`${rp.target} → ${net}`),
      });
    }
    return findings;
  },
};
