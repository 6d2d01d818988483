/**
 * Borderless, aligned columns, as plain lines for reports and panels: the layout cli-table3
 * gives without borders (left-aligned cells, one space between columns, a cell longer than
 * its column's cap cut with an ellipsis), done here in one pass. cli-table3 lays out a table
 * in time quadratic in its rows: 5,000 interfaces took seconds, 20,000 half a minute.
 */
import { safeText } from '../text/safe.js';
import { columnsOf, padColumns } from '../text/width.js';

/** Width in terminal columns: a CJK character or an emoji takes two (cells have no controls). */
const width = columnsOf;

/** A cell cut (with an ellipsis) or padded to exactly `w` columns. */
const cell = padColumns;

/**
 * Lays out rows under a header. `maxWidths` caps a column (cut with an ellipsis); null leaves
 * it as wide as its widest cell.
 */
export function tableLines(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidths: readonly (number | null)[] = [],
): string[] {
  // Cells are made safe before they are measured: an escaped control widens its column
  // rather than moving the cursor, so columns stay aligned.
  const head = header.map(safeText);
  const body = rows.map((r) => head.map((_, i) => safeText(r[i] ?? '')));
  const widths = head.map((h, i) => {
    let w = width(h);
    for (const r of body) w = Math.max(w, width(r[i] ?? ''));
    const cap = maxWidths[i];
    // An empty column still takes one column, as it did with cli-table3.
    return Math.max(1, cap != null ? Math.min(w, cap) : w);
  });
  const render = (cells: readonly string[]) =>
    cells
      .map((c, i) => cell(c, widths[i] ?? 0))
      .join(' ')
      .trimEnd();
  return [render(head), ...body.map(render)];
}
