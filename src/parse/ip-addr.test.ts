import { describe, expect, it } from 'vitest';
import { parseIpAddr } from './ip-addr.js';
import { fixture } from '../../test/helpers/fixtures.js';

describe('parseIpAddr over `ip -j addr show` from the lab router', () => {
  const { records, warnings } = parseIpAddr(fixture('lab-router/ip-j-addr.json'));

  it('flattens every address of every interface', () => {
    expect(warnings).toEqual([]);
    expect(records.map((a) => `${a.ifname} ${a.local}/${a.prefixlen}`)).toEqual([
      'lo 127.0.0.1/8',
      'lo ::1/128',
      'lan0 192.0.2.1/24',
      'lan0 192.0.2.254/24',
      'lan0 2001:db8:1::1/64',
      expect.stringMatching(/^lan0 fe80::/),
      'lan1 198.51.100.1/24',
      expect.stringMatching(/^lan1 fe80::/),
      'tun0 10.8.0.1/32',
    ]);
  });

  it('keeps the alias label that looks like a VLAN name', () => {
    const alias = records.find((a) => a.local === '192.0.2.254');
    expect(alias).toMatchObject({ label: 'lan0:1234', family: 'inet', scope: 'global' });
  });

  it('reads the far end of a point-to-point address', () => {
    expect(records.find((a) => a.ifname === 'tun0')).toMatchObject({
      peer: '10.8.0.2',
      prefixlen: 32,
    });
  });

  it('reads IPv6 scope', () => {
    expect(records.find((a) => a.local.startsWith('fe80::'))?.scope).toBe('link');
  });
});
