import { describe, expect, it } from 'vitest';
import { parseArpScanLine, parseArpScanPlain } from './arp-scan.js';
import { fixture } from '../../test/helpers/fixtures.js';

describe('parseArpScanPlain over arp-scan --plain --rtt from the capture lab', () => {
  const { records, warnings } = parseArpScanPlain(fixture('arp-scan/plain-rtt-localnet.txt'));

  it('reads every answer, the duplicate on two lines, with its RTT', () => {
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(9);
    expect(records[0]).toEqual({ ip: '203.0.113.10', mac: 'b8:27:eb:00:00:10', rttMs: 0.028 });
    expect(records.filter((r) => r.ip === '203.0.113.50').map((r) => r.mac)).toEqual([
      'b8:27:eb:00:00:50',
      '00:1b:21:00:00:50',
    ]);
    expect(records.every((r) => r.rttMs !== null && r.rttMs > 0)).toBe(true);
  });

  it('reads the off-link form (--arpspa) the same way', () => {
    const off = parseArpScanPlain(fixture('arp-scan/plain-rtt-arpspa.txt'));
    expect(off.warnings).toEqual([]);
    expect(off.records.map((r) => r.ip)).toEqual([
      '203.0.113.10',
      '203.0.113.11',
      '203.0.113.12',
      '203.0.113.13',
      '203.0.113.14',
      '203.0.113.15',
    ]);
  });

  it('warns on the header and footer of the default format instead of misreading them', () => {
    const def = parseArpScanPlain(fixture('arp-scan/default-localnet.txt'));
    expect(def.records).toEqual([]);
    expect(def.warnings.length).toBeGreaterThan(3);
    expect(def.warnings[0]?.message).toMatch(/^not an answer line: Interface: lan0/);
  });
});

describe('parseArpScanLine', () => {
  it.each([
    ['', null],
    [
      '203.0.113.9\tB8:27:EB:00:00:09\t',
      { ip: '203.0.113.9', mac: 'b8:27:eb:00:00:09', rttMs: null },
    ],
    ['203.0.113.9\tb8:27:eb:00:00:09\tfast', 'rtt is not a number: fast'],
    ['999.0.113.9\tb8:27:eb:00:00:09\t1', /^not an answer line/],
    ['203.0.113.9\tb8:27:eb:00:00:09\t1\textra', /^more fields/],
  ])('%j', (line, expected) => {
    const got = parseArpScanLine(line);
    if (expected instanceof RegExp) expect(got).toMatch(expected);
    else expect(got).toEqual(expected);
  });
});
