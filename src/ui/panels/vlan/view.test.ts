import { describe, expect, it } from 'vitest';
import { vlanHost } from '../../../../test/fixtures/vlan/snapshots.js';
import { reportLines } from './view.js';

describe('reportLines', () => {
  it.each([40, 60, 80, 120])('fits the broken router into %i columns', (width) => {
    const lines = reportLines(vlanHost('broken'), [], width);
    expect(Math.max(...lines.map((l) => [...l.text].length))).toBeLessThanOrEqual(width);
    expect(lines[0]?.text).toMatch(/^Problems \(5\)/);
  });
});
