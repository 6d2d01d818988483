/**
 * Routing stories, end to end in namespaces (issue 17, items 4, 7 and 8): each broken,
 * diagnosed by netdoctor inside the namespace, repaired with netdoctor's own fix as argv;
 * then the path works and the finding is gone.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeLab } from './lab.js';
import { pings } from './doctor-lab.js';
import { apply, codes, doctor, finding, fixLine } from './doctor-json.js';
import { buildConnectedRouterStory, type ConnectedRouterStory } from './routes-lab.js';

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
