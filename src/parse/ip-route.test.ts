import { describe, expect, it } from 'vitest';
import { parseIpRoute } from './ip-route.js';
import { fixture } from '../../test/helpers/fixtures.js';

describe('parseIpRoute over `ip -j route show table all` from the lab router', () => {
  const v4 = parseIpRoute(fixture('lab-router/ip-j-route-all.json'), 'inet');
  const v6 = parseIpRoute(fixture('lab-router/ip-j-6-route-all.json'), 'inet6');
  const find = (dst: string, table = 'main') =>
    v4.records.find((r) => r.dst === dst && r.table === table);

  it('reads without warnings', () => {
    expect(v4.warnings).toEqual([]);
    expect(v6.warnings).toEqual([]);
  });

  it.each([
    ['default', 'main', 'unicast', '192.0.2.254', 'lan0'],
    ['default', '100', 'unicast', '198.51.100.254', 'lan1'],
    ['172.16.0.0/12', '100', 'unicast', '198.51.100.254', 'lan1'],
    ['203.0.113.0/26', 'main', 'blackhole', null, null],
    ['203.0.113.64/26', 'main', 'unreachable', null, null],
    ['203.0.113.128/26', 'main', 'prohibit', null, null],
    ['192.0.2.1', 'local', 'local', null, 'lan0'],
  ])('%s in table %s is %s via %s dev %s', (dst, table, type, gateway, dev) => {
    expect(find(dst, table)).toMatchObject({ type, gateway, dev });
  });

  it('keeps the linkdown flag of a route over a tun without a reader', () => {
    expect(find('10.8.0.0/24')?.flags).toContain('linkdown');
  });

  it('reads connected routes with their source', () => {
    expect(find('192.0.2.0/24')).toMatchObject({
      protocol: 'kernel',
      scope: 'link',
      prefsrc: '192.0.2.1',
    });
  });

  it('reads IPv6 metrics and the default route', () => {
    const def = v6.records.find((r) => r.dst === 'default');
    expect(def).toMatchObject({
      family: 'inet6',
      gateway: '2001:db8:1::fe',
      metric: 1024,
      table: 'main',
    });
  });

  it('reads multipath next hops (iproute2 prints them as "nexthops")', () => {
    const text =
      '[{"dst":"default","protocol":"static","metric":10,"flags":[],"nexthops":[{"gateway":"192.0.2.1","dev":"eth0","weight":1,"flags":[]},{"gateway":"192.0.2.2","dev":"eth0","weight":2,"flags":[]}]}]';
    const [r] = parseIpRoute(text, 'inet').records;
    expect(r?.nexthops).toEqual([
      { gateway: '192.0.2.1', dev: 'eth0', weight: 1 },
      { gateway: '192.0.2.2', dev: 'eth0', weight: 2 },
    ]);
  });
});
