/**
 * The seed's scenario as a lab: gateway G, old server A holding X, new server B, one bridge.
 * G learns X at A's MAC by pinging it, the way a gateway does when traffic for X arrives.
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
} as const;

export interface GarpLabHosts {
  readonly g: string;
  readonly a: string;
  readonly b: string;
}

export function buildGarpLab(lab: Lab): GarpLabHosts {
  const L = GARP_LAB;
  const sw = lab.addSwitch('sw');
  const g = lab.addHost('g');
  const a = lab.addHost('a');
  const b = lab.addHost('b');
  lab.plug(g, 'lan0', sw, L.gMac);
  lab.plug(a, 'lan0', sw, L.aMac);
  lab.plug(b, 'lan0', sw, L.bMac);
  lab.ip(g, 'addr', 'add', `${L.gatewayIp}/24`, 'dev', 'lan0');
  lab.ip(a, 'addr', 'add', `${L.aIp}/24`, 'dev', 'lan0');
  lab.ip(a, 'addr', 'add', `${L.x}/24`, 'dev', 'lan0');
  lab.ip(b, 'addr', 'add', `${L.bIp}/24`, 'dev', 'lan0');
  lab.ip(a, 'route', 'add', 'default', 'via', L.gatewayIp);
  lab.ip(b, 'route', 'add', 'default', 'via', L.gatewayIp);
  return { g, a, b };
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

/** Waits `ms` (past the neighbour locktime); bounded, no assertion on time. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
