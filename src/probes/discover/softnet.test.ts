import { describe, expect, it } from 'vitest';
import { softnetDrops } from './softnet.js';
import { fixture } from '../../../test/helpers/fixtures.js';

describe('softnetDrops over /proc/net/softnet_stat of this (2-CPU) lab machine', () => {
  it('sums the dropped column over every CPU', () => {
    const text = fixture('neigh/softnet_stat.txt');
    const expected = text
      .trim()
      .split('\n')
      .reduce((sum, line) => sum + parseInt(line.trim().split(/\s+/)[1] ?? 'x', 16), 0);
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(expected).toBeGreaterThan(0);
    expect(softnetDrops(text)).toBe(expected);
  });

  it.each([
    [null, null],
    ['', null],
    ['not a table\n', null],
    ['00000001 0000000a\n00000002 00000005\n', 15],
  ])('%j -> %j', (text, drops) => {
    expect(softnetDrops(text)).toBe(drops);
  });
});
