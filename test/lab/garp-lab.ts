/**
 * The seed's scenario as a lab: gateway G, old server A holding X, new server B, one bridge,
 * and client C behind G (G routes between the LAN and C's network). G learns X at A's MAC by
 * pinging it, the way a gateway does when traffic for X arrives. B sends no IPv6 (so its
 * packet counters count only what netdoctor sends).
 */
import type { Lab } from './lab.js';

export const GARP_LAB = {
  gatewayIp: '198.51.100.1',
  aIp: '198.51.100.10',
  bIp: '198.51.100.20',
  /** The address that moves from A to B. */
  x: '198.51.100.50',
  gMac: '02:00:5e:10:00:01',
  aMac: '02:00:5e:10:00:0a',
  bMac: '02:00:5e:10:00:0b',
  /** G's address on C's network, and C's: a client whose packets for X go through G. */
  wanIp: '203.0.113.1',
  clientIp: '203.0.113.10',
} as const;

export interface GarpLabHosts {
  readonly g: string;
  readonly a: string;
  readonly b: string;
  readonly c: string;
}

export function buildGarpLab(lab: Lab): GarpLabHosts {
  const L = GARP_LAB;
  const sw = lab.addSwitch('sw');
  const g = lab.addHost('g');
  const a = lab.addHost('a');
  const b = lab.addHost('b');
  const c = lab.addHost('c');
  lab.sysctl(b, 'net.ipv6.conf.all.disable_ipv6', 1);
  lab.sysctl(b, 'net.ipv6.conf.default.disable_ipv6', 1);
  lab.plug(g, 'lan0', sw, L.gMac);
  lab.plug(a, 'lan0', sw, L.aMac);
  lab.plug(b, 'lan0', sw, L.bMac);
  lab.ip(g, 'addr', 'add', `${L.gatewayIp}/24`, 'dev', 'lan0');
  lab.ip(a, 'addr', 'add', `${L.aIp}/24`, 'dev', 'lan0');
  lab.ip(a, 'addr', 'add', `${L.x}/24`, 'dev', 'lan0');
  lab.ip(b, 'addr', 'add', `${L.bIp}/24`, 'dev', 'lan0');
  lab.ip(a, 'route', 'add', 'default', 'via', L.gatewayIp);
  lab.ip(b, 'route', 'add', 'default', 'via', L.gatewayIp);
  lab.wire(g, 'wan0', c, 'eth0');
  lab.ip(g, 'addr', 'add', `${L.wanIp}/24`, 'dev', 'wan0');
  lab.ip(c, 'addr', 'add', `${L.clientIp}/24`, 'dev', 'eth0');
  lab.ip(c, 'route', 'add', 'default', 'via', L.wanIp);
  lab.sysctl(g, 'net.ipv4.ip_forward', 1);
  return { g, a, b, c };
}

interface NeighJson {
  dst?: string;
  lladdr?: string;
  state?: string[];
}

/** The MAC `ns` holds for `ip` in its ARP cache (`ip -j neigh`), or null. */
export function neighMac(lab: Lab, ns: string, ip: string): string | null {
  const entries = lab.ipJson<NeighJson[]>(ns, 'neigh', 'show', 'to', ip);
  return entries.find((e) => e.dst === ip)?.lladdr ?? null;
}

/** What `ns` sent on `ifname` so far (`ip -j -s link`): packets, all kinds. */
export function txPackets(lab: Lab, ns: string, ifname: string): number {
  const [link] = lab.ipJson<{ stats64?: { tx?: { packets?: number } } }[]>(
    ns,
    '-s',
    'link',
    'show',
    'dev',
    ifname,
  );
  const packets = link?.stats64?.tx?.packets;
  if (packets === undefined) throw new Error(`no tx counter for ${ifname} in ${ns}`);
  return packets;
}

/** Waits `ms` (past the neighbour locktime); bounded, no assertion on time. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
