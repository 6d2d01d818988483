/**
 * A snapshot of a box with many interfaces (a big router or a container host): the lab
 * router's real capture with its lan0 link and addresses copied N times under new names and
 * addresses, and each copy's sysctl files. For the scaling test and the EPIPE test.
 */
import { fixture } from './fixtures.js';

type Json = Record<string, unknown>;

export function manyInterfacesSnapshotText(count: number): string {
  const s = JSON.parse(fixture('lab-router/snapshot.json')) as Json;
  const sources = s['sources'] as Record<string, Json>;
  const edit = (key: string, f: (records: Json[]) => Json[]) => {
    const record = sources[key];
    if (!record) throw new Error(`no ${key}`);
    record['stdout'] = JSON.stringify(f(JSON.parse(record['stdout'] as string) as Json[]));
  };
  const name = (i: number) => `v${i}`;
  // 10.128.0.0/9 and up: clear of the router's own networks (its VPN's 10.8.0.0/24), so the
  // copies add interfaces and nothing the rules would judge.
  const net = (i: number) => `10.${128 + ((i >> 8) & 127)}.${i & 255}`;
  const v4 = (i: number) => `${net(i)}.1`;
  const mac = (i: number) =>
    `02:00:00:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
  const copies = <T>(f: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => f(i));
  edit('ip -j -d link show', (rs) => {
    const lan0 = rs.find((r) => r['ifname'] === 'lan0') ?? {};
    return [
      ...rs,
      ...copies((i) => ({ ...lan0, ifindex: 1000 + i, ifname: name(i), address: mac(i) })),
    ];
  });
  edit('ip -j addr show', (rs) => {
    const lan0 = rs.find((r) => r['ifname'] === 'lan0') ?? {};
    return [
      ...rs,
      ...copies((i) => ({
        ...lan0,
        ifindex: 1000 + i,
        ifname: name(i),
        address: mac(i),
        addr_info: [
          { family: 'inet', local: v4(i), prefixlen: 24, scope: 'global', label: name(i) },
        ],
      })),
    ];
  });
  edit('ip -j -4 route show table all', (rs) => [
    ...rs,
    ...copies((i) => ({
      dst: `${net(i)}.0/24`,
      dev: name(i),
      protocol: 'kernel',
      scope: 'link',
      prefsrc: v4(i),
      flags: [],
    })),
  ]);
  for (let i = 0; i < count; i++) {
    for (const sysctl of ['forwarding', 'rp_filter', 'proxy_arp', 'arp_ignore', 'arp_announce']) {
      sources[`/proc/sys/net/ipv4/conf/${name(i)}/${sysctl}`] = {
        kind: 'file',
        exitCode: 0,
        stdout: '0\n',
        stderr: '',
      };
    }
  }
  return JSON.stringify(s);
}
