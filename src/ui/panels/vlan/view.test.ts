import { describe, expect, it } from 'vitest';
import { line } from '../../../report/document.js';
import { vlanHost } from '../../../../test/fixtures/vlan/snapshots.js';
import { fitLines, reportLines } from './view.js';

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

describe('reportLines', () => {
  it.each([40, 60, 80, 120])('fits the broken router into %i columns', (width) => {
    const lines = reportLines(vlanHost('broken'), [], width);
    expect(Math.max(...lines.map((l) => [...l.text].length))).toBeLessThanOrEqual(width);
    expect(lines[0]?.text).toMatch(/^Problems \(5\)/);
  });
});
