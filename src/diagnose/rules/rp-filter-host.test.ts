import { describe, expect, it } from 'vitest';
import {
  ASYM_ROUTER,
  LOOSE_ROUTE_BACK,
  POLICY_FIX,
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
    expect(f?.box).toBeUndefined();
    expect(f?.title).toBe(
      'strict rp_filter on eth1 drops packets from anywhere beyond its own network that come in by 203.0.113.1',
    );
    expect(f?.why).toContain(
      'rp_filter on eth1 drops it: the way back to 1.0.0.1 leaves by eth0 (strict, rp_filter = 1)',
    );
    expect(f?.evidence.map((e) => e.text)).toEqual([
      'default via 198.51.100.1 dev eth0 metric 100',
      'default via 203.0.113.1 dev eth1 metric 200',
      '1',
    ]);
    expect(f?.fix).toEqual([
      '# loose mode: the source must be routable by some interface, not by this one (keeps anti-spoofing):',
      'sysctl -w net.ipv4.conf.eth1.rp_filter=2',
      "# and to keep it: echo 'net.ipv4.conf.eth1.rp_filter = 2' > /etc/sysctl.d/90-rp-filter.conf",
      '# or keep strict mode and make the path symmetric: answers from 203.0.113.5 leave by eth1 (table 100 is unused):',
      'ip route add default via 203.0.113.1 dev eth1 table 100',
      'ip rule add from 203.0.113.5 table 100',
    ]);
  });

  it.each([TWO_UPLINKS_LOOSE, ASYM_ROUTER, VPN_SERVER, POLICY_FIX, LOOSE_ROUTE_BACK])(
    'quiet on %s',
    (p) => {
      expect(rpFilterHostRule.run({ host: labHost(p) })).toEqual([]);
    },
  );
});
