import { describe, expect, it } from 'vitest';
import { parseInterval, watchEventJson, watchEventText } from './scan-watch.js';

describe('scan --watch', () => {
  it('takes --interval in seconds, fractions too, and refuses the rest', () => {
    expect(parseInterval(undefined)).toBe(30_000);
    expect(parseInterval('1')).toBe(1000);
    expect(parseInterval('2.5s')).toBe(2500);
    for (const bad of ['0', '0.1', '-1', 'abc', '1m', '100000']) {
      expect(() => parseInterval(bad)).toThrow(/--interval takes seconds/);
    }
  });

  it('prints each event as one JSON object with ISO times and vendors', () => {
    const at = Date.parse('2026-11-28T20:00:00Z');
    expect(
      watchEventJson(
        {
          event: 'moved',
          at,
          iface: 'lan0',
          ip: '198.18.4.254',
          from: 'b8:27:eb:00:00:01',
          to: '02:00:00:00:00:02',
          gateway: true,
          via: 'arping',
        },
        [],
      ),
    ).toEqual({
      event: 'moved',
      at: '2026-11-28T20:00:00.000Z',
      iface: 'lan0',
      ip: '198.18.4.254',
      from: 'b8:27:eb:00:00:01',
      fromVendor: 'Raspberry Pi Foundation',
      to: '02:00:00:00:00:02',
      toVendor: null,
      gateway: true,
      findings: [],
    });
    expect(
      watchEventText({
        event: 'gone',
        at,
        iface: 'lan0',
        ip: '198.18.4.9',
        mac: '02:00:00:00:00:09',
        lastSeen: at - 61_000,
      }),
    ).toBe(
      '20:00:00  gone      198.18.4.9 on lan0: 02:00:00:00:00:09, missed two sweeps, last seen 19:58:59',
    );
  });
});
