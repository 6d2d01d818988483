/**
 * Routing stories the doctor gets wrong when it reads only the obvious route: a router whose
 * routed subnet is connected (an address on the inner interface), two default routes with
 * the preferred one dead, and a second address whose policy rule leads to a dead gateway.
 * Shared by test/lab/routes.lab.test.ts and the fixture capture
 * (test/fixtures/doctor/capture-routes.ts). Documentation ranges only (LAB.md).
 */
import type { Lab } from './lab.js';

export interface ConnectedRouterStory {
  /** Upstream UP (192.0.2.1 on the /24, 198.18.7.1 towards X), router R, host H on the /26, X outside. */
  readonly up: string;
  readonly r: string;
  readonly h: string;
  readonly x: string;
}

/**
 * The seed's router with connected subnets: R joins the upstream /24 on eth0 and holds an
 * address of a /26 carved out of that /24 on eth1 (in the seed a VLAN interface; a veth end
 * here, since this kernel has no 8021q). The /26 is a connected route (`proto kernel`).
 * Forwarding and proxy ARP start off: H is cut off from the upstream side.
 */
export function buildConnectedRouterStory(lab: Lab): ConnectedRouterStory {
  const up = lab.addHost('cup');
  const r = lab.addHost('crt');
  const h = lab.addHost('ch');
  const x = lab.addHost('cx');
  lab.wire(x, 'eth0', up, 'eth1');
  lab.ip(x, 'addr', 'add', '198.18.7.9/24', 'dev', 'eth0');
  lab.ip(x, 'route', 'add', 'default', 'via', '198.18.7.1');
  lab.ip(up, 'addr', 'add', '198.18.7.1/24', 'dev', 'eth1');
  lab.wire(up, 'eth0', r, 'eth0');
  lab.ip(up, 'addr', 'add', '192.0.2.1/24', 'dev', 'eth0');
  lab.sysctl(up, 'net.ipv4.ip_forward', 1);
  lab.ip(r, 'addr', 'add', '192.0.2.2/24', 'dev', 'eth0');
  lab.ip(r, 'route', 'add', 'default', 'via', '192.0.2.1');
  lab.wire(r, 'eth1', h, 'eth0');
  lab.ip(r, 'addr', 'add', '192.0.2.65/26', 'dev', 'eth1');
  lab.sysctl(r, 'net.ipv4.ip_forward', 0);
  lab.sysctl(r, 'net.ipv4.conf.all.proxy_arp', 0);
  lab.sysctl(r, 'net.ipv4.conf.eth0.proxy_arp', 0);
  lab.ip(h, 'addr', 'add', '192.0.2.70/26', 'dev', 'eth0');
  lab.ip(h, 'route', 'add', 'default', 'via', '192.0.2.65');
  return { up, r, h, x };
}

export interface TwoUplinkStory {
  /** H with a preferred uplink to A (198.51.100.1, metric 100) and a backup to B (203.0.113.1, metric 200); X behind both. */
  readonly h: string;
  readonly a: string;
  readonly b: string;
  readonly x: string;
}

/**
 * Two default routes: the preferred one via router A, the backup via router B, both
 * reaching X (198.18.9.9). The kernel picks the lowest metric whether or not its gateway
 * answers (no dead-gateway detection across metrics), so a dead A cuts H off.
 */
export function buildTwoUplinkStory(lab: Lab): TwoUplinkStory {
  const h = lab.addHost('uh');
  const a = lab.addHost('ua');
  const b = lab.addHost('ub');
  const x = lab.addHost('ux');
  const sw = lab.addSwitch('usw');
  lab.wire(h, 'eth0', a, 'eth0');
  lab.wire(h, 'eth1', b, 'eth0');
  lab.ip(h, 'addr', 'add', '198.51.100.5/24', 'dev', 'eth0');
  lab.ip(h, 'addr', 'add', '203.0.113.5/24', 'dev', 'eth1');
  lab.ip(h, 'route', 'add', 'default', 'via', '198.51.100.1', 'dev', 'eth0', 'metric', '100');
  lab.ip(h, 'route', 'add', 'default', 'via', '203.0.113.1', 'dev', 'eth1', 'metric', '200');
  lab.ip(a, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth0');
  lab.ip(b, 'addr', 'add', '203.0.113.1/24', 'dev', 'eth0');
  // X's side: A, B and X share one switch; X answers back by whichever router it came from.
  lab.plug(a, 'eth1', sw);
  lab.plug(b, 'eth1', sw);
  lab.plug(x, 'eth0', sw);
  lab.ip(a, 'addr', 'add', '198.18.9.1/24', 'dev', 'eth1');
  lab.ip(b, 'addr', 'add', '198.18.9.2/24', 'dev', 'eth1');
  lab.ip(x, 'addr', 'add', '198.18.9.9/24', 'dev', 'eth0');
  lab.ip(x, 'route', 'add', '198.51.100.0/24', 'via', '198.18.9.1');
  lab.ip(x, 'route', 'add', '203.0.113.0/24', 'via', '198.18.9.2');
  for (const ns of [a, b]) lab.sysctl(ns, 'net.ipv4.ip_forward', 1);
  return { h, a, b, x };
}

export interface SecondAddressStory {
  /** H (198.51.100.5 on eth0, 203.0.113.5 on eth1), router R on both, X (198.18.11.9) behind R. */
  readonly h: string;
  readonly r: string;
  readonly x: string;
}

/**
 * A second address with its own policy rule: `from 203.0.113.5 lookup 100`, and table 100
 * sends by R's eth1 address. Healthy as built; a test breaks it by pointing table 100 at a
 * gateway nobody holds (a retired router).
 */
export function buildSecondAddressStory(lab: Lab): SecondAddressStory {
  const h = lab.addHost('sh');
  const r = lab.addHost('sr');
  const x = lab.addHost('sx');
  lab.wire(h, 'eth0', r, 'eth0');
  lab.wire(h, 'eth1', r, 'eth1');
  lab.wire(x, 'eth0', r, 'eth2');
  lab.ip(h, 'addr', 'add', '198.51.100.5/24', 'dev', 'eth0');
  lab.ip(h, 'addr', 'add', '203.0.113.5/24', 'dev', 'eth1');
  lab.ip(h, 'route', 'add', 'default', 'via', '198.51.100.1');
  lab.ip(h, 'route', 'add', 'default', 'via', '203.0.113.1', 'dev', 'eth1', 'table', '100');
  lab.ip(h, 'rule', 'add', 'from', '203.0.113.5', 'lookup', '100', 'priority', '1000');
  lab.ip(r, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth0');
  lab.ip(r, 'addr', 'add', '203.0.113.1/24', 'dev', 'eth1');
  lab.ip(r, 'addr', 'add', '198.18.11.1/24', 'dev', 'eth2');
  lab.sysctl(r, 'net.ipv4.ip_forward', 1);
  lab.ip(x, 'addr', 'add', '198.18.11.9/24', 'dev', 'eth0');
  lab.ip(x, 'route', 'add', 'default', 'via', '198.18.11.1');
  return { h, r, x };
}
