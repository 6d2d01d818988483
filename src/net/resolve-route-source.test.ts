import { describe, expect, it } from 'vitest';
import { resolveRoute } from './resolve-route.js';
import type { RouteQuery } from './route-decision.js';
import { buildHostState, type HostState } from '../state/host-state.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';
import {
  LOOSE_NO_ROUTE_BACK,
  LOOSE_ROUTE_BACK,
  POLICY_FIX,
  TWO_UPLINKS_STRICT,
  labHost,
} from '../../test/doctor/load.js';

// The lab router (test/fixtures/capture.sh): lan0 192.0.2.1 strict, lan1 198.51.100.1 loose,
// mv0 without an address; rules 1000 from 10.8.0.0/24 and 1001 fwmark 0x1 → table 100
// (default and 172.16.0.0/12 via lan1); main: default via lan0, a blackhole /26.
const router = buildHostState(routerSnapshot());

/** The host with conf/IF/NAME set: the same state, one sysctl changed. */
function withConf(host: HostState, ifname: string, name: string, value: number): HostState {
  const interfaces = { ...host.sysctls.interfaces };
  interfaces[ifname] = { ...interfaces[ifname], [name]: value };
  return { ...host, sysctls: { ...host.sysctls, interfaces } };
}

const check = (host: HostState, q: RouteQuery) => {
  const d = resolveRoute(host, q);
  return [d.error ?? null, d.sourceCheck?.outcome ?? null, d.sourceCheck?.back?.devs ?? null];
};

describe('the source check of a packet that arrives (rp_filter)', () => {
  it('strict: the way back must leave by the interface it came in on', () => {
    const q = { dst: '192.0.2.1', src: '8.8.8.8', iif: 'lan0' };
    expect(check(router, q)).toEqual([null, 'same-interface', ['lan0']]);
    const d = resolveRoute(router, { dst: '192.0.2.1', src: '198.51.100.7', iif: 'lan0' });
    expect([d.error, d.type, d.dev]).toEqual(['Invalid argument', 'local', 'lo']);
    expect(d.sourceCheck?.words).toBe(
      'rp_filter on lan0 drops it: the way back to 198.51.100.7 leaves by lan1 (strict, rp_filter = 1)',
    );
  });

  it('the way back goes through the policy rules: from the packet destination, a forward as if in on its way out', () => {
    // Rule 1000 (from 10.8.0.0/24) picks table 100 for the way back from a VPN address.
    expect(check(router, { dst: '10.8.0.1', src: '8.8.8.8', iif: 'lan0' })).toEqual([
      'Invalid argument',
      'other-interface',
      ['lan1'],
    ]);
    expect(check(router, { dst: '10.8.0.7', src: '8.8.8.8', iif: 'lan0' })).toEqual([
      'Invalid argument',
      'other-interface',
      ['lan1'],
    ]);
  });

  it('the mark counts on the way back only with src_valid_mark', () => {
    const q = { dst: '192.0.2.1', src: '172.16.5.5', iif: 'lan0', mark: 1 };
    expect(check(router, q)).toEqual([null, 'same-interface', ['lan0']]);
    const marked = withConf(router, 'lan0', 'src_valid_mark', 1);
    expect(check(marked, q)).toEqual(['Invalid argument', 'other-interface', ['lan1']]);
  });

  it('loose: any way back will do, a blackhole is none', () => {
    expect(check(router, { dst: '198.51.100.1', src: '8.8.8.8', iif: 'lan1' })).toEqual([
      null,
      'loose',
      ['lan0'],
    ]);
    const d = resolveRoute(router, { dst: '198.51.100.1', src: '203.0.113.5', iif: 'lan1' });
    expect(d.error).toBe('Invalid argument');
    expect(d.sourceCheck?.words).toBe(
      'rp_filter on lan1 drops it: no route back to 203.0.113.5 at all (blackhole 203.0.113.0/26; loose, rp_filter = 2)',
    );
  });

  it('the kernel acts on the larger of all and the interface', () => {
    const q = { dst: '192.0.2.1', src: '198.51.100.7', iif: 'lan0' };
    expect(check(withConf(router, 'all', 'rp_filter', 2), q)).toEqual([null, 'loose', ['lan1']]);
    const off = withConf(router, 'lan0', 'rp_filter', 0);
    expect(check(off, q)).toEqual([null, 'off', ['lan1']]);
    expect(check(withConf(off, 'all', 'rp_filter', 1), q)[1]).toBe('other-interface');
  });

  it('our own address as source: a martian unless accept_local', () => {
    const q = { dst: '198.51.100.1', src: '198.51.100.1', iif: 'lan1' };
    expect(check(router, q)).toEqual(['Invalid argument', 'own-address', ['lan1']]);
    const accept = withConf(router, 'lan1', 'accept_local', 1);
    expect(check(accept, q)).toEqual([null, 'same-interface', ['lan1']]);
    // rp_filter 0 and only the kernel's rules: no lookup, but our own address is refused.
    const h = labHost(TWO_UPLINKS_STRICT);
    const own = { dst: '198.51.100.5', src: '203.0.113.5', iif: 'eth0' };
    expect(check(h, own)).toEqual(['Invalid argument', 'own-address', null]);
    expect(check(h, { ...own, src: '1.0.0.1' })).toEqual([null, 'off', null]);
  });

  it('an interface without an address refuses, strict or loose, what does not come back by it', () => {
    const q = { dst: '198.51.100.7', src: '8.8.8.8', iif: 'mv0' };
    expect(check(router, q)).toEqual([null, 'off', ['lan0']]);
    expect(check(withConf(router, 'mv0', 'rp_filter', 2), q)).toEqual([
      'Invalid argument',
      'no-address',
      ['lan0'],
    ]);
  });

  it('rp_filter 0 with rules of its own: a broadcast address as source is a martian', () => {
    expect(check(router, { dst: '10.8.0.2', src: '192.0.2.255', iif: 'tun0' })).toEqual([
      'Invalid argument',
      'martian-source',
      ['lan0'],
    ]);
  });

  it('a broadcast is checked as for no destination, and delivered through lo', () => {
    const d = resolveRoute(router, { dst: '192.0.2.255', src: '8.8.8.8', iif: 'lan0' });
    expect([d.type, d.dev, d.error, d.sourceCheck?.outcome]).toEqual([
      'broadcast',
      'lo',
      null,
      'same-interface',
    ]);
  });

  it('martian sources need no lookup', () => {
    const d = resolveRoute(router, { dst: '192.0.2.1', src: '255.255.255.255', iif: 'lan0' });
    expect([d.error, d.sourceCheck]).toEqual(['Invalid argument', undefined]);
  });

  it('forwarding off: "No route to host" before any check', () => {
    const h = labHost(TWO_UPLINKS_STRICT);
    const d = resolveRoute(h, { dst: '8.8.8.8', src: '198.18.0.7', iif: 'eth1' });
    expect([d.error, d.sourceCheck]).toEqual(['No route to host', undefined]);
  });

  it('the symmetric-routing fix: the way back from the eth1 address leaves by eth1', () => {
    const q = { dst: '203.0.113.5', src: '198.18.0.7', iif: 'eth1' };
    expect(check(labHost(TWO_UPLINKS_STRICT), q)).toEqual([
      'Invalid argument',
      'other-interface',
      ['eth0'],
    ]);
    const fixed = resolveRoute(labHost(POLICY_FIX), q);
    expect([fixed.error, fixed.sourceCheck?.outcome, fixed.sourceCheck?.back?.table]).toEqual([
      null,
      'same-interface',
      '100',
    ]);
  });

  it('loose on a router: a network it has no route to, then a route back', () => {
    const q = { dst: '203.0.113.5', src: '10.99.0.7', iif: 'eth2' };
    expect(check(labHost(LOOSE_NO_ROUTE_BACK), q)).toEqual([
      'Invalid argument',
      'no-route-back',
      [],
    ]);
    expect(check(labHost(LOOSE_ROUTE_BACK), q)).toEqual([null, 'same-interface', ['eth2']]);
  });
});
