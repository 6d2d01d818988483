import { describe, expect, it } from 'vitest';
import {
  ROUTER,
  ROUTER_NO_FORWARDING,
  VM,
  VPN_SERVER,
  VPN_SERVER_NO_FORWARDING,
  labHost,
} from '../../../test/doctor/load.js';
import { forwardingDisabledRule } from './forwarding-disabled.js';

const run = (path: string) => forwardingDisabledRule.run({ host: labHost(path) });

describe('forwarding-disabled (host)', () => {
  it('a VPN server that pushes routes, with forwarding off: the config lines are the evidence', () => {
    const [f, ...rest] = run(VPN_SERVER_NO_FORWARDING);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.evidence.map((e) => `${e.source}: ${e.text}`)).toEqual([
      '/proc/sys/net/ipv4/ip_forward: 0',
      '/etc/openvpn/server.conf: server 10.8.0.0 255.255.255.0',
      '/etc/openvpn/server.conf: push "route 192.168.50.0 255.255.255.0"',
    ]);
    expect(f?.fix[0]).toBe('sysctl -w net.ipv4.ip_forward=1');
  });

  it('a router whose carved-out /26 is a connected network, forwarding off', () => {
    const [f] = run('findings/forwarding-disabled/raise/connected-subnet-router');
    expect(f?.why).toContain('routes addresses of 192.0.2.0/24 (on eth0) out of eth1');
  });

  it('a router with a carved-out public address and forwarding off', () => {
    const [f] = run(ROUTER_NO_FORWARDING);
    expect(f?.why).toContain('routes addresses of 203.0.113.0/24 (on eth0) out of eth1');
    expect(f?.evidence.map((e) => e.text)).toContain('203.0.113.10 dev eth1 scope link');
  });

  it.each([VPN_SERVER, ROUTER, VM])(
    'stays quiet where forwarding is on or not needed (%s)',
    (p) => {
      expect(run(p)).toEqual([]);
    },
  );
});
