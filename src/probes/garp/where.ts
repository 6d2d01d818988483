/**
 * Step 1 of the repair, "where": which interface holds the address, our MAC there, and which
 * gateway to tell. Pure: it reads HostState and sends nothing.
 */
import { Address4 } from 'ip-address';
import type { HostState, InterfaceState } from '../../state/host-state.js';
import { normaliseMac } from '../../net/mac.js';
import { defaultGateways } from '../../net/default-gateways.js';
import {
  DEFAULT_COUNT,
  MAX_COUNT,
  type GarpPlan,
  type GarpRequest,
  type GarpStepReport,
} from './types.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** Linux interface names: up to 15 characters, no slash or space; never an option. */
const IFNAME = /^[A-Za-z0-9_][A-Za-z0-9_.:@-]{0,14}$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/**
 * Why an IPv4 address can never belong to one host, or null: what the address itself says,
 * before any prefix is known. The network and broadcast address of a prefix are checked
 * against the host's prefixes in planGarp.
 */
export function notUnicast(ip: string): string | null {
  const first = Number(ip.split('.')[0]);
  if (ip === '0.0.0.0') return 'the unspecified address 0.0.0.0';
  if (ip === '255.255.255.255') return 'the limited broadcast address';
  if (first >= 224 && first <= 239) return 'a multicast address (224.0.0.0/4)';
  if (first >= 240) return 'a reserved address (240.0.0.0/4)';
  if (first === 127) return 'a loopback address (127.0.0.0/8)';
  if (first === 0) return "an address of 'this network' (0.0.0.0/8)";
  return null;
}

/** The network or broadcast address of `ip`'s prefix /len, in words; null for a host address. */
function edgeOfPrefix(ip: string, len: number): string | null {
  if (len >= 31) return null; // /31 and /32 have no network or broadcast address (RFC 3021)
  const net = new Address4(`${ip}/${len}`);
  if (ip === net.startAddress().address)
    return `the network address of ${net.startAddress().address}/${len}`;
  if (ip === net.endAddress().address)
    return `the broadcast address of ${net.startAddress().address}/${len}`;
  return null;
}

/**
 * The network or broadcast address of a prefix of this host (a connected route, or one of
 * its addresses' prefixes), in words; null for an address that is none of those.
 */
export function edgeOfLocalPrefix(state: HostState, ip: string): string | null {
  const prefixes = [
    ...state.routes
      .filter(
        (r) =>
          r.family === 'inet' && r.table === 'main' && r.scope === 'link' && r.dst.includes('/'),
      )
      .map((r) => r.dst),
    ...state.interfaces.flatMap((i) =>
      i.addresses
        .filter((a) => a.family === 'inet' && a.peer === null)
        .map((a) => `${a.local}/${a.prefixlen}`),
    ),
  ];
  for (const cidr of prefixes) {
    if (!inPrefix(ip, cidr)) continue;
    const edge = edgeOfPrefix(ip, Number(cidr.split('/')[1]));
    if (edge) return edge;
  }
  return null;
}

/**
 * What is wrong with a request as typed, in one line, or null. Everything here reaches an
 * arping command line, so it is checked before anything runs.
 */
export function requestProblem(req: GarpRequest): string | null {
  if (req.ip.includes(':')) {
    return `${req.ip} is IPv6: ARP is IPv4 only (IPv6 neighbours learn from unsolicited neighbour advertisements, which netdoctor does not send)`;
  }
  if (!isIpv4(req.ip)) return `'${req.ip}' is not an IPv4 address (a.b.c.d)`;
  const special = notUnicast(req.ip);
  if (special) return `${req.ip} is ${special}, not one host's address: nothing to announce`;
  if (req.iface !== undefined && !IFNAME.test(req.iface)) {
    return `'${req.iface}' is not an interface name`;
  }
  if (req.gateway !== undefined && !isIpv4(req.gateway)) {
    return `gateway '${req.gateway}' is not an IPv4 address (a.b.c.d)`;
  }
  const gatewaySpecial = req.gateway !== undefined ? notUnicast(req.gateway) : null;
  if (gatewaySpecial) return `gateway ${req.gateway} is ${gatewaySpecial}, not a router's address`;
  if (req.gateway !== undefined && req.gateway === req.ip) {
    return `the gateway cannot be ${req.ip} itself: name the router whose ARP cache holds the old MAC`;
  }
  const count = req.count ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    return `count must be a whole number from 1 to ${MAX_COUNT}`;
  }
  if (req.mode !== undefined && req.mode !== 'request' && req.mode !== 'reply') {
    return `mode must be request or reply`;
  }
  return null;
}

export type WhereResult =
  | { readonly ok: true; readonly plan: GarpPlan; readonly report: GarpStepReport }
  | {
      readonly ok: false;
      readonly outcome: 'not-local' | 'bad-request';
      readonly message: string;
      readonly fix: readonly string[];
      readonly report: GarpStepReport;
    };

function inPrefix(ip: string, cidr: string): boolean {
  try {
    return new Address4(ip).isInSubnet(new Address4(cidr));
  } catch {
    return false;
  }
}

function holdsIp(i: InterfaceState, ip: string): boolean {
  return i.addresses.some((a) => a.family === 'inet' && a.local === ip);
}

/** `ip` lies in a prefix of `iface`: one of its addresses' prefixes or a link-scope route. */
function onLink(state: HostState, iface: string, ip: string): boolean {
  const own = state.interfaces
    .find((i) => i.name === iface)
    ?.addresses.some(
      (a) => a.family === 'inet' && a.peer === null && inPrefix(ip, `${a.local}/${a.prefixlen}`),
    );
  const peer = state.interfaces
    .find((i) => i.name === iface)
    ?.addresses.some((a) => a.family === 'inet' && a.peer !== null && a.peer.split('/')[0] === ip);
  const routed = state.routes.some(
    (r) =>
      r.family === 'inet' &&
      r.table === 'main' &&
      r.dev === iface &&
      r.gateway === null &&
      r.scope === 'link' &&
      r.dst !== 'default' &&
      inPrefix(ip, r.dst.includes('/') ? r.dst : `${r.dst}/32`),
  );
  return Boolean(own || peer || routed);
}

/** Another IPv4 address of `iface` to ping from (not `ip`, not a peer, not tentative). */
function otherAddress(iface: InterfaceState, ip: string): string | null {
  const other = iface.addresses.find(
    (a) =>
      a.family === 'inet' &&
      a.local !== ip &&
      a.peer === null &&
      a.scope === 'global' &&
      !a.flags.some((f) => f === 'tentative' || f === 'dadfailed'),
  );
  return other?.local ?? null;
}

/** Where an address that is not here would go: the interface whose connected prefix holds it. */
function homeFor(state: HostState, ip: string, iface?: string): string {
  const connected = state.routes.find(
    (r) =>
      r.family === 'inet' &&
      r.table === 'main' &&
      r.scope === 'link' &&
      r.dev !== null &&
      r.dst.includes('/') &&
      inPrefix(ip, r.dst) &&
      (iface === undefined || r.dev === iface),
  );
  if (connected?.dev) return `${ip}/${connected.dst.split('/')[1]} dev ${connected.dev}`;
  return `${ip}/24 dev ${iface ?? '<interface>'}`;
}

function report(
  status: GarpStepReport['status'],
  summary: string,
  explain: string[],
): GarpStepReport {
  return { step: 'where', status, summary, explain, command: null, output: [] };
}

function refuse(
  outcome: 'not-local' | 'bad-request',
  message: string,
  explain: string[],
  fix: string[] = [],
): WhereResult {
  return { ok: false, outcome, message, fix, report: report('problem', message, explain) };
}

/** Works out the plan for a (valid) request on this host, or why there is none. */
export function planGarp(state: HostState, req: GarpRequest): WhereResult {
  const ip = req.ip;
  if (req.iface !== undefined && !state.interfaces.some((i) => i.name === req.iface)) {
    const names = state.interfaces.map((i) => i.name).join(', ');
    return refuse('bad-request', `there is no interface ${req.iface} here (${names})`, []);
  }
  const holders = state.interfaces.filter((i) => holdsIp(i, ip));
  const iface = req.iface
    ? state.interfaces.find((i) => i.name === req.iface)
    : (holders.find((i) => i.name !== 'lo') ?? holders[0]);
  // The network or broadcast address of a prefix here is nobody's: refused before any
  // advice to add it. A gateway there is no router: announcing to it would broadcast to the
  // segment and the check would ask every host at once.
  const edge = edgeOfLocalPrefix(state, ip);
  if (edge) return refuse('bad-request', `${ip} is ${edge}, not one host's address`, []);
  const gatewayEdge = req.gateway !== undefined ? edgeOfLocalPrefix(state, req.gateway) : null;
  if (gatewayEdge) {
    return refuse(
      'bad-request',
      `gateway ${req.gateway} is ${gatewayEdge}, not a router's address`,
      [],
    );
  }
  if (holders.length === 0) {
    const add = `ip addr add ${homeFor(state, ip, req.iface)}`;
    return refuse(
      'not-local',
      `${ip} is not on this host: add it first (${add}); netdoctor does not add it for you`,
      [
        `No interface here has ${ip}. Announcing an address this host does not hold would send the gateway's traffic for it into a host that drops it.`,
        `Move the address first (remove it from the old server, add it here), then run the repair again.`,
      ],
      [add],
    );
  }
  if (!iface || !holdsIp(iface, ip)) {
    const where = holders.map((i) => i.name).join(', ');
    return refuse('bad-request', `${ip} is on ${where}, not on ${req.iface}`, []);
  }
  const mac = iface.mac ? normaliseMac(iface.mac) : null;
  if (iface.linkType !== 'ether' || mac === null || /^(00:){5}00$/.test(mac)) {
    return refuse(
      'bad-request',
      `${iface.name} is not an Ethernet interface (${iface.kind ?? iface.linkType}): it has no ARP to repair`,
      [
        `ARP maps IPv4 addresses to Ethernet MACs. ${iface.name} carries packets without MACs, so no neighbour holds a stale MAC for ${ip} through it.`,
      ],
    );
  }
  if (!iface.adminUp || !iface.carrier) {
    const what = iface.adminUp ? 'has no carrier (no link)' : 'is down';
    return refuse(
      'bad-request',
      `${iface.name} ${what}: nothing can be sent on it`,
      [],
      iface.adminUp ? [] : [`ip link set ${iface.name} up`],
    );
  }
  const address = iface.addresses.find((a) => a.family === 'inet' && a.local === ip);
  const prefixlen = address?.prefixlen ?? 32;
  // A gateway named by hand must be on this segment: announcing to one that cannot hear us
  // would send ARP for seconds and fail. Refused before anything is sent.
  if (req.gateway !== undefined && !onLink(state, iface.name, req.gateway)) {
    return refuse(
      'bad-request',
      `gateway ${req.gateway} is not on-link on ${iface.name}: it would never hear the announcement; name the router on ${iface.name}'s segment`,
      [],
    );
  }
  const fromRoute = defaultGateways(state, 'inet', iface.name).find(isIpv4) ?? null;
  const gateway = req.gateway ?? fromRoute;
  const gatewayFrom = req.gateway ? 'option' : fromRoute ? 'default-route' : 'none';
  const plan: GarpPlan = {
    ip,
    iface: iface.name,
    mac,
    prefixlen,
    gateway,
    gatewayFrom,
    compareFrom: otherAddress(iface, ip),
    count: req.count ?? DEFAULT_COUNT,
    mode: req.mode ?? 'request',
  };
  const explain = [
    `${ip}/${prefixlen} is on ${iface.name}, whose MAC is ${mac}: that is the MAC the network must learn for ${ip}.`,
  ];
  if (gateway === null) {
    explain.push(
      `${iface.name} has no default route, so there is no gateway to name: netdoctor sends a classic gratuitous ARP (${ip} asking for ${ip}), which every host on the segment hears, and cannot verify it.`,
    );
  } else {
    explain.push(
      gatewayFrom === 'option'
        ? `The gateway to tell is ${gateway}, as asked.`
        : `The gateway to tell is ${gateway}, the default route's next hop on ${iface.name}: it is the one whose ARP cache most likely still holds the old server's MAC for ${ip}.`,
    );
    if (!inPrefix(gateway, `${ip}/${prefixlen}`)) {
      explain.push(
        `Careful: ${gateway} is not inside ${ip}/${prefixlen}; if it is not on this segment it will never hear the announcement.`,
      );
    }
  }
  const summary = `${ip} on ${iface.name} (${mac}), gateway ${gateway ?? 'none'}`;
  return { ok: true, plan, report: report('ok', summary, explain) };
}
