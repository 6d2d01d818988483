import { describe, expect, it } from 'vitest';
import { isLinkLocalV6, macFromEui64 } from './eui64.js';
import { parseIpNeigh } from '../parse/ip-neigh.js';
import { fixture } from '../../test/helpers/fixtures.js';

describe('macFromEui64', () => {
  it.each([
    ['fe80::ba27:ebff:fe00:10', 'b8:27:eb:00:00:10'],
    ['fe80::42:acff:fe11:15', '02:42:ac:11:00:15'],
    ['fe80::8e1f:64ff:fe34:a013%lan0', '8c:1f:64:34:a0:13'],
    ['fe80::1', null],
    ['not an address', null],
  ])('%s -> %s', (ip, mac) => {
    expect(macFromEui64(ip)).toBe(mac);
  });

  it('maps the lab hosts that answered the ff02::1 echo back to their MACs', () => {
    const { records } = parseIpNeigh(fixture('neigh/ip-j-6-neigh-after-ff02.json'));
    expect(records.length).toBeGreaterThan(5);
    const eui = records.filter((r) => macFromEui64(r.dst) !== null);
    // Every EUI-64 address names its own lladdr, except the bridge, whose MAC changed
    // after its link-local address was made: the table's lladdr stays the authority.
    const mismatched = eui.filter((r) => macFromEui64(r.dst) !== r.lladdr);
    expect(eui.length - mismatched.length).toBeGreaterThanOrEqual(9);
    expect(mismatched.length).toBeLessThanOrEqual(1);
    expect(records.every((r) => isLinkLocalV6(r.dst))).toBe(true);
  });
});
