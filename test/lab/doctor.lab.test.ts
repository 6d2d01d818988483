/**
 * The doctor, end to end in namespaces: each story broken, diagnosed by netdoctor run inside
 * the namespace, then repaired with netdoctor's OWN fix command (split into argv, run with
 * `ip netns exec`, never a shell); then the path works and the finding is gone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from './lab.js';
import {
  buildAsymmetricStory,
  buildPathStory,
  buildRouterStory,
  buildVpnStory,
  pings,
  removeEtc,
  type VpnStory,
} from './doctor-lab.js';
import { apply, codes, doctor, finding, fixLine } from './doctor-json.js';
import type { Finding } from '../../src/diagnose/finding.js';

describeLab('doctor: the VPN return route, from the VPN server and from the LAN server', (lab) => {
  let v: VpnStory;
  beforeAll(() => {
    v = buildVpnStory(lab);
  });
  afterAll(() => removeEtc(v));

  it('the client reaches the VPN server but not the LAN server', () => {
    expect(pings(lab, v.c, '10.8.0.1')).toBe(true);
    expect(pings(lab, v.c, '192.168.50.10')).toBe(false);
  });

  let fromLan: Finding;
  it('from the LAN server, without probes: the VPN client leaves by the default gateway', () => {
    const { code, json } = doctor(lab, v.l, ['--to', '10.8.0.6']);
    expect(code).toBe(0); // a warning: from here it is likely, not proven
    fromLan = finding(json, 'private-via-default-gateway');
    expect(fromLan.subject).toBe('10.8.0.6');
    // The VPN server ARPed for L when it forwarded the client's ping: L's best guess.
    expect(fromLan.fix).toContain('ip route add 10.8.0.0/24 via 192.168.50.5 dev eth0');
    expect(json.probes).toBeNull();
  });

  let proven: Finding;
  it('from the VPN server, --probe proves the missing return route and names the route', () => {
    const { code, json } = doctor(lab, v.s, ['--to', '192.168.50.10', '--probe']);
    expect(code).toBe(1);
    proven = finding(json, 'return-route-missing');
    expect(proven.fix).toContain('ip route add 10.8.0.0/24 via 192.168.50.5');
    expect(codes(json)).toEqual(['return-route-missing']);
  });

  it('the fix on the LAN server itself: the path works and both ends say nothing', () => {
    apply(lab, v.l, fixLine(proven, 'ip route add', /itself/));
    expect(pings(lab, v.c, '192.168.50.10')).toBe(true);
    expect(codes(doctor(lab, v.l, ['--to', '10.8.0.6']).json)).toEqual([]);
    const after = doctor(lab, v.s, ['--to', '192.168.50.10', '--probe']);
    expect(after.code).toBe(0);
    expect(codes(after.json)).toEqual([]);
  });

  it('the best fix, on the LAN gateway: the path works and the probe run says nothing', () => {
    lab.ip(v.l, 'route', 'del', '10.8.0.0/24');
    expect(pings(lab, v.c, '192.168.50.10')).toBe(false);
    apply(lab, v.r, fixLine(proven, 'ip route add', /best/));
    expect(pings(lab, v.c, '192.168.50.10')).toBe(true);
    const after = doctor(lab, v.s, ['--to', '192.168.50.10', '--probe']);
    expect(after.code).toBe(0);
    expect(codes(after.json)).toEqual([]);
  });

  it('the VPN server with forwarding off: forwarding-disabled, fixed by its own command', () => {
    lab.sysctl(v.s, 'net.ipv4.ip_forward', 0);
    expect(pings(lab, v.c, '192.168.50.10')).toBe(false);
    const { code, json } = doctor(lab, v.s, []);
    expect(code).toBe(1);
    apply(lab, v.s, fixLine(finding(json, 'forwarding-disabled'), 'sysctl -w'));
    expect(pings(lab, v.c, '192.168.50.10')).toBe(true);
    expect(codes(doctor(lab, v.s, []).json)).toEqual([]);
  });
});

describeLab('doctor: a Linux router instead of a virtual router', (lab) => {
  let up = '';
  let r = '';
  let x = '';
  beforeAll(() => {
    ({ up, r, x } = buildRouterStory(lab));
  });
  const vmReachable = () => {
    // The upstream's neighbour entry from the last attempt would answer for it: ask afresh.
    lab.ip(up, 'neigh', 'flush', 'all');
    return pings(lab, x, '203.0.113.10');
  };

  it('healthy: the VM answers from the internet side, and the router raises nothing', () => {
    expect(vmReachable()).toBe(true);
    const { code, json } = doctor(lab, r, []);
    expect(code).toBe(0);
    expect(codes(json)).toEqual([]);
  });

  it('proxy_arp off upstream: proxy-arp-needed, fixed by its own command', () => {
    lab.sysctl(r, 'net.ipv4.conf.eth0.proxy_arp', 0);
    expect(vmReachable()).toBe(false);
    const { code, json } = doctor(lab, r, []);
    expect(code).toBe(1);
    expect(codes(json)).toEqual(['proxy-arp-needed']);
    apply(lab, r, fixLine(finding(json, 'proxy-arp-needed'), 'sysctl -w'));
    expect(vmReachable()).toBe(true);
    expect(codes(doctor(lab, r, []).json)).toEqual([]);
  });

  it('forwarding off: forwarding-disabled, fixed by its own command', () => {
    lab.sysctl(r, 'net.ipv4.ip_forward', 0);
    expect(vmReachable()).toBe(false);
    const { code, json } = doctor(lab, r, []);
    expect(code).toBe(1);
    expect(codes(json)).toEqual(['forwarding-disabled']);
    apply(lab, r, fixLine(finding(json, 'forwarding-disabled'), 'sysctl -w'));
    expect(vmReachable()).toBe(true);
    expect(codes(doctor(lab, r, []).json)).toEqual([]);
  });
});

describeLab('doctor: strict rp_filter on an asymmetric path', (lab) => {
  let h = '';
  let r = '';
  let x = '';
  beforeAll(() => {
    ({ h, r, x } = buildAsymmetricStory(lab));
  });

  it('X cannot reach H by its second uplink; the doctor says why, and its fix works', () => {
    expect(pings(lab, x, '203.0.113.5')).toBe(false);
    expect(pings(lab, x, '198.51.100.5')).toBe(true);
    const { code, json } = doctor(lab, h, []);
    expect(code).toBe(1);
    const f = finding(json, 'rp-filter-drop');
    expect(f.subject).toBe('eth1');
    apply(lab, h, fixLine(f, 'sysctl -w'));
    expect(pings(lab, x, '203.0.113.5')).toBe(true);
    expect(codes(doctor(lab, h, []).json)).toEqual([]);
  });

  it('the router in the middle raises nothing', () => {
    expect(codes(doctor(lab, r, []).json)).toEqual([]);
  });
});

describeLab('doctor: a blackhole and a dead next hop on the path', (lab) => {
  let a = '';
  beforeAll(() => {
    ({ a } = buildPathStory(lab));
  });

  it('healthy, with probes: the ping answers and nothing is raised', () => {
    const { code, json } = doctor(lab, a, ['--to', '203.0.113.9', '--probe']);
    expect(code).toBe(0);
    expect(codes(json)).toEqual([]);
    expect(json.probes?.outcomes.map((o) => [o.kind, o.answered])).toEqual([
      ['ping', true],
      ['arp', true],
    ]);
  });

  it('a blackhole: route-blackhole, removed by its own command', () => {
    lab.ip(a, 'route', 'add', 'blackhole', '203.0.113.9');
    expect(pings(lab, a, '203.0.113.9')).toBe(false);
    const { code, json } = doctor(lab, a, ['--to', '203.0.113.9']);
    expect(code).toBe(1);
    apply(lab, a, fixLine(finding(json, 'route-blackhole'), 'ip route del'));
    expect(pings(lab, a, '203.0.113.9')).toBe(true);
    expect(codes(doctor(lab, a, ['--to', '203.0.113.9']).json)).toEqual([]);
  });

  it('a next hop nobody holds: the ARP probe proves it, and its fix works', () => {
    lab.ip(a, 'route', 'add', '203.0.113.0/24', 'via', '198.51.100.254');
    const { code, json } = doctor(lab, a, ['--to', '203.0.113.9', '--probe']);
    expect(code).toBe(1);
    const f = finding(json, 'next-hop-unresolved');
    expect(f.title).toContain('(probed)');
    apply(lab, a, fixLine(f, 'ip route del'));
    expect(pings(lab, a, '203.0.113.9')).toBe(true);
    const after = doctor(lab, a, ['--to', '203.0.113.9', '--probe']);
    expect(after.code).toBe(0);
    expect(codes(after.json)).toEqual([]);
  });
});
