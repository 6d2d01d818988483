import { describe, expect, it } from 'vitest';
import { hostAddresses, hostCount, parsePrefix4, prefixContains, prefixWithin } from './prefix.js';

describe('parsePrefix4', () => {
  it('normalises host bits away and keeps the length', () => {
    expect(parsePrefix4('198.18.3.7/20')).toMatchObject({
      network: '198.18.0.0',
      length: 20,
      cidr: '198.18.0.0/20',
    });
    expect(parsePrefix4('203.0.113.9')?.cidr).toBe('203.0.113.9/32');
  });
  it.each(['10.0.0/8', '300.1.1.1/24', '1.2.3.4/33', '1.2.3.4/-1', 'fe80::/64', '1.2.3.4/ 8'])(
    'refuses %s',
    (text) => {
      expect(parsePrefix4(text)).toBeNull();
    },
  );
});

describe('the addresses a sweep probes', () => {
  it('leaves out network and broadcast, except on /31 and /32', () => {
    const p = parsePrefix4('203.0.113.0/29')!;
    expect([...hostAddresses(p)]).toEqual([
      '203.0.113.1',
      '203.0.113.2',
      '203.0.113.3',
      '203.0.113.4',
      '203.0.113.5',
      '203.0.113.6',
    ]);
    expect(hostCount(p)).toBe(6);
    expect([...hostAddresses(parsePrefix4('203.0.113.4/31')!)]).toEqual([
      '203.0.113.4',
      '203.0.113.5',
    ]);
    expect(hostCount(parsePrefix4('198.18.0.0/16')!)).toBe(65534);
  });
  it('knows what lies inside', () => {
    const p = parsePrefix4('198.18.0.0/20')!;
    expect(prefixContains(p, '198.18.15.255')).toBe(true);
    expect(prefixContains(p, '198.18.16.0')).toBe(false);
    expect(prefixWithin(parsePrefix4('198.18.4.0/24')!, p)).toBe(true);
    expect(prefixWithin(parsePrefix4('198.16.0.0/14')!, p)).toBe(false);
  });
});
