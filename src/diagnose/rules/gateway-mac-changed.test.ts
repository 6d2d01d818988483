import { describe, expect, it } from 'vitest';
import { buildHostState } from '../../state/host-state.js';
import { routerSnapshot } from '../../../test/helpers/fixtures.js';
import type { MacChangeSighting } from '../rule.js';
import { gatewayMacChangedRule } from './gateway-mac-changed.js';

const host = buildHostState(routerSnapshot());
const change = (over: Partial<MacChangeSighting>): MacChangeSighting => ({
  ip: '192.0.2.254',
  iface: 'lan0',
  from: 'b8:27:eb:00:00:fe',
  to: '00:1b:21:00:00:66',
  at: '2026-11-28T20:50:00.000Z',
  gateway: false,
  source: 'arping -c 2 -w 1 -I lan0 192.0.2.254',
  lines: ['Unicast reply from 192.0.2.254 [00:1B:21:00:00:66]  0.551ms'],
  ...over,
});

describe('gateway-mac-changed', () => {
  it("raises an error for the host's default gateway, naming both MACs with vendors", () => {
    const [f, ...rest] = gatewayMacChangedRule.run({
      host,
      probes: { macChanges: [change({})] },
    });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: 'gateway-mac-changed',
      severity: 'error',
      subject: '192.0.2.254',
    });
    expect(f?.title).toBe(
      'the gateway 192.0.2.254 on lan0 now answers from 00:1b:21:00:00:66 (was b8:27:eb:00:00:fe)',
    );
    expect(f?.why).toMatch(/Raspberry Pi/);
    expect(f?.why).toMatch(/Intel/);
    expect(f?.fix.join('\n')).toMatch(/netdoctor garp 192\.0\.2\.254/);
    expect(f?.evidence[0]?.source).toBe('arping -c 2 -w 1 -I lan0 192.0.2.254');
  });

  it("goes by the host state over the watcher's mark, and by the mark without a host", () => {
    const other = change({ ip: '192.0.2.20', gateway: true });
    expect(gatewayMacChangedRule.run({ host, probes: { macChanges: [other] } })).toEqual([]);
    expect(gatewayMacChangedRule.run({ host: null, probes: { macChanges: [other] } })).toHaveLength(
      1,
    );
    expect(gatewayMacChangedRule.run({ host: null, probes: {} })).toEqual([]);
  });
});
