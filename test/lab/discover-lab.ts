/**
 * The Discover lab: a bridged LAN with many hosts. One namespace stands in for all of them
 * (LAB.md): one veth per host, each with its own MAC and address, and arp_ignore=1 /
 * arp_announce=2 so each veth answers ARP only for its own address. Built with `ip -batch`
 * so 200 hosts take seconds. Used by discover.lab.test.ts and by bench/run.ts.
 */
import { raspberryPiPrefixes } from '../../src/net/mac.js';
import type { Lab } from './lab.js';

export interface LabHost {
  readonly ip: string;
  readonly mac: string;
  readonly pi: boolean;
}

export interface DiscoverLan {
  readonly scanner: string;
  /** The namespace holding every host's veth (h0, h1, ...) and the switch's. */
  readonly hostsNs: string;
  readonly switchNs: string;
  readonly iface: string;
  readonly scannerIp: string;
  readonly scannerMac: string;
  readonly cidr: string;
  readonly gateway: string;
  readonly hosts: readonly LabHost[];
  /** The address two hosts claim, with both MACs. */
  readonly duplicate: { readonly ip: string; readonly macs: readonly [string, string] } | null;
}

/** Non-Pi vendors (MA-L) for the ordinary hosts, and a locally administered prefix. */
const OTHER_PREFIXES = ['001B21', '00000C', '3C5AB4', 'F4F5D8', '001A11', '0050F2', '02AC11'];

/** A MAC under a registry prefix (6, 7 or 9 hex digits), numbered `n`. */
export function macUnder(prefix: string, n: number): string {
  const width = 12 - prefix.length;
  const digits = prefix + (n % 16 ** width).toString(16).padStart(width, '0');
  return digits.toLowerCase().replace(/(..)(?!$)/g, '$1:');
}

function ipOf(base: number[], offset: number): string {
  const v = ((base[0]! << 24) >>> 0) + (base[1]! << 16) + (base[2]! << 8) + base[3]! + offset;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

export interface LanPlan {
  /** e.g. 198.18.0.0/24; the scanner takes the first address. */
  readonly cidr: string;
  /** Offsets (from the network address) of the hosts, in order. */
  readonly offsets: readonly number[];
  /** Make every k-th host a Raspberry Pi (cycling through every Pi prefix). */
  readonly piEvery: number;
  /** Give the address of host `duplicateOf` (an index into offsets) to one more host. */
  readonly duplicateOf?: number;
}

/**
 * Builds the LAN into `lab`: switch, scanner (iface lan0) and one namespace of hosts. The
 * last offset is the scanner's default gateway.
 */
export function buildLan(lab: Lab, plan: LanPlan): DiscoverLan {
  const [net, lenText] = plan.cidr.split('/');
  const base = (net ?? '').split('.').map(Number);
  const len = Number(lenText);
  const sw = lab.addSwitch('sw');
  const scanner = lab.addHost('scan');
  const many = lab.addHost('hosts');
  const scannerMac = '02:00:5e:00:53:01';
  const scannerIp = ipOf(base, 1);
  lab.plug(scanner, 'lan0', sw, scannerMac);
  lab.ip(scanner, 'addr', 'add', `${scannerIp}/${len}`, 'dev', 'lan0');
  lab.sysctl(many, 'net.ipv4.conf.all.arp_ignore', 1);
  lab.sysctl(many, 'net.ipv4.conf.all.arp_announce', 2);
  lab.sysctl(many, 'net.ipv4.conf.default.arp_ignore', 1);
  lab.sysctl(many, 'net.ipv4.conf.default.arp_announce', 2);
  // Hosts answer IPv6 too, but none of them needs duplicate address detection here.
  lab.sysctl(many, 'net.ipv6.conf.default.accept_dad', 0);

  const pis = raspberryPiPrefixes();
  const hosts: LabHost[] = [];
  let pi = 0;
  let other = 0;
  plan.offsets.forEach((offset, i) => {
    const isPi = i % plan.piEvery === 0;
    const prefix = isPi
      ? pis[pi++ % pis.length]!
      : OTHER_PREFIXES[other++ % OTHER_PREFIXES.length]!;
    hosts.push({ ip: ipOf(base, offset), mac: macUnder(prefix, 0x1000 + i), pi: isPi });
  });
  let duplicate: DiscoverLan['duplicate'] = null;
  const veths: LabHost[] = [...hosts];
  if (plan.duplicateOf !== undefined) {
    const first = hosts[plan.duplicateOf]!;
    const second: LabHost = { ip: first.ip, mac: macUnder('001B21', 0xdead), pi: false };
    veths.push(second);
    duplicate = { ip: first.ip, macs: [first.mac, second.mac] };
  }
  const create: string[] = [];
  const ports: string[] = [];
  const setup: string[] = [];
  veths.forEach((h, i) => {
    create.push(`link add h${i} type veth peer name q${i} netns ${sw}`);
    ports.push(`link set q${i} master br0 up`);
    setup.push(`link set h${i} address ${h.mac} up`, `addr add ${h.ip}/${len} dev h${i}`);
  });
  batch(lab, many, create);
  batch(lab, sw, ports);
  batch(lab, many, setup);
  const gateway = hosts[hosts.length - 1]!.ip;
  lab.ip(scanner, 'route', 'add', 'default', 'via', gateway);
  return {
    scanner,
    hostsNs: many,
    switchNs: sw,
    iface: 'lan0',
    scannerIp,
    scannerMac,
    cidr: plan.cidr,
    gateway,
    hosts,
    duplicate,
  };
}

function batch(lab: Lab, ns: string, commands: readonly string[]): void {
  const r = lab.exec(ns, ['ip', '-batch', '-'], `${commands.join('\n')}\n`);
  if (r.status !== 0) throw new Error(`ip -batch in ${ns} failed: ${r.stderr.trim()}`);
}

/** arp-scan's answers (as root, in the scanner namespace): lines `ip<TAB>mac`. */
export function arpScanAnswers(lab: Lab, lan: DiscoverLan, extra: readonly string[] = []) {
  const r = lab.exec(lan.scanner, [
    'arp-scan',
    '--plain',
    '--format=${ip}\t${mac}',
    `--interface=${lan.iface}`,
    ...extra,
    '--localnet',
  ]);
  if (r.status !== 0) throw new Error(`arp-scan failed: ${r.stderr.trim()}`);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [ip, mac] = l.split('\t');
      return { ip: ip ?? '', mac: mac ?? '' };
    });
}

/** Plugs one more host into the LAN during a test: veth `name` with `mac` and `ip/len`. */
export function addLanHost(lab: Lab, lan: DiscoverLan, name: string, mac: string, cidr: string) {
  batch(lab, lan.hostsNs, [`link add ${name} type veth peer name p${name} netns ${lan.switchNs}`]);
  batch(lab, lan.switchNs, [`link set p${name} master br0 up`]);
  batch(lab, lan.hostsNs, [`link set ${name} address ${mac} up`, `addr add ${cidr} dev ${name}`]);
}
