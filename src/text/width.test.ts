import { describe, expect, it } from 'vitest';
import { columnsOf, cutColumns, graphemes, headColumns, padColumns, tailColumns } from './width.js';

describe('terminal columns', () => {
  it('counts a CJK character and an emoji as two columns, a combining mark as none', () => {
    expect(columnsOf('abc')).toBe(3);
    expect(columnsOf('東京')).toBe(4);
    expect(columnsOf('😀')).toBe(2);
    expect(columnsOf('e\u0301')).toBe(1);
    expect(columnsOf('👨‍👩‍👧')).toBe(2);
  });

  it('cuts between graphemes, never through a wide character, with an ellipsis', () => {
    expect(cutColumns('東京オフィス', 7)).toBe('東京オ…');
    expect(columnsOf(cutColumns('東京オフィス', 6))).toBeLessThanOrEqual(6);
    expect(cutColumns('東京オフィス', 6)).toBe('東京…');
    expect(cutColumns('plain', 10)).toBe('plain');
    expect(cutColumns('👨‍👩‍👧👨‍👩‍👧', 3)).toBe('👨‍👩‍👧…');
    expect(headColumns('a東b', 2)).toBe('a');
    expect(graphemes('🇯🇵é')).toEqual(['🇯🇵', 'é']);
  });

  it('pads to exactly the width in columns', () => {
    expect(padColumns('東京', 6)).toBe('東京  ');
    expect(columnsOf(padColumns('東京オフィス本社', 5))).toBe(5);
  });

  it('keeps the end of a long text in sight', () => {
    expect(tailColumns('203.0.113.7 from 東京', 8)).toBe('…om 東京');
    expect(columnsOf(tailColumns('203.0.113.7 from 東京', 8))).toBeLessThanOrEqual(8);
    expect(tailColumns('203.0.113.7 from 東京', 8).endsWith('東京')).toBe(true);
    expect(tailColumns('short', 8)).toBe('short');
  });
});
