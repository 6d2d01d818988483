/**
 * What a host is for, read from its state alone, never from names: a router (forwarding on,
 * or addresses of one interface's network routed out of another), the gateway of a LAN (a
 * router whose own way out does not lead through that LAN), a VPN server (an OpenVPN server
 * config, or a tunnel interface on a forwarding host), a VPN client (a tunnel interface on a
 * host that forwards nothing), a multi-homed host (several networks, forwarding off, nothing
 * carved: not a router). The doctor's rules judge forwarding, rp_filter and proxy ARP against
 * this role, and name the box a fix belongs on from it. Pure.
 */
import type { HostState, InterfaceState } from '../state/host-state.js';
import type { RouteRecord } from '../parse/ip-route.js';
import { routeEvidence } from './role-evidence.js';
import { cidrContains, cidrsOverlap, parseCidr, type Cidr } from './cidr.js';
import { defaultRoutes } from './default-gateways.js';

/** One IPv4 address of this host and the on-link network it lies in. */
export interface LocalNet {
  readonly iface: string;
  readonly address: string;
  /** The network the address makes on-link (the peer's, for a point-to-point address). */
  readonly cidr: Cidr;
}

/** A VPN network this host serves, and where it learnt it. */
export interface VpnNetwork {
  readonly cidr: string;
  /** The interface that carries it, when one is up with an address inside. */
  readonly iface: string | null;
  /** The config file or command whose line says so. */
  readonly source: string;
  readonly line: string;
}

export interface HostRole {
  readonly router: boolean;
  readonly vpnServer: boolean;
  /** A tunnel interface on a host that serves no VPN and forwards nothing: it dials one. */
  readonly vpnClient: boolean;
  /** Addresses on several interfaces, but routing nothing for others. */
  readonly multiHomed: boolean;
  /**
   * The LANs this host is the gateway of: it forwards, and its own way out (its default
   * route) does not lead through that LAN, so that LAN's hosts must route through it.
   */
  readonly gatewayOf: readonly LocalNet[];
  /**
   * A client's networks through its tunnel: its config's `route` lines and the kernel's
   * routes on its tunnel interface (pushed routes show up there once it is connected).
   */
  readonly clientNetworks: readonly VpnNetwork[];
  /** Why, in words (each a short clause), for the report. */
  readonly reasons: readonly string[];
  /** Interfaces that carry a VPN: tun, tap, WireGuard, or one holding an OpenVPN server's network. */
  readonly vpnInterfaces: readonly string[];
  readonly vpnNetworks: readonly VpnNetwork[];
  /** Networks an OpenVPN server pushes to its clients (`push "route …"`): they lie behind this host. */
  readonly pushedNetworks: readonly VpnNetwork[];
  /** This host's own on-link networks outside the VPN: where its LAN addresses live. */
  readonly lanNets: readonly LocalNet[];
}

const VPN_KINDS = new Set(['tun', 'tap', 'wireguard']);

/** Global-scope addresses (IPv4 unless asked) of the interfaces, each with its on-link network. */
export function localNets(host: HostState, family: 'inet' | 'inet6' = 'inet'): LocalNet[] {
  return host.interfaces.flatMap((i) =>
    i.addresses
      .filter((a) => a.family === family && a.scope === 'global')
      .flatMap((a) => {
        const cidr = parseCidr(a.peer ?? `${a.local}/${a.prefixlen}`);
        return cidr ? [{ iface: i.name, address: a.local, cidr }] : [];
      }),
  );
}

/** Whether an address is one of this host's own. */
export function isLocalAddress(host: HostState, address: string): boolean {
  return host.interfaces.some((i) => i.addresses.some((a) => a.local === address));
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7']
  .map((t) => parseCidr(t))
  .filter((c): c is Cidr => c !== null);

/** RFC 1918, shared address space (100.64/10) and unique local IPv6 (fc00::/7). */
export function isPrivateAddress(address: string): boolean {
  return PRIVATE.some((p) => cidrContains(p, address));
}

function isVpnInterface(i: InterfaceState): boolean {
  return (i.kind !== null && VPN_KINDS.has(i.kind)) || i.linkType === 'none';
}

/** Names `dev tun` and `dev tap` say only the kind; `dev tun0` names the interface. */
const GENERIC_DEV = new Set(['tun', 'tap', 'null']);

/**
 * The tunnel interfaces that are a VPN client's: with client configs and no server config,
 * every tunnel interface; with both, those a client config names exactly (`dev tun1`).
 */
function clientInterfaces(host: HostState, servers: number): Set<string> {
  const clients = (host.openvpn?.configs ?? []).filter((c) => c.client);
  if (clients.length === 0) return new Set();
  const named = new Set(clients.flatMap((c) => (c.dev && !GENERIC_DEV.has(c.dev) ? [c.dev] : [])));
  return new Set(
    host.interfaces
      .filter((i) => isVpnInterface(i) && i.name !== 'lo' && (servers === 0 || named.has(i.name)))
      .map((i) => i.name),
  );
}

/** A client's networks through the tunnel: config `route` lines, then routes on its tunnel. */
function clientNetworks(host: HostState, ifaces: ReadonlySet<string>): VpnNetwork[] {
  const out: VpnNetwork[] = [];
  for (const c of (host.openvpn?.configs ?? []).filter((x) => x.client)) {
    for (const p of c.routes) {
      const [net] = p.split('/');
      const line = c.lines.find((l) => /^(--)?route\s/.test(l) && l.includes(net ?? p));
      out.push({ cidr: p, iface: null, source: c.source, line: line ?? `route ${p}` });
    }
  }
  for (const r of host.routes) {
    if (r.family !== 'inet' || !r.dev || !ifaces.has(r.dev) || r.protocol === 'kernel') continue;
    if (r.table === 'local' || out.some((o) => o.cidr === r.dst)) continue;
    const evidence = routeEvidence(r);
    out.push({ cidr: r.dst, iface: r.dev, source: evidence.source, line: evidence.text });
  }
  return out;
}

/** Reads the role of a host from its interfaces, forwarding switch and OpenVPN configs. */
export function hostRole(host: HostState): HostRole {
  const reasons: string[] = [];
  const nets = localNets(host);
  const servers = (host.openvpn?.configs ?? []).filter((c) => !c.client && c.server !== null);
  const clientIfaces = clientInterfaces(host, servers.length);

  const vpnNetworks: VpnNetwork[] = [];
  const vpnIfaces = new Set<string>();
  for (const c of servers) {
    const cidr = parseCidr(c.server ?? '');
    if (!cidr) continue;
    // The interface that holds an address in the server's network carries it, whatever its name.
    const holder = nets.find((n) => cidrContains(cidr, n.address));
    const named = host.interfaces.find((i) => i.name === c.dev);
    const iface = holder?.iface ?? named?.name ?? null;
    if (iface) vpnIfaces.add(iface);
    vpnNetworks.push({
      cidr: cidr.text,
      iface,
      source: c.source,
      line: c.lines.find((l) => /^(--)?server\s/.test(l)) ?? `server ${cidr.text}`,
    });
  }
  for (const i of host.interfaces) {
    if (!isVpnInterface(i) || i.name === 'lo') continue;
    vpnIfaces.add(i.name);
    for (const n of nets.filter((x) => x.iface === i.name)) {
      if (vpnNetworks.some((v) => v.cidr === n.cidr.text)) continue;
      vpnNetworks.push({
        cidr: n.cidr.text,
        iface: i.name,
        source: 'ip -j addr show',
        line: `${i.name}: ${n.address}/${n.cidr.length}`,
      });
    }
  }
  const pushedNetworks: VpnNetwork[] = servers.flatMap((c) =>
    c.pushedRoutes.map((p) => ({
      cidr: p,
      iface: null,
      source: c.source,
      line:
        c.lines.find((l) => l.startsWith('push') && l.includes(p.split('/')[0] ?? '')) ??
        `push "route ${p}"`,
    })),
  );

  const forwarding = host.sysctls.ipForward === 1;
  const clients = (host.openvpn?.configs ?? []).filter((c) => c.client);
  const tunnels = host.interfaces.filter((i) => isVpnInterface(i) && i.name !== 'lo');
  // A tunnel alone does not make a server: a client has one too. A server config, or a
  // tunnel on a host that forwards and dials nothing, does.
  const vpnServer =
    servers.length > 0 || (tunnels.length > 0 && forwarding && clients.length === 0);
  const vpnClient = !vpnServer && (clients.length > 0 || tunnels.length > 0);
  if (clients.length > 0) {
    reasons.push(`OpenVPN client config ${clients.map((c) => c.source).join(', ')}`);
  }
  if (servers.length > 0) {
    reasons.push(`OpenVPN server config ${servers.map((s) => s.source).join(', ')}`);
  }
  const kinds = host.interfaces.filter((i) => isVpnInterface(i) && i.name !== 'lo');
  if (kinds.length > 0) {
    reasons.push(
      `tunnel interface ${kinds.map((i) => `${i.name} (${i.kind ?? i.linkType})`).join(', ')}`,
    );
  }

  // A VPN client's tunnel address is not a second network it routes for others.
  const routedIfaces = new Set(nets.filter((n) => !clientIfaces.has(n.iface)).map((n) => n.iface));
  if (forwarding) reasons.push('net.ipv4.ip_forward is 1');
  const carved = carvedRoutes(host);
  if (carved[0]) {
    reasons.push(
      `it routes ${carved[0].route.dst} out of ${carved[0].route.dev}, inside ${carved[0].inside.cidr.text} on ${carved[0].inside.iface}`,
    );
  }
  const router = forwarding || carved.length > 0;
  const multiHomed = !router && routedIfaces.size >= 2;
  if (multiHomed) {
    reasons.push(
      `addresses on ${routedIfaces.size} interfaces (${[...routedIfaces].join(', ')}), forwarding off`,
    );
  }

  const vpnCidrs = vpnNetworks.flatMap((v) => parseCidr(v.cidr) ?? []);
  const lanNets = nets.filter(
    (n) => !vpnIfaces.has(n.iface) && !vpnCidrs.some((v) => cidrsOverlap(v, n.cidr)),
  );
  const defaults = defaultRoutes(host, 'inet');
  const gatewayOf = router ? lanNets.filter((n) => !usesGatewayOn(defaults, n)) : [];
  return {
    router,
    vpnServer,
    vpnClient,
    multiHomed,
    gatewayOf,
    // A client (no server here) dials through every tunnel; beside a server, only the ones
    // its config names.
    clientNetworks: clientNetworks(
      host,
      vpnClient ? new Set(tunnels.map((i) => i.name)) : clientIfaces,
    ),
    reasons,
    vpnInterfaces: [...vpnIfaces],
    vpnNetworks,
    pushedNetworks,
    lanNets,
  };
}

/** Whether one of these default routes leaves through a gateway on that network. */
function usesGatewayOn(defaults: readonly RouteRecord[], net: LocalNet): boolean {
  return defaults.some(
    (r) =>
      (r.gateway !== null && cidrContains(net.cidr, r.gateway)) ||
      (r.gateway === null && r.dev === net.iface),
  );
}

/** The role in one line: "router and VPN server", "VPN client", "host". */
export function roleWords(role: HostRole): string {
  const gateway =
    role.gatewayOf.length > 0
      ? `, the gateway of ${role.gatewayOf.map((n) => n.cidr.text).join(', ')}`
      : '';
  if (role.router && role.vpnServer) return `router and VPN server${gateway}`;
  if (role.vpnServer) return 'VPN server';
  if (role.router) return `router${role.vpnClient ? ' and VPN client' : ''}${gateway}`;
  if (role.vpnClient) return 'VPN client (routes nothing for others)';
  if (role.multiHomed) return 'multi-homed host (routes nothing for others)';
  return 'host (routes nothing for others)';
}

/** A route that sends part of another interface's on-link network out of its own interface. */
export interface CarvedRoute {
  readonly route: RouteRecord;
  /** The other interface's network the route's addresses lie inside. */
  readonly inside: LocalNet;
}

/**
 * Routes whose addresses lie inside the on-link network of another interface: the
 * Linux-router-instead-of-a-virtual-router pattern (public addresses of one upstream
 * network routed to VMs behind another interface). Neighbours on that network think the
 * addresses are on their wire, so this host must answer ARP for them and forward.
 * A connected route (`proto kernel`, the prefix of an address on the inner interface, as
 * in the seed's router with a /26 of the upstream /24 on its VLAN side) carves out the same
 * way; an interface's own prefix that lies inside no other interface's is not carved, since
 * only a strictly larger network on another interface counts.
 */
export function carvedRoutes(host: HostState): CarvedRoute[] {
  const containing = containingNets(localNets(host));
  const own = new Set(host.interfaces.flatMap((i) => i.addresses.map((a) => a.local)));
  const out: CarvedRoute[] = [];
  for (const r of host.routes) {
    if (r.family !== 'inet' || r.type !== 'unicast' || r.table === 'local') continue;
    if (r.dst === 'default' || !r.dev) continue;
    const dst = parseCidr(r.dst);
    // The host's own address is not something it forwards.
    if (!dst || (dst.length === 32 && own.has(r.dst))) continue;
    const inside = containing(dst).find((n) => n.iface !== r.dev);
    if (inside) out.push({ route: r, inside });
  }
  return out;
}

/**
 * The local networks strictly wider than a prefix that hold it, found by prefix length (a
 * lookup per length in use, not a scan of every network: a router with thousands of
 * interfaces stays linear).
 */
export function containingNets(nets: readonly LocalNet[]): (dst: Cidr) => LocalNet[] {
  const byLength = new Map<number, Map<bigint, LocalNet[]>>();
  for (const n of nets) {
    const at = byLength.get(n.cidr.length) ?? new Map<bigint, LocalNet[]>();
    byLength.set(n.cidr.length, at);
    at.set(n.cidr.first, [...(at.get(n.cidr.first) ?? []), n]);
  }
  return (dst) => {
    const bits = BigInt(dst.family === 'inet' ? 32 : 128);
    const out: LocalNet[] = [];
    for (const [length, at] of byLength) {
      if (length >= dst.length) continue;
      const shift = bits - BigInt(length);
      for (const n of at.get((dst.first >> shift) << shift) ?? []) {
        if (n.cidr.family === dst.family) out.push(n);
      }
    }
    return out;
  };
}

/**
 * The network a local address stands for on a path: the VPN network holding it, else its
 * on-link one; null for an address that is not this host's.
 */
export function networkOfAddress(host: HostState, address: string): string | null {
  const family = address.includes(':') ? 'inet6' : 'inet';
  const vpn = hostRole(host).vpnNetworks.find((v) => {
    const c = parseCidr(v.cidr, family);
    return c !== null && cidrContains(c, address);
  });
  if (vpn) return vpn.cidr;
  const own = localNets(host, family).find((n) => n.address === address);
  if (!own) return null;
  // A point-to-point address names its peer: the way back is to this address itself.
  const full = family === 'inet' ? 32 : 128;
  return own.cidr.length === full ? `${address}/${full}` : own.cidr.text;
}
