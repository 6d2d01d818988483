import { describe, expect, it } from 'vitest';
import { parseIpNeigh } from './ip-neigh.js';
import { fixture } from '../../test/helpers/fixtures.js';

describe('parseIpNeigh over `ip -j neigh show` from the lab router', () => {
  const { records, warnings } = parseIpNeigh(fixture('lab-router/ip-j-neigh.json'));

  it.each([
    ['192.0.2.10', 'inet', '02:00:00:00:00:10', ['REACHABLE']],
    ['192.0.2.77', 'inet', 'b8:27:eb:12:34:56', ['PERMANENT']],
    ['192.0.2.99', 'inet', null, ['INCOMPLETE']],
    ['2001:db8:1::10', 'inet6', '02:00:00:00:00:10', ['REACHABLE']],
  ])('%s (%s) at %s is %j', (dst, family, lladdr, states) => {
    expect(records.find((r) => r.dst === dst)).toMatchObject({
      family,
      lladdr,
      states,
      dev: 'lan0',
    });
  });

  it('has no warnings', () => {
    expect(warnings).toEqual([]);
  });
});
