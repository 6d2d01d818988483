import { describe, expect, it } from 'vitest';
import { routeNextHopRule } from './route-next-hop.js';
import { pathContext } from '../../../test/helpers/route-host.js';

describe('route-next-hop rule', () => {
  it('raises when the gateway never answered ARP (FAILED)', () => {
    const [f] = routeNextHopRule.run(pathContext('198.19.1.1'));
    expect([f?.code, f?.severity]).toEqual(['next-hop-unresolved', 'error']);
    expect(f?.evidence[0]).toEqual({
      source: 'ip -j neigh show',
      text: '198.51.100.77 dev lan0 FAILED',
    });
    expect(f?.fix[0]).toBe('arping -c 3 -I lan0 198.51.100.77');
  });
  it('raises for an on-link destination that does not answer', () => {
    expect(routeNextHopRule.run(pathContext('198.51.100.77')).map((f) => f.code)).toEqual([
      'next-hop-unresolved',
    ]);
  });
  it('is quiet when the gateway is REACHABLE or unknown', () => {
    expect(routeNextHopRule.run(pathContext('203.0.113.200'))).toEqual([]);
    expect(routeNextHopRule.run(pathContext('198.51.100.50'))).toEqual([]);
  });
});
