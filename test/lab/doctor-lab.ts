/**
 * The doctor's stories, built in namespaces (LAB.md scenarios 3 and 5, and what users hit
 * next). Shared by the lab tests and the fixture capture (test/fixtures/doctor/capture.ts).
 * RFC 1918 addresses live only inside these namespaces.
 */
import { existsSync, mkdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Lab } from './lab.js';

export const BIN = resolve(import.meta.dirname, '../../bin/netdoctor.js');

/** An OpenVPN server config for the VPN story (the same text as the parser's fixture). */
export const VPN_SERVER_CONF = `# The VPN server of the return-route story
port 1194
proto udp
dev tun0
topology subnet
server 10.8.0.0 255.255.255.0
push "route 192.168.50.0 255.255.255.0"
keepalive 10 120
`;

export interface VpnStory {
  /** VPN client C 10.8.0.6, server S 10.8.0.1 + 192.168.50.5, LAN server L .10, LAN gateway R .1. */
  readonly c: string;
  readonly s: string;
  readonly l: string;
  readonly r: string;
  /** /etc/netns/<S>: `ip netns exec` mounts its openvpn/ over /etc/openvpn for S only. */
  readonly etcDir: string;
  /** Set when this machine had no /etc/openvpn and the lab made an empty one to mount over. */
  readonly madeEtcOpenvpn: boolean;
  /** Set when this machine had no /etc/netns before the lab. */
  readonly madeEtcNetns: boolean;
}

/**
 * The VPN return route: a point-to-point veth stands in for the tunnel (S's end is called
 * tun0, but it is a veth: the role comes from the config and the addresses, not the name).
 */
export function buildVpnStory(lab: Lab): VpnStory {
  const c = lab.addHost('c');
  const s = lab.addHost('s');
  const l = lab.addHost('l');
  const r = lab.addHost('r');
  const sw = lab.addSwitch('lan');
  lab.wire(c, 'eth0', s, 'tun0');
  lab.ip(c, 'addr', 'add', '10.8.0.6/24', 'dev', 'eth0');
  lab.ip(c, 'route', 'add', '192.168.50.0/24', 'via', '10.8.0.1');
  lab.ip(s, 'addr', 'add', '10.8.0.1/24', 'dev', 'tun0');
  lab.plug(s, 'eth0', sw);
  lab.ip(s, 'addr', 'add', '192.168.50.5/24', 'dev', 'eth0');
  lab.ip(s, 'route', 'add', 'default', 'via', '192.168.50.1');
  lab.sysctl(s, 'net.ipv4.ip_forward', 1);
  lab.plug(l, 'eth0', sw);
  lab.ip(l, 'addr', 'add', '192.168.50.10/24', 'dev', 'eth0');
  lab.ip(l, 'route', 'add', 'default', 'via', '192.168.50.1');
  lab.plug(r, 'eth0', sw);
  lab.ip(r, 'addr', 'add', '192.168.50.1/24', 'dev', 'eth0');
  lab.sysctl(r, 'net.ipv4.ip_forward', 1);
  const etcDir = `/etc/netns/${s}`;
  const madeEtcNetns = !existsSync('/etc/netns');
  mkdirSync(`${etcDir}/openvpn`, { recursive: true });
  writeFileSync(`${etcDir}/openvpn/server.conf`, VPN_SERVER_CONF);
  // `ip netns exec` bind-mounts /etc/netns/S/openvpn over /etc/openvpn, which must exist.
  const madeEtcOpenvpn = !existsSync('/etc/openvpn');
  if (madeEtcOpenvpn) mkdirSync('/etc/openvpn');
  return { c, s, l, r, etcDir, madeEtcOpenvpn, madeEtcNetns };
}

/** Removes what buildVpnStory put under /etc (an empty /etc/openvpn only if it made it). */
export function removeEtc(
  story: Pick<VpnStory, 'etcDir' | 'madeEtcOpenvpn' | 'madeEtcNetns'>,
): void {
  rmSync(story.etcDir, { recursive: true, force: true });
  // rmdir, not rm -r: only the empty directories the lab made go.
  const rmdirQuiet = (dir: string) => {
    try {
      rmdirSync(dir);
    } catch {
      // not empty (someone else's), or gone already
    }
  };
  if (story.madeEtcOpenvpn) rmdirQuiet('/etc/openvpn');
  if (story.madeEtcNetns) rmdirQuiet('/etc/netns');
}

export interface RouterStory {
  /** Upstream router UP (203.0.113.1), Linux router R (203.0.113.2 upstream), VM 203.0.113.10, X on the internet side. */
  readonly up: string;
  readonly r: string;
  readonly vm: string;
  readonly x: string;
}

/**
 * The seed's "Linux router instead of a virtual router": R joins the upstream network
 * 203.0.113.0/24 and routes one of its public addresses to a VM behind eth1. The upstream
 * thinks 203.0.113.10 is on its wire, so R needs proxy_arp on eth0 and ip_forward.
 */
export function buildRouterStory(lab: Lab): RouterStory {
  const up = lab.addHost('up');
  const r = lab.addHost('rtr');
  const vm = lab.addHost('vm');
  const x = lab.addHost('x');
  lab.wire(x, 'eth0', up, 'eth1');
  lab.ip(x, 'addr', 'add', '198.51.100.7/24', 'dev', 'eth0');
  lab.ip(x, 'route', 'add', 'default', 'via', '198.51.100.1');
  lab.ip(up, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth1');
  lab.wire(up, 'eth0', r, 'eth0');
  lab.ip(up, 'addr', 'add', '203.0.113.1/24', 'dev', 'eth0');
  lab.sysctl(up, 'net.ipv4.ip_forward', 1);
  lab.ip(r, 'addr', 'add', '203.0.113.2/24', 'dev', 'eth0');
  lab.ip(r, 'route', 'add', 'default', 'via', '203.0.113.1');
  lab.wire(r, 'eth1', vm, 'eth0');
  lab.ip(r, 'route', 'add', '203.0.113.10/32', 'dev', 'eth1');
  lab.ip(vm, 'addr', 'add', '203.0.113.10/24', 'dev', 'eth0');
  lab.ip(vm, 'route', 'add', 'default', 'via', '203.0.113.2');
  lab.sysctl(r, 'net.ipv4.ip_forward', 1);
  lab.sysctl(r, 'net.ipv4.conf.eth0.proxy_arp', 1);
  return { up, r, vm, x };
}

export interface AsymmetricStory {
  /** H with two uplinks to router R; X behind R. */
  readonly h: string;
  readonly r: string;
  readonly x: string;
}

/**
 * rp_filter on an asymmetric path: H has a default route on each of two interfaces, the one
 * on eth1 with the larger metric. X reaches H's eth1 address through R, which delivers on
 * eth1; H's answer leaves by eth0. Strict rp_filter on eth1 drops X's packets.
 */
export function buildAsymmetricStory(lab: Lab): AsymmetricStory {
  const h = lab.addHost('h');
  const r = lab.addHost('ra');
  const x = lab.addHost('xa');
  lab.wire(h, 'eth0', r, 'eth0');
  lab.wire(h, 'eth1', r, 'eth1');
  lab.wire(x, 'eth0', r, 'eth2');
  lab.ip(h, 'addr', 'add', '198.51.100.5/24', 'dev', 'eth0');
  lab.ip(h, 'addr', 'add', '203.0.113.5/24', 'dev', 'eth1');
  lab.ip(h, 'route', 'add', 'default', 'via', '198.51.100.1', 'metric', '100');
  lab.ip(h, 'route', 'add', 'default', 'via', '203.0.113.1', 'metric', '200');
  lab.sysctl(h, 'net.ipv4.conf.all.rp_filter', 0);
  lab.sysctl(h, 'net.ipv4.conf.eth1.rp_filter', 1);
  lab.ip(r, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth0');
  lab.ip(r, 'addr', 'add', '203.0.113.1/24', 'dev', 'eth1');
  lab.ip(r, 'addr', 'add', '198.18.0.1/24', 'dev', 'eth2');
  lab.sysctl(r, 'net.ipv4.ip_forward', 1);
  lab.sysctl(r, 'net.ipv4.conf.all.rp_filter', 0);
  lab.sysctl(r, 'net.ipv4.conf.eth0.rp_filter', 0);
  lab.ip(x, 'addr', 'add', '198.18.0.7/24', 'dev', 'eth0');
  lab.ip(x, 'route', 'add', 'default', 'via', '198.18.0.1');
  return { h, r, x };
}

/** Runs netdoctor inside a namespace; returns its exit code and outputs. */
export function netdoctor(lab: Lab, ns: string, args: readonly string[]) {
  return lab.exec(ns, ['node', BIN, ...args]);
}

/** Splits a fix line into argv (they are plain words: no quotes, no shell). */
export function fixArgv(fix: string): string[] {
  if (/["'`$|;&<>]/.test(fix)) throw new Error(`not a plain command: ${fix}`);
  return fix.split(/\s+/).filter(Boolean);
}

/** One ping from a namespace: did it answer. */
export function pings(lab: Lab, ns: string, dest: string, from?: string): boolean {
  const r = lab.exec(ns, [
    'ping',
    '-n',
    '-c',
    '2',
    '-i',
    '0.2',
    '-W',
    '1',
    ...(from ? ['-I', from] : []),
    dest,
  ]);
  return r.status === 0;
}

export interface PathStory {
  /** A (198.51.100.1) on a LAN with gateway G (198.51.100.3), T (203.0.113.9) behind G. */
  readonly a: string;
  readonly g: string;
  readonly t: string;
}

/** A plain routed path, to break with a blackhole or a route via a next hop nobody holds. */
export function buildPathStory(lab: Lab): PathStory {
  const a = lab.addHost('pa');
  const g = lab.addHost('pg');
  const t = lab.addHost('pt');
  lab.wire(a, 'eth0', g, 'eth0');
  lab.wire(g, 'eth1', t, 'eth0');
  lab.ip(a, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth0');
  lab.ip(a, 'route', 'add', 'default', 'via', '198.51.100.3');
  lab.ip(g, 'addr', 'add', '198.51.100.3/24', 'dev', 'eth0');
  lab.ip(g, 'addr', 'add', '203.0.113.1/24', 'dev', 'eth1');
  lab.sysctl(g, 'net.ipv4.ip_forward', 1);
  lab.ip(t, 'addr', 'add', '203.0.113.9/24', 'dev', 'eth0');
  lab.ip(t, 'route', 'add', 'default', 'via', '203.0.113.1');
  return { a, g, t };
}
