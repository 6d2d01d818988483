import { describe, expect, it } from 'vitest';
import { parseIpRule } from './ip-rule.js';
import { fixture } from '../../test/helpers/fixtures.js';

describe('parseIpRule over `ip -j rule show` from the lab router', () => {
  const { records, warnings } = parseIpRule(fixture('lab-router/ip-j-rule.json'), 'inet');

  it('reads every rule in priority order', () => {
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.priority, r.from, r.table, r.fwmark])).toEqual([
      [0, 'all', 'local', null],
      [1000, '10.8.0.0/24', '100', null],
      [1001, 'all', '100', '0x1'],
      [32766, 'all', 'main', null],
      [32767, 'all', 'default', null],
    ]);
  });

  it('reads IPv6 rules', () => {
    const v6 = parseIpRule(fixture('lab-router/ip-j-6-rule.json'), 'inet6');
    expect(v6.records.map((r) => r.table)).toEqual(['local', 'main']);
  });
});
