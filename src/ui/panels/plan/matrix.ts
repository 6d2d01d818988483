/**
 * The reach matrix laid out for a terminal of any width: full names and words when they fit,
 * else numbered columns and short marks; when even those do not fit (or the rows do not),
 * a window of rows and columns that follows the selected cell. Pure.
 */
import type { MatrixData } from '../../../report/plan.js';
import type { Reach } from '../../../plan/simulate.js';
import { safeText } from '../../../text/safe.js';
import { padColumns } from '../../../text/width.js';

export interface MatrixRowText {
  readonly text: string;
  /** Where the selected cell is in `text` (to draw it inverse); null on other rows. */
  readonly cell: { readonly start: number; readonly end: number } | null;
}

export interface MatrixLayout {
  readonly header: string;
  readonly rows: readonly MatrixRowText[];
  /** What the marks mean, and which part is shown when the matrix is windowed. */
  readonly legend: string;
}

const WORDS: Readonly<Record<Reach, string>> = { both: 'reaches', 'one-way': 'one way', no: 'no' };
const MARKS: Readonly<Record<Reach, string>> = { both: '<->', 'one-way': '->', no: 'no' };
const WIDE_LEGEND = 'reaches: both ways  one way: no answer back  no: never arrives';
const NARROW_LEGEND = '<-> reaches  -> one way only  no: never arrives';
/** The label column never shrinks below this: a number and a few letters of the name. */
const MIN_LABEL = 8;
const MAX_LABEL = 20;

const cut = padColumns;

/** The first of `shown` consecutive items out of `total`, keeping `at` inside, centred. */
function windowStart(at: number, shown: number, total: number): number {
  return Math.max(0, Math.min(at - Math.floor(shown / 2), total - shown));
}

export function matrixLayout(
  m: MatrixData,
  selected: { readonly row: number; readonly col: number },
  columns: number,
  maxRows: number,
): MatrixLayout {
  const names = m.networks.map((n) => safeText(n));
  const n = names.length;
  const longest = Math.max(0, ...names.map((s) => [...s].length));
  const wideCell = Math.max(9, longest + 2);
  const wideLabel = Math.min(MAX_LABEL, Math.max(9, longest)) + 1;
  const wide = wideLabel + n * wideCell <= columns;
  const cellW = wide ? wideCell : 5;
  const numW = String(n).length;
  // Narrow: the label is `NN name`, as long as the columns leave room for, within bounds.
  const labelW = wide
    ? wideLabel
    : Math.max(MIN_LABEL, Math.min(numW + 2 + longest, MAX_LABEL, columns - n * cellW));
  const colsShown = Math.max(1, Math.min(n, Math.floor((columns - labelW) / cellW)));
  const rowsShown = Math.max(1, Math.min(n, maxRows));
  const firstCol = windowStart(selected.col, colsShown, n);
  const firstRow = windowStart(selected.row, rowsShown, n);
  const colIdx = Array.from({ length: colsShown }, (_, i) => firstCol + i);

  const label = (i: number): string =>
    cut(wide ? (names[i] ?? '') : `${String(i + 1).padStart(numW)} ${names[i] ?? ''}`, labelW - 1) +
    ' ';
  const header =
    cut(wide ? 'from\\to' : `${''.padStart(numW)} from\\to`, labelW - 1) +
    ' ' +
    colIdx.map((j) => ` ${cut(wide ? (names[j] ?? '') : String(j + 1), cellW - 2)} `).join('');

  const rows: MatrixRowText[] = [];
  for (let i = firstRow; i < firstRow + rowsShown; i++) {
    let text = label(i);
    let cell: MatrixRowText['cell'] = null;
    for (const j of colIdx) {
      const c = m.cells[i]?.[j] ?? null;
      const mark = i === j ? '-' : c === null ? '' : wide ? WORDS[c] : MARKS[c];
      const body = mark.padEnd(cellW - 2);
      if (i === selected.row && j === selected.col) {
        cell = { start: text.length, end: text.length + cellW };
        text += `[${body}]`;
      } else text += ` ${body} `;
    }
    rows.push({ text: text.trimEnd().padEnd(cell ? cell.end : 0), cell });
  }

  const windowed =
    rowsShown < n || colsShown < n
      ? `rows ${firstRow + 1}-${firstRow + rowsShown}, cols ${firstCol + 1}-${firstCol + colsShown} of ${n}:  `
      : '';
  return {
    header: header.trimEnd(),
    rows,
    legend: windowed + (wide ? WIDE_LEGEND : NARROW_LEGEND),
  };
}
