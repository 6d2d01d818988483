/**
 * A generated fleet for `netdoctor path` at scale: one core router on a backbone
 * 10.255.0.0/16 with a route to every edge's LAN, edge routers with a default route to the
 * core, and two hosts on each edge's LAN. Each host is a full snapshot: a real one
 * (test/fixtures/path/vpc/broken/vpc2.json, taken in a lab namespace) with its ip sources
 * rewritten in the JSON shapes iproute2 prints, so the parsers read them as they read a box.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Snapshot } from '../../src/snapshot/types.js';

const TEMPLATE = resolve(import.meta.dirname, '../fixtures/path/vpc/broken/vpc2.json');

interface Iface {
  readonly name: string;
  readonly address: string;
  readonly prefixlen: number;
}

interface Route {
  readonly dst: string;
  readonly gateway?: string;
  readonly dev: string;
}

const mac = (host: number, i: number) =>
  `02:${[host >> 16, (host >> 8) & 255, host & 255, i, 1]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join(':')}`;

function network(address: string, prefixlen: number): string {
  const v = address.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const mask = prefixlen === 0 ? 0 : (0xffffffff << (32 - prefixlen)) >>> 0;
  const net = (v & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.')}/${prefixlen}`;
}

function hostSnapshot(template: Snapshot, n: number, ifaces: Iface[], routes: Route[]): Snapshot {
  const base = (name: string, i: number) => ({
    ifindex: i + 2,
    ifname: name,
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    mtu: 1500,
    operstate: 'UP',
    link_type: 'ether',
    address: mac(n, i),
    broadcast: 'ff:ff:ff:ff:ff:ff',
  });
  const lo = {
    ifindex: 1,
    ifname: 'lo',
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    mtu: 65536,
    operstate: 'UNKNOWN',
    link_type: 'loopback',
    address: '00:00:00:00:00:00',
  };
  const links = [
    lo,
    ...ifaces.map((f, i) => ({ ...base(f.name, i), linkinfo: { info_kind: 'veth' } })),
  ];
  const addrs = [
    {
      ...lo,
      addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host', label: 'lo' }],
    },
    ...ifaces.map((f, i) => ({
      ...base(f.name, i),
      addr_info: [
        {
          family: 'inet',
          local: f.address,
          prefixlen: f.prefixlen,
          scope: 'global',
          label: f.name,
        },
      ],
    })),
  ];
  const route4 = [
    ...routes.map((r) => ({
      dst: r.dst,
      ...(r.gateway ? { gateway: r.gateway } : {}),
      dev: r.dev,
      flags: [],
    })),
    ...ifaces.map((f) => ({
      dst: network(f.address, f.prefixlen),
      dev: f.name,
      protocol: 'kernel',
      scope: 'link',
      prefsrc: f.address,
      flags: [],
    })),
    ...ifaces.map((f) => ({
      type: 'local',
      dst: f.address,
      dev: f.name,
      table: 'local',
      protocol: 'kernel',
      scope: 'host',
      prefsrc: f.address,
      flags: [],
    })),
    {
      type: 'local',
      dst: '127.0.0.0/8',
      dev: 'lo',
      table: 'local',
      protocol: 'kernel',
      scope: 'host',
      prefsrc: '127.0.0.1',
      flags: [],
    },
  ];
  const command = (stdout: unknown) => ({
    kind: 'command' as const,
    exitCode: 0,
    stdout: JSON.stringify(stdout),
    stderr: '',
  });
  return {
    ...template,
    host: { ...template.host, hostname: `fleet${n}` },
    sources: {
      ...template.sources,
      'ip -j -d link show': command(links),
      'ip -j addr show': command(addrs),
      'ip -j -4 route show table all': command(route4),
      'ip -j -6 route show table all': command([]),
      'ip -j neigh show': command([]),
    },
  };
}

export interface Fleet {
  /** name → snapshot, in order. */
  readonly hosts: readonly { readonly name: string; readonly snapshot: Snapshot }[];
  /** A host on the first edge's LAN and one on the last's: their path crosses the core. */
  readonly src: string;
  readonly dst: string;
}

/** `count` hosts: 1 core, a third edge routers, the rest two hosts per edge. */
export function pathFleet(count: number): Fleet {
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as Snapshot;
  const edges = Math.max(1, Math.floor((count - 1) / 3));
  const hosts: { name: string; snapshot: Snapshot }[] = [];
  const lan = (e: number) => `10.${e >> 8}.${e & 255}`;
  const backbone = (e: number) => `10.255.${(e + 2) >> 8}.${(e + 2) & 255}`;
  hosts.push({
    name: 'core',
    snapshot: hostSnapshot(
      template,
      0,
      [{ name: 'eth0', address: '10.255.0.1', prefixlen: 16 }],
      Array.from({ length: edges }, (_, e) => ({
        dst: `${lan(e)}.0/24`,
        gateway: backbone(e),
        dev: 'eth0',
      })),
    ),
  });
  for (let e = 0; e < edges; e++) {
    hosts.push({
      name: `edge${e}`,
      snapshot: hostSnapshot(
        template,
        hosts.length,
        [
          { name: 'eth0', address: backbone(e), prefixlen: 16 },
          { name: 'eth1', address: `${lan(e)}.1`, prefixlen: 24 },
        ],
        [{ dst: 'default', gateway: '10.255.0.1', dev: 'eth0' }],
      ),
    });
  }
  for (let h = 0; hosts.length < count; h++) {
    const e = Math.floor(h / 2) % edges;
    hosts.push({
      name: `host${h}`,
      snapshot: hostSnapshot(
        template,
        hosts.length,
        [
          {
            name: 'eth0',
            address: `${lan(e)}.${10 + (h % 2) + 2 * Math.floor(h / (2 * edges))}`,
            prefixlen: 24,
          },
        ],
        [{ dst: 'default', gateway: `${lan(e)}.1`, dev: 'eth0' }],
      ),
    });
  }
  return { hosts, src: `${lan(0)}.10`, dst: `${lan(edges - 1)}.11` };
}
