import { describe, expect, it } from 'vitest';
import { line } from './document.js';
import { fitLines } from './fit.js';
import { columnsOf } from '../text/width.js';

describe('fitLines', () => {
  it('breaks at spaces under the line’s indent, and keeps every word', () => {
    const text = '      A device here must tag every frame (untagged frames are dropped: no PVID)';
    const out = fitLines([line(text, 'dim')], 40);
    for (const l of out) {
      expect([...l.text].length).toBeLessThanOrEqual(40);
      expect(l.tone).toBe('dim');
    }
    expect(out.slice(1).every((l) => l.text.startsWith('          '))).toBe(true);
    expect(out.map((l) => l.text.trim()).join(' ')).toBe(text.trim());
  });

  it('cuts a word longer than the line rather than overflow', () => {
    const out = fitLines([line('x'.repeat(50))], 20);
    expect(out.every((l) => [...l.text].length <= 20)).toBe(true);
    expect(out.map((l) => l.text.trim()).join('')).toBe('x'.repeat(50));
  });

  it('measures in terminal columns: a line of CJK and emoji breaks inside the width', () => {
    const text = `Host ${'東京オフィス'.repeat(4)} 😀😀😀 ${'路由器'.repeat(6)} end`;
    const out = fitLines([line(text)], 40);
    expect(out.length).toBeGreaterThan(2);
    for (const l of out) expect(columnsOf(l.text)).toBeLessThanOrEqual(40);
    expect(out.map((l) => l.text.replace(/ /g, '')).join('')).toBe(text.replace(/ /g, ''));
  });

  it('leaves short lines alone', () => {
    const l = line('short');
    expect(fitLines([l], 80)[0]).toBe(l);
  });
});
