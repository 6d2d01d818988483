/**
 * Routing stories, end to end in namespaces (issue 17, items 4, 7 and 8): each broken,
 * diagnosed by netdoctor inside the namespace, repaired with netdoctor's own fix as argv;
 * then the path works and the finding is gone.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeLab } from './lab.js';
import { pings } from './doctor-lab.js';
import { apply, codes, doctor, finding, fixLine } from './doctor-json.js';
import {
  buildConnectedRouterStory,
  buildSecondAddressStory,
  buildTwoUplinkStory,
  type ConnectedRouterStory,
  type SecondAddressStory,
  type TwoUplinkStory,
} from './routes-lab.js';
import type { Finding } from '../../src/diagnose/finding.js';

describeLab('doctor: a router whose routed /26 is a connected network', (lab) => {
  let s: ConnectedRouterStory;
  beforeAll(() => {
    s = buildConnectedRouterStory(lab);
  });
  const hostReachable = () => {
    // The upstream's FAILED entry from the last attempt would hold: ask afresh.
    lab.ip(s.up, 'neigh', 'flush', 'all');
    return pings(lab, s.x, '192.0.2.70');
  };

  it('forwarding and proxy ARP off: both raised, each fixed by its own command', () => {
    expect(hostReachable()).toBe(false);
    const { code, json } = doctor(lab, s.r, []);
    expect(code).toBe(1);
    expect(codes(json).sort()).toEqual(['forwarding-disabled', 'proxy-arp-needed']);
    const proxy = finding(json, 'proxy-arp-needed');
    expect(proxy.subject).toBe('eth0');
    expect(proxy.title).toContain('192.0.2.64/26');
    expect(finding(json, 'forwarding-disabled').why).toContain('192.0.2.0/24');
    apply(lab, s.r, fixLine(finding(json, 'forwarding-disabled'), 'sysctl -w'));
    apply(lab, s.r, fixLine(proxy, 'sysctl -w'));
    expect(hostReachable()).toBe(true);
    const after = doctor(lab, s.r, []);
    expect(after.code).toBe(0);
    expect(codes(after.json)).toEqual([]);
  });

  it('the host on the /26 raises nothing', () => {
    expect(codes(doctor(lab, s.h, []).json)).toEqual([]);
  });
});

describeLab('doctor: two default routes, the preferred one dead, a working backup', (lab) => {
  let s: TwoUplinkStory;
  beforeAll(() => {
    s = buildTwoUplinkStory(lab);
  });
  const X = '198.18.9.9';

  it('healthy, with probes: nothing is raised', () => {
    expect(pings(lab, s.h, X)).toBe(true);
    const { code, json } = doctor(lab, s.h, ['--to', X, '--probe']);
    expect(code).toBe(0);
    expect(codes(json)).toEqual([]);
  });

  let dead: Finding;
  it('the preferred gateway gone: the ARP probe proves it, and the finding names the backup', () => {
    lab.ip(s.a, 'addr', 'del', '198.51.100.1/24', 'dev', 'eth0');
    expect(pings(lab, s.h, X)).toBe(false);
    const { code, json } = doctor(lab, s.h, ['--to', X, '--probe']);
    expect(code).toBe(1);
    dead = finding(json, 'next-hop-unresolved');
    expect(dead.title).toContain('(probed)');
    expect(dead.title).toContain('the backup default via 203.0.113.1 dev eth1');
    expect(dead.fix).toContain('ip route del default via 198.51.100.1 dev eth0 metric 100');
  });

  it('the delete: the backup carries the path, and the finding is gone', () => {
    apply(lab, s.h, fixLine(dead, 'ip route del'));
    expect(pings(lab, s.h, X)).toBe(true);
    const after = doctor(lab, s.h, ['--to', X, '--probe']);
    expect(after.code).toBe(0);
    expect(codes(after.json)).toEqual([]);
  });

  it('the demote: the dead route back behind the backup, and the path still works', () => {
    apply(lab, s.h, fixLine(dead, 'ip route add', /demote/));
    expect(pings(lab, s.h, X)).toBe(true);
    expect(codes(doctor(lab, s.h, ['--to', X, '--probe']).json)).toEqual([]);
  });

  it('the preferred link down instead: interface-down names the backup, its delete works', () => {
    lab.ip(s.h, 'route', 'del', 'default', 'via', '198.51.100.1', 'metric', '201');
    lab.ip(s.a, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth0');
    lab.ip(s.h, 'route', 'add', 'default', 'via', '198.51.100.1', 'dev', 'eth0', 'metric', '100');
    expect(pings(lab, s.h, X)).toBe(true);
    lab.ip(s.a, 'link', 'set', 'eth0', 'down');
    expect(pings(lab, s.h, X)).toBe(false);
    const { code, json } = doctor(lab, s.h, ['--to', X]);
    expect(code).toBe(1);
    const f = finding(json, 'interface-down');
    expect(f.title).toContain('the backup default via 203.0.113.1 dev eth1');
    expect(f.fix).toContain('sysctl -w net.ipv4.conf.eth0.ignore_routes_with_linkdown=1');
    apply(lab, s.h, fixLine(f, 'ip route del'));
    expect(pings(lab, s.h, X)).toBe(true);
    expect(codes(doctor(lab, s.h, ['--to', X]).json)).toEqual([]);
  });

  it('the kernel takes the sysctl alternative too: the backup carries the path', () => {
    lab.ip(s.h, 'route', 'add', 'default', 'via', '198.51.100.1', 'dev', 'eth0', 'metric', '100');
    expect(pings(lab, s.h, X)).toBe(false);
    lab.sysctl(s.h, 'net.ipv4.conf.eth0.ignore_routes_with_linkdown', 1);
    expect(pings(lab, s.h, X)).toBe(true);
  });
});

describeLab('doctor: a second address whose policy rule leads to a dead gateway', (lab) => {
  let s: SecondAddressStory;
  beforeAll(() => {
    s = buildSecondAddressStory(lab);
  });
  const X = '198.18.11.9';
  const ADDR2 = '203.0.113.5';

  it('healthy: pings from both addresses answer, and the probes raise nothing', () => {
    expect(pings(lab, s.h, X)).toBe(true);
    expect(pings(lab, s.h, X, ADDR2)).toBe(true);
    const { code, json } = doctor(lab, s.h, ['--to', X, '--probe']);
    expect(code).toBe(0);
    expect(codes(json)).toEqual([]);
    // The return-path probe pinged from the address the rule picks out.
    expect(json.probes?.outcomes.filter((o) => o.kind === 'return-path')).toHaveLength(2);
  });

  it('table 100 pointed at a retired gateway: replies from the second address die, proven', () => {
    lab.ip(
      s.h,
      'route',
      'replace',
      'default',
      'via',
      '203.0.113.254',
      'dev',
      'eth1',
      'table',
      '100',
    );
    expect(pings(lab, s.h, X)).toBe(true);
    expect(pings(lab, s.h, X, ADDR2)).toBe(false);
    const { code, json } = doctor(lab, s.h, ['--to', X, '--probe']);
    expect(code).toBe(1);
    expect(codes(json)).toEqual(['source-route-broken']);
    const f = finding(json, 'source-route-broken');
    expect(f.subject).toBe(ADDR2);
    expect(f.title).toContain('table 100 (rule 1000)');
    expect(f.fix).toContain('ip rule del priority 1000 from 203.0.113.5 lookup 100');
    apply(lab, s.h, fixLine(f, 'ip rule del'));
    apply(lab, s.h, fixLine(f, 'ip route flush table 100'));
    expect(pings(lab, s.h, X, ADDR2)).toBe(true);
    const after = doctor(lab, s.h, ['--to', X, '--probe']);
    expect(after.code).toBe(0);
    expect(codes(after.json)).toEqual([]);
  });

  it('without probes, the FAILED neighbour entry is the proof', () => {
    lab.ip(s.h, 'route', 'add', 'default', 'via', '203.0.113.254', 'dev', 'eth1', 'table', '100');
    lab.ip(s.h, 'rule', 'add', 'from', ADDR2, 'lookup', '100', 'priority', '1000');
    expect(pings(lab, s.h, X, ADDR2)).toBe(false);
    // The kernel gives up on the ARP after its retries (about 3 s): wait for FAILED, bounded.
    const failed = () =>
      lab
        .ipJson<{ dst: string; state?: string[] }[]>(s.h, 'neigh', 'show', 'dev', 'eth1')
        .some((n) => n.dst === '203.0.113.254' && n.state?.includes('FAILED'));
    for (let i = 0; i < 20 && !failed(); i++) lab.exec(s.h, ['sleep', '0.25']);
    expect(failed()).toBe(true);
    const { code, json } = doctor(lab, s.h, ['--to', X]);
    expect(code).toBe(1);
    expect(finding(json, 'source-route-broken').title).toContain('does not answer ARP (FAILED)');
  });
});
