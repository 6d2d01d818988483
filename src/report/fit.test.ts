import { describe, expect, it } from 'vitest';
import { line } from './document.js';
import { fitLines, promptLine, tailOf } from './fit.js';

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

  it('leaves short lines alone', () => {
    const l = line('short');
    expect(fitLines([l], 80)[0]).toBe(l);
  });
});

describe('promptLine', () => {
  it('keeps the end of a long question in sight, with the cursor and the keys', () => {
    expect(promptLine('to> ', '192.0.2.1', '  Enter', 80)).toBe('to> 192.0.2.1▏  Enter');
    const long = promptLine('to> ', 'x'.repeat(200), '  Enter', 40);
    expect([...long].length).toBeLessThanOrEqual(40);
    expect(long).toContain('…xxx');
    expect(tailOf('abcdef', 4)).toBe('…def');
  });
});
