import { describe, expect, it } from 'vitest';
import {
  LOOSE_NO_ROUTE_BACK,
  LOOSE_ROUTE_BACK,
  POLICY_FIX,
  TWO_UPLINKS_LOOSE,
  TWO_UPLINKS_STRICT,
  labHost,
} from '../../../test/doctor/load.js';
import { pathQuestion } from '../../net/path-question.js';
import { resolveRoute } from '../../net/resolve-route.js';
import type { RouteQuery } from '../../net/route-decision.js';
import type { HostState } from '../../state/host-state.js';
import { rpFilterPathRule } from './rp-filter-path.js';

const ask = (host: HostState, query: RouteQuery) =>
  rpFilterPathRule.run({ host, path: { query, decision: resolveRoute(host, query) } });

describe('rp-filter-drop (path)', () => {
  it('a source on the strict interface, the route out of the other: the answers are dropped', () => {
    const host = labHost(TWO_UPLINKS_STRICT);
    const [f, ...rest] = rpFilterPathRule.run({
      host,
      path: pathQuestion(host, '198.18.0.7', '203.0.113.5'),
    });
    expect(rest).toEqual([]);
    expect(f?.title).toBe(
      'answers from 198.18.0.7 to 203.0.113.5 come in on eth1, where strict rp_filter drops them',
    );
    expect(f?.why).toContain(
      'rp_filter on eth1 drops it: the way back to 198.18.0.7 leaves by eth0 (strict, rp_filter = 1)',
    );
    expect(f?.fix.slice(-2)).toEqual([
      'ip route add default via 203.0.113.1 dev eth1 table 100',
      'ip rule add from 203.0.113.5 table 100',
    ]);
  });

  it('quiet for the kernel-chosen source, in loose mode, and after the symmetric fix', () => {
    const strict = labHost(TWO_UPLINKS_STRICT);
    expect(
      rpFilterPathRule.run({ host: strict, path: pathQuestion(strict, '198.18.0.7') }),
    ).toEqual([]);
    for (const p of [TWO_UPLINKS_LOOSE, POLICY_FIX]) {
      const host = labHost(p);
      expect(ask(host, { dst: '198.18.0.7', src: '203.0.113.5' }), p).toEqual([]);
    }
  });

  it('a forwarded packet with no way back at all, in loose mode; then a route back', () => {
    const q = { dst: '203.0.113.5', src: '10.99.0.7', iif: 'eth2' };
    const [f] = ask(labHost(LOOSE_NO_ROUTE_BACK), q);
    expect(f?.title).toBe(
      'packets from 10.99.0.7 to 203.0.113.5 that come in on eth2 are dropped by loose rp_filter',
    );
    expect(f?.why).toContain('no route back to 10.99.0.7 at all');
    expect(ask(labHost(LOOSE_ROUTE_BACK), q)).toEqual([]);
  });
});
