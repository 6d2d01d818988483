import { describe, expect, it } from 'vitest';
import { resolveRoute } from './resolve-route.js';
import { defaultGatewayHops, defaultGateways } from './default-gateways.js';
import { buildHostState } from '../state/host-state.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';

// The lab router (test/fixtures/capture.sh): rules 1000 from 10.8.0.0/24 and 1001 fwmark
// 0x1 → table 100; main has a default via lan0, blackhole/unreachable/prohibit /26s.
const host = buildHostState(routerSnapshot());
const ask = (dst: string, extra: { src?: string; mark?: number; iif?: string } = {}) => {
  const d = resolveRoute(host, { dst, ...extra });
  return [
    d.type,
    d.table,
    d.rule?.priority ?? null,
    d.route?.dst ?? null,
    d.dev,
    d.gateway,
    d.prefsrc,
    d.error ?? null,
  ];
};

describe('resolveRoute over the lab router snapshot', () => {
  it.each([
    [
      '8.8.8.8',
      {},
      ['unicast', 'main', 32766, 'default', 'lan0', '192.0.2.254', '192.0.2.1', null],
    ],
    ['192.0.2.7', {}, ['unicast', 'main', 32766, '192.0.2.0/24', 'lan0', null, '192.0.2.1', null]],
    ['192.0.2.254', {}, ['local', 'local', 0, '192.0.2.254', 'lo', null, '192.0.2.1', null]],
    ['192.0.2.255', {}, ['broadcast', 'local', 0, '192.0.2.255', 'lan0', null, '192.0.2.1', null]],
    [
      '8.8.8.8',
      { mark: 1 },
      ['unicast', '100', 1001, 'default', 'lan1', '198.51.100.254', '198.51.100.1', null],
    ],
    [
      '172.16.1.1',
      { mark: 1 },
      ['unicast', '100', 1001, '172.16.0.0/12', 'lan1', '198.51.100.254', '198.51.100.1', null],
    ],
    [
      '203.0.113.1',
      {},
      ['blackhole', 'main', 32766, '203.0.113.0/26', null, null, null, 'Invalid argument'],
    ],
    [
      '203.0.113.65',
      {},
      ['unreachable', 'main', 32766, '203.0.113.64/26', null, null, null, 'No route to host'],
    ],
    [
      '203.0.113.129',
      {},
      ['prohibit', 'main', 32766, '203.0.113.128/26', null, null, null, 'Permission denied'],
    ],
    [
      '8.8.8.8',
      { src: '10.9.9.9' },
      ['none', null, null, null, null, null, null, 'Network is unreachable'],
    ],
    [
      '2001:db8:2::1',
      {},
      ['unicast', 'main', 32766, 'default', 'lan0', '2001:db8:1::fe', '2001:db8:1::1', null],
    ],
  ] as const)('%s %o', (dst, extra, want) => {
    expect(ask(dst, extra)).toEqual(want);
  });

  it('says which rules it passed over and why', () => {
    const d = resolveRoute(host, { dst: '8.8.8.8' });
    expect(d.steps.map((s) => [s.rule.priority, s.outcome])).toEqual([
      [0, 'no-match'],
      [1000, 'selector-mismatch'],
      [1001, 'selector-mismatch'],
      [32766, 'matched'],
    ]);
  });

  it('refuses what is not an address', () => {
    expect(() => resolveRoute(host, { dst: 'example' })).toThrow(RangeError);
  });
});

describe('defaultGatewayHops and defaultGateways', () => {
  it('lists the main table defaults, lowest metric first', () => {
    expect(defaultGatewayHops(host, 'inet').map((g) => [g.gateway, g.dev])).toEqual([
      ['192.0.2.254', 'lan0'],
    ]);
    expect(defaultGateways(host, 'inet6')).toEqual(['2001:db8:1::fe']);
    expect(defaultGateways(host, 'inet', 'lan1')).toEqual([]);
  });
});
