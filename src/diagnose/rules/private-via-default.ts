/**
 * private-via-default-gateway (path): a private destination (RFC 1918, 100.64.0.0/10,
 * fc00::/7) leaves by the default route. The default gateway of a LAN usually knows the
 * internet, not the private networks behind other hosts (a VPN server's clients): the
 * VPN-return-route story seen from the LAN server. Most LANs do route private ranges via
 * their gateway, so without proof it is a note; a ping that got no answer makes it an error.
 * Quiet when a ping of the destination answered: then the gateway does know it. On the LAN's
 * gateway itself the route belongs here, and the fix says so.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { HostState } from '../../state/host-state.js';
import { hostRole, isPrivateAddress, localNets } from '../../net/role.js';
import { cidrContains, parseCidr } from '../../net/cidr.js';
import { routeEvidence } from '../../net/role-evidence.js';
import { safeText } from '../../text/safe.js';

interface Behind {
  readonly net: string;
  readonly what: string;
  readonly fix: readonly string[];
  readonly evidence: { readonly source: string; readonly text: string };
}

/** Which network the destination probably lives behind, when this host knows. */
function knownNetwork(host: HostState, dst: string): Behind | null {
  const role = hostRole(host);
  const inside = (cidr: string) => {
    const c = parseCidr(cidr);
    return c !== null && cidrContains(c, dst);
  };
  for (const v of role.vpnNetworks) {
    if (!inside(v.cidr)) continue;
    const iface = v.iface ? host.interfaces.find((i) => i.name === v.iface) : undefined;
    return {
      net: v.cidr,
      what: `the VPN network ${v.cidr} this host serves${v.iface ? ` on ${v.iface}` : ''}`,
      fix:
        iface && !iface.adminUp
          ? [`ip link set ${iface.name} up`]
          : [
              `# the VPN is not up: start it (e.g. systemctl start openvpn@NAME), or`,
              `ip route add ${v.cidr} dev ${v.iface ?? 'tun0'}`,
            ],
      evidence: { source: v.source, text: safeText(v.line) },
    };
  }
  for (const v of role.pushedNetworks) {
    if (!inside(v.cidr)) continue;
    const lan = role.lanNets[0];
    return {
      net: v.cidr,
      what: `${v.cidr}, the network this host's OpenVPN server tells its clients lies behind it`,
      fix: [
        `ip route add ${v.cidr} via <the router of ${v.cidr}>${lan ? ` dev ${lan.iface}` : ''}`,
      ],
      evidence: { source: v.source, text: safeText(v.line) },
    };
  }
  for (const c of host.openvpn?.configs ?? []) {
    const net = c.routes.find(inside);
    if (!net) continue;
    return {
      net,
      what: `${net}, a network behind one of this OpenVPN server's clients`,
      fix: [
        `# start the VPN (the route comes with the client's connection), or`,
        `ip route add ${net} dev ${c.dev ?? 'tun0'}`,
      ],
      evidence: {
        source: c.source,
        text: safeText(c.lines.find((l) => l.startsWith('route')) ?? `route ${net}`),
      },
    };
  }
  return null;
}

/**
 * Who on the LAN probably serves the private network, when this host cannot know: the
 * neighbours on the default route's interface other than the gateway. A VPN server that
 * forwarded a client's packet here asked by ARP for this host first, and Linux keeps the
 * asker in its table; so one such neighbour is a good guess, said as a guess.
 */
function lanCandidates(host: HostState, dev: string | null, gateway: string | null): string[] {
  if (!dev) return [];
  return host.neighbours
    .filter(
      (n) =>
        n.family === 'inet' &&
        n.dev === dev &&
        n.dst !== gateway &&
        n.lladdr !== null &&
        !n.states.some((st) => st === 'FAILED' || st === 'INCOMPLETE'),
    )
    .map((n) => n.dst);
}

const DOCS: CodeDocs = {
  'private-via-default-gateway': {
    title: 'a private destination leaves by the default route',
    severity: {
      error: 'a ping of the destination got no answer',
      info: 'without a probe: many LANs do route private ranges through their gateway',
    },
    means:
      "A private destination (RFC 1918, 100.64.0.0/10, fc00::/7) is sent to the default gateway. The default gateway of a LAN usually knows the internet, not the private networks behind other hosts (a VPN server's clients).",
    matters:
      'The VPN-return-route story seen from the LAN server: its answers to VPN clients go to the gateway, which drops them or sends them to the internet.',
    proof:
      "From the route resolver's answer for the destination; a ping that got no answer makes it proven. Quiet when the ping answered.",
    fix: "Add a route for the private network via the box that knows it (`ip route add NET via VPN-SERVER`), here or, better, on the LAN's gateway so every host gets it.",
    box: "this host, or the LAN's gateway (named in the finding)",
  },
};

export const privateViaDefaultRule: Rule = {
  id: 'private-via-default-gateway',
  topic: 'path',
  codes: ['private-via-default-gateway'],
  docs: DOCS,
  run: ({ host, path, probes }) => {
    if (!host || !path) return [];
    const { query, decision } = path;
    if (decision.type !== 'unicast' || decision.route?.dst !== 'default') return [];
    if (!isPrivateAddress(query.dst)) return [];
    if (probes?.ping?.target === query.dst && probes.ping.answered) return [];
    // A ping with no answer does not prove the gateway lacks the route (the way back may);
    // the gateway refusing the packet in the walk does.
    const end = probes?.trace?.target === query.dst ? probes.trace.end : null;
    const proven =
      end?.kind === 'refused' && decision.gateway !== null && end.address === decision.gateway;
    const gw = decision.gateway ?? decision.dev ?? 'the default route';
    const role = hostRole(host);
    // This box forwards for a LAN whose hosts route through it: the route goes here.
    const gatewayLan = role.gatewayOf[0];
    const behind = knownNetwork(host, query.dst);
    // Without knowledge, the /24 (or /64) around it is the guess people make; said as a guess.
    const guess = parseCidr(`${query.dst}/${query.dst.includes(':') ? 64 : 24}`)?.text ?? query.dst;
    const net = behind?.net ?? guess;
    const lan = localNets(host).find((n) => n.iface === decision.dev);
    // On the gateway its LAN neighbours are the hosts it serves, not a hint of who serves
    // the private network: no guess there.
    const candidates =
      behind || gatewayLan ? [] : lanCandidates(host, decision.dev, decision.gateway);
    const guessVia = candidates.length === 1 ? candidates[0] : undefined;
    const via =
      guessVia ??
      `<LAN address of the box that serves ${net} (for VPN clients, the VPN server's: ip -4 addr show, there)>`;
    const finding: Finding = {
      code: 'private-via-default-gateway',
      severity: proven ? 'error' : 'info',
      title: safeText(
        `${query.dst} is a private address, but it leaves by the default route via ${gw}`,
      ),
      why: safeText(
        `No route of this host covers ${query.dst}, so the packet (or the answer to someone ` +
          `who wrote from ${query.dst}) goes to the default gateway ${gw}. A default gateway ` +
          `knows the way to the internet; a private network such as ${net} lives behind some ` +
          `host of the LAN (a VPN server, another router), and unless ${gw} has a route for it, ` +
          `it drops the packet or sends it to its own upstream, where a private address dies. ` +
          (behind
            ? `This host knows where it lives: ${behind.what}.`
            : guessVia
              ? `This host does not know where ${net} lives, but one LAN neighbour besides the ` +
                `gateway talked to it: ${guessVia}, most likely the VPN server or router that ` +
                `delivered the packets from ${query.dst}. Route ${net} via it (check first that ` +
                `${guessVia} does serve ${net}).`
              : `This host does not know where ${net} lives: find the LAN host that serves it ` +
                `(for VPN clients, the VPN server's LAN address) and route ${net} via it` +
                `${candidates.length > 1 ? ` (LAN neighbours besides the gateway: ${candidates.join(', ')})` : ''}.`) +
          (gatewayLan
            ? ` This host forwards and is the gateway of ${gatewayLan.cidr.text}: the hosts there ` +
              `send ${query.dst} (and their answers to it) here, so the route belongs on this host.`
            : '') +
          (proven
            ? ` The walk of the path proves it: ${gw} refused the packet.`
            : ` Many LANs do route private ranges through their gateway, so this is a note, ` +
              `not proof: "netdoctor doctor --to ${query.dst} --probe" tells.`),
      ),
      evidence: [
        ...(decision.route ? [routeEvidence(decision.route)] : []),
        ...(behind ? [behind.evidence] : []),
        ...host.neighbours
          .filter((n) => guessVia !== undefined && n.dst === guessVia && n.dev === decision.dev)
          .map((n) => ({
            source: 'ip -j neigh show',
            text: safeText(`${n.dst} dev ${n.dev} lladdr ${n.lladdr ?? ''} ${n.states.join(' ')}`),
          })),
        ...(probes?.ping?.target === query.dst
          ? probes.ping.lines.map((text) => ({
              source: probes.ping?.command ?? 'ping',
              text: safeText(text),
            }))
          : []),
      ],
      fix: behind
        ? [...behind.fix]
        : gatewayLan
          ? [
              `# on this host, the gateway of ${gatewayLan.cidr.text} (its hosts reach ${net} through it):`,
              `ip route add ${net} via ${via} dev ${gatewayLan.iface}`,
              `# or NAT on ${guessVia ?? 'the host that serves ' + net} (no route needed here; this host then sees its address instead of each client's), there:`,
              `iptables -t nat -A POSTROUTING -s ${net} -o <its LAN interface> -j MASQUERADE`,
            ]
          : [
              `# best, on the default gateway ${gw} (every host of the LAN gets the way):`,
              `ip route add ${net} via ${via}`,
              `# or on this host only:`,
              `ip route add ${net} via ${via}${lan ? ` dev ${lan.iface}` : ''}`,
              `# or NAT on ${guessVia ?? 'that host'} (no route needed here, but this host then sees its address instead of each client's), there:`,
              `iptables -t nat -A POSTROUTING -s ${net} -o <its LAN interface> -j MASQUERADE`,
            ],
      ...(behind
        ? {}
        : gatewayLan
          ? {
              box: {
                role: 'lan-gateway',
                words: `this host (${host.meta.hostname}), the gateway of ${gatewayLan.cidr.text}`,
                address: gatewayLan.address,
              },
            }
          : {
              box: {
                role: 'lan-gateway',
                words: `the default gateway ${gw}`,
                ...(decision.gateway ? { address: decision.gateway } : {}),
              },
            }),
      subject: query.dst,
    };
    return [finding];
  },
};
