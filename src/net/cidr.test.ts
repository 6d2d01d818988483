import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, ipValue, longestMatches, parseCidr } from './cidr.js';

describe('parseCidr', () => {
  it('reads IPv4, IPv6, bare addresses and default', () => {
    expect(parseCidr('10.1.2.3/8')?.text).toBe('10.0.0.0/8');
    expect(parseCidr('192.0.2.7')?.length).toBe(32);
    expect(parseCidr('2001:db8:0:0::1/32')?.text).toBe('2001:db8::/32');
    expect(parseCidr('default', 'inet6')?.text).toBe('::/0');
    expect(parseCidr('default')?.text).toBe('0.0.0.0/0');
  });

  it('refuses what is not a prefix', () => {
    for (const bad of [
      '10.0.0.0/33',
      '300.1.1.1/8',
      '10.0.0/8',
      'eth0',
      '10.0.0.0/8/1',
      '::/129',
      '10.0.0.0/-1',
    ]) {
      expect(parseCidr(bad), bad).toBeNull();
    }
  });
});

describe('matching', () => {
  it('knows containment by family', () => {
    const p = parseCidr('198.51.100.0/24');
    expect(p && cidrContains(p, '198.51.100.255')).toBe(true);
    expect(p && cidrContains(p, '198.51.101.0')).toBe(false);
    expect(p && cidrContains(p, '::1')).toBe(false);
    expect(ipValue('nonsense')).toBeNull();
  });

  it('sees overlaps', () => {
    const a = parseCidr('10.0.0.0/16');
    const b = parseCidr('10.0.5.0/24');
    const c = parseCidr('10.1.0.0/16');
    expect(a && b && cidrsOverlap(a, b)).toBe(true);
    expect(a && c && cidrsOverlap(a, c)).toBe(false);
  });

  it('picks every longest match, in order', () => {
    const routes = ['default', '10.0.0.0/8', '10.1.0.0/16', '10.1.0.0/16', 'fe80::/64'];
    const found = longestMatches(
      routes.map((r, i) => ({ r, i })),
      (x) => parseCidr(x.r),
      '10.1.2.3',
    );
    expect(found.map((x) => x.i)).toEqual([2, 3]);
    expect(longestMatches(routes, (r) => parseCidr(r), '192.0.2.1')).toEqual(['default']);
  });
});
