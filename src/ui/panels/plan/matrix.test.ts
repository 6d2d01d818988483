import { describe, expect, it } from 'vitest';
import type { MatrixData } from '../../../report/plan.js';
import type { Reach } from '../../../plan/simulate.js';
import { matrixLayout } from './matrix.js';

function matrix(names: readonly string[]): MatrixData {
  const marks: Reach[] = ['both', 'one-way', 'no'];
  return {
    networks: names,
    cells: names.map((_, i) =>
      names.map((__, j) => (i === j ? null : (marks[(i + j) % 3] ?? 'no'))),
    ),
  };
}

const width = (s: string) => [...s].length;

describe('matrixLayout', () => {
  it('writes names and words when they fit, the selected cell in brackets', () => {
    const m = matrixLayout(matrix(['private', 'vpc1-web', 'vpc2-web']), { row: 1, col: 2 }, 80, 10);
    expect(m.header).toMatch(/^from\\to +private +vpc1-web +vpc2-web$/);
    expect(m.rows[1]?.text).toContain('[reaches ]');
    const cell = m.rows[1]?.cell;
    expect(cell && m.rows[1]?.text.slice(cell.start, cell.end)).toBe('[reaches ]');
    expect(m.legend).toMatch(/^reaches: both ways/);
  });

  it('fits 12 networks with long names in 80 columns: numbered columns, short marks', () => {
    const names = Array.from({ length: 12 }, (_, i) => `datacenter-${i + 1}-servers`);
    const m = matrixLayout(matrix(names), { row: 11, col: 10 }, 80, 9);
    for (const t of [m.header, ...m.rows.map((r) => r.text), m.legend]) {
      expect(width(t)).toBeLessThanOrEqual(80);
    }
    expect(m.header).toMatch(/ 1 +2 +3 .* 12$/);
    // 9 rows shown, the selected one (12) among them, and the legend says which.
    expect(m.rows).toHaveLength(9);
    expect(m.rows.at(-1)?.text).toMatch(/^12 datacenter-12-s… /);
    expect(m.legend).toMatch(/^rows 4-12, cols 1-12 of 12: {2}<-> reaches/);
  });

  it('scrolls the columns when even numbers do not fit', () => {
    const names = Array.from({ length: 30 }, (_, i) => `n${i + 1}`);
    const m = matrixLayout(matrix(names), { row: 0, col: 29 }, 80, 9);
    for (const t of [m.header, ...m.rows.map((r) => r.text)]) {
      expect(width(t)).toBeLessThanOrEqual(80);
    }
    expect(m.header).toMatch(/ 30$/);
    expect(m.rows[0]?.text).toMatch(/\[.{3}\]$/);
    expect(m.legend).toMatch(/^rows 1-9, cols \d+-30 of 30/);
  });
});
