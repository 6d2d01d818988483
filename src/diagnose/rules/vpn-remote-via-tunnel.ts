/**
 * vpn-remote-via-tunnel (host): an OpenVPN client whose server (`remote`) lies inside a
 * network it routes into the tunnel: a `route` of its config, or a route the server pushed
 * (it shows as a kernel route on the tunnel interface). Once that route is in, the
 * tunnel's own packets to the server are routed into the tunnel; OpenVPN drops them
 * ("recursive routing"), and the tunnel stops carrying anything until it restarts, only to
 * break again. Cleared by a more specific route for the server outside the tunnel (what
 * `route REMOTE 255.255.255.255 net_gateway` or redirect-gateway installs). A remote given
 * as a name is not resolved (netdoctor reads offline): a note says what to check.
 */
import type { Evidence, Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { OpenVpnConfig, OpenVpnRemote } from '../../parse/openvpn.js';
import type { HostState } from '../../state/host-state.js';
import type { RouteRecord } from '../../parse/ip-route.js';
import { hostRole, type VpnNetwork } from '../../net/role.js';
import { routeEvidence, routeText } from '../../net/role-evidence.js';
import { cidrContains, ipValue, longestMatches, parseCidr } from '../../net/cidr.js';
import { safeText } from '../../text/safe.js';

const BOX = { role: 'vpn-client', words: 'this host, the VPN client' } as const;

/** The main table's best IPv4 unicast route for an address among `routes`. */
function bestRoute(routes: readonly RouteRecord[], address: string): RouteRecord | null {
  const usable = routes.filter(
    (r) => r.family === 'inet' && r.table === 'main' && r.type === 'unicast',
  );
  const best = longestMatches(usable, (r) => parseCidr(r.dst), address);
  return [...best].sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0))[0] ?? null;
}

function prefixLength(text: string): number {
  return parseCidr(text)?.length ?? -1;
}

function fixFor(config: OpenVpnConfig, remote: string, outside: RouteRecord | null): string[] {
  const add = outside
    ? [
        `ip route add ${remote}/32${outside.gateway ? ` via ${outside.gateway}` : ''} dev ${outside.dev ?? ''}`.trimEnd(),
      ]
    : [
        `# no route outside the tunnel reaches ${remote}: add one via the gateway that reached it before the tunnel came up`,
        `# (ip route add ${remote}/32 via GATEWAY dev INTERFACE; GATEWAY is what ip route get ${remote} said then)`,
      ];
  return [
    ...add,
    `# and so it holds after every reconnect, add this line to ${config.source}:`,
    `# route ${remote} 255.255.255.255 net_gateway`,
  ];
}

function holds(cidr: string, address: string): boolean {
  const c = parseCidr(cidr);
  return c !== null && cidrContains(c, address);
}

function literalRemote(
  host: HostState,
  config: OpenVpnConfig,
  remote: OpenVpnRemote,
  tunnelNets: readonly VpnNetwork[],
  tunnels: ReadonlySet<string>,
): Finding[] {
  const into = tunnelNets.filter((n) => holds(n.cidr, remote.host));
  // A `route … net_gateway` for the server keeps it out of the tunnel once connected.
  const bypass = config.netGatewayRoutes.some((p) => holds(p, remote.host));
  if (into.length === 0 || bypass) return [];
  const widest = Math.max(...into.map((n) => prefixLength(n.cidr)));
  const outsideRoutes = host.routes.filter((r) => !r.dev || !tunnels.has(r.dev));
  const outside = bestRoute(outsideRoutes, remote.host);
  if (outside && prefixLength(outside.dst) > widest) return [];
  const evidence: Evidence[] = [
    { source: config.source, text: safeText(remote.line) },
    ...into.map((n) => ({ source: n.source, text: safeText(n.line) })),
    ...(outside ? [routeEvidence(outside)] : []),
  ];
  const tunnelRoute = into[0];
  return [
    {
      code: 'vpn-remote-via-tunnel',
      severity: 'error',
      title: safeText(
        `OpenVPN client ${config.source}: its server ${remote.host} lies inside ${tunnelRoute?.cidr ?? ''}, which goes into the tunnel`,
      ),
      why: safeText(
        `The tunnel's own packets go to the server ${remote.host}. ${tunnelRoute?.cidr ?? ''} ` +
          `(${tunnelRoute?.line ?? ''}) sends them into the tunnel${tunnelRoute?.iface ? ` (${tunnelRoute.iface})` : ' once it is up'}, ` +
          `and no more specific route for ${remote.host} leads elsewhere` +
          (outside ? ` (outside the tunnel the best is ${routeText(outside)})` : '') +
          `. OpenVPN drops such packets ("recursive routing"), so nothing crosses the tunnel ` +
          `until it restarts, and then it breaks again. A /32 route for the server via the ` +
          `gateway it used before the tunnel keeps the tunnel's packets outside.`,
      ),
      evidence,
      fix: fixFor(config, remote.host, outside),
      box: BOX,
      subject: remote.host,
    },
  ];
}

/** A remote given by name: netdoctor does not resolve names, so it can only say what to check. */
function namedRemote(
  config: OpenVpnConfig,
  remote: OpenVpnRemote,
  tunnelNets: readonly VpnNetwork[],
): Finding {
  const nets = [...new Set(tunnelNets.map((n) => n.cidr))];
  return {
    code: 'vpn-remote-via-tunnel',
    severity: 'info',
    title: safeText(
      `OpenVPN client ${config.source}: is ${remote.host} inside a network routed into the tunnel?`,
    ),
    why: safeText(
      `The server is given as a name, which netdoctor does not resolve (it reads this host ` +
        `offline). If ${remote.host} resolves to an address inside ${nets.join(', ')}, the ` +
        `tunnel's own packets go into the tunnel and it stops working.`,
    ),
    evidence: [
      { source: config.source, text: safeText(remote.line) },
      ...tunnelNets.slice(0, 4).map((n) => ({ source: n.source, text: safeText(n.line) })),
    ],
    fix: [
      `getent ahostsv4 ${remote.host}`,
      `# if an address it prints lies inside ${nets.join(', ')}: ip route add ADDRESS/32 via GATEWAY dev INTERFACE`,
      `# and add to ${config.source}: route ADDRESS 255.255.255.255 net_gateway`,
    ],
    box: BOX,
    subject: remote.host,
  };
}

const DOCS: CodeDocs = {
  'vpn-remote-via-tunnel': {
    title: "an OpenVPN client's server lies inside a route into its own tunnel",
    severity: {
      error: "the server's address lies inside a route into the tunnel",
      info: 'the server is given as a name netdoctor does not resolve: what to check',
    },
    means:
      "An OpenVPN client's `remote` is inside a network it routes into the tunnel: a `route` of its config, or a route the server pushed.",
    matters:
      'Once that route is in, the tunnel\'s own packets to the server go into the tunnel; OpenVPN drops them ("recursive routing"), and the tunnel stops carrying anything until it restarts, only to break again.',
    proof:
      "From the client's config in /etc/openvpn and the kernel routes on the tunnel interface.",
    fix: "A more specific route for the server outside the tunnel (`route REMOTE 255.255.255.255 net_gateway` in the client's config, or what redirect-gateway installs).",
    box: 'the VPN client',
  },
};

export const vpnRemoteViaTunnelRule: Rule = {
  id: 'vpn-remote-via-tunnel',
  topic: 'host',
  codes: ['vpn-remote-via-tunnel'],
  docs: DOCS,
  run: ({ host }) => {
    if (!host) return [];
    const role = hostRole(host);
    if (!role.vpnClient) return [];
    const tunnels = new Set(role.vpnInterfaces);
    const kernelNets = role.clientNetworks.filter((n) => n.iface !== null);
    const out: Finding[] = [];
    for (const config of (host.openvpn?.configs ?? []).filter((c) => c.client)) {
      const tunnelNets = [
        ...role.clientNetworks.filter((n) => n.source === config.source),
        ...kernelNets,
      ];
      if (tunnelNets.length === 0) continue;
      for (const remote of config.remotes) {
        if (ipValue(remote.host)?.family === 'inet') {
          out.push(...literalRemote(host, config, remote, tunnelNets, tunnels));
        } else if (ipValue(remote.host) === null) {
          // redirect-gateway's halves (/1) come with OpenVPN's own route for the server.
          const narrow = tunnelNets.filter((n) => prefixLength(n.cidr) > 1);
          if (narrow.length > 0) out.push(namedRemote(config, remote, narrow));
        }
      }
    }
    return out;
  },
};
