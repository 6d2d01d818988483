/** Borderless, aligned columns (cli-table3), as plain lines for reports and panels. */
import Table from 'cli-table3';
import { safeText } from '../text/safe.js';

const NO_BORDER = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: ' ',
};

/**
 * Lays out rows under a header. `maxWidths` caps a column (cli-table3 cuts with an
 * ellipsis); null leaves it as wide as its widest cell.
 */
export function tableLines(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidths: readonly (number | null)[] = [],
): string[] {
  // Cells are made safe before they are measured: an escaped control widens its column
  // rather than moving the cursor, so columns stay aligned.
  header = header.map(safeText);
  rows = rows.map((r) => r.map(safeText));
  const natural = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const widths = natural.map((w, i) => {
    const cap = maxWidths[i];
    return cap != null ? Math.min(w, cap) : w;
  });
  const table = new Table({
    head: [...header],
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colWidths: widths,
    wordWrap: false,
  });
  table.push(...rows.map((r) => header.map((_, i) => r[i] ?? '')));
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd());
}
