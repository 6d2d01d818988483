import { describe, expect, it } from 'vitest';
import {
  ASYM_ROUTER,
  TWO_UPLINKS_LOOSE,
  TWO_UPLINKS_STRICT,
  VPN_SERVER,
  labHost,
} from '../../../test/doctor/load.js';
import { rpFilterHostRule } from './rp-filter-host.js';

describe('rp-filter-drop (host)', () => {
  it('two default routes, the strict interface not preferred', () => {
    const [f, ...rest] = rpFilterHostRule.run({ host: labHost(TWO_UPLINKS_STRICT) });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'rp-filter-drop', subject: 'eth1' });
    expect(f?.evidence.map((e) => e.text)).toEqual([
      'default via 198.51.100.1 dev eth0 metric 100',
      'default via 203.0.113.1 dev eth1 metric 200',
      '1',
    ]);
    expect(f?.fix).toContain('sysctl -w net.ipv4.conf.eth1.rp_filter=2');
    expect(f?.fix).toContain('ip rule add from 203.0.113.5 table 100');
  });

  it.each([TWO_UPLINKS_LOOSE, ASYM_ROUTER, VPN_SERVER])('quiet on %s', (p) => {
    expect(rpFilterHostRule.run({ host: labHost(p) })).toEqual([]);
  });
});
