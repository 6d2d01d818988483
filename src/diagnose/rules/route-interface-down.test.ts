import { describe, expect, it } from 'vitest';
import { routeInterfaceDownRule } from './route-interface-down.js';
import { pathContext } from '../../../test/helpers/route-host.js';
import { labHost } from '../../../test/doctor/load.js';
import { resolveRoute } from '../../net/resolve-route.js';

describe('route-interface-down rule', () => {
  it('raises for a route out of an interface with no carrier, with the link line', () => {
    const [f] = routeInterfaceDownRule.run(pathContext('198.18.7.7'));
    expect(f?.code).toBe('interface-down');
    expect(f?.title).toBe('198.18.7.7: output interface lan1 is up, but no carrier');
    expect(f?.evidence[0]?.source).toBe('ip -j -d link show');
    expect(f?.evidence[0]?.text).toBe(
      'lan1: <NO-CARRIER,BROADCAST,MULTICAST,UP> state LOWERLAYERDOWN',
    );
    expect(f?.fix).toEqual([]);
  });
  it('is quiet when the interface is up, and for local or reject answers', () => {
    expect(routeInterfaceDownRule.run(pathContext('198.51.100.9'))).toEqual([]);
    expect(routeInterfaceDownRule.run(pathContext('198.51.100.1'))).toEqual([]);
    expect(routeInterfaceDownRule.run(pathContext('10.8.0.1'))).toEqual([]);
  });
});

describe('route-interface-down with a backup default route', () => {
  const host = labHost('doctor/snapshots/preferred-link-down');
  const query = { dst: '198.18.9.9' };
  const ctx = { host, path: { query, decision: resolveRoute(host, query) } };

  it('the preferred default has no carrier: names the backup; delete first, then the sysctl', () => {
    const [f] = routeInterfaceDownRule.run(ctx);
    expect(f?.title).toBe(
      '198.18.9.9: output interface eth0 is up, but no carrier; the backup default via 203.0.113.1 dev eth1 metric 200 is never used',
    );
    expect(f?.fix[1]).toBe('ip route del default via 198.51.100.1 dev eth0 metric 100');
    expect(f?.fix).toContain('sysctl -w net.ipv4.conf.eth0.ignore_routes_with_linkdown=1');
  });
});
