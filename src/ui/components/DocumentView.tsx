/** A scrolled window over a report's lines, cut to the terminal's width. */
import { createContext, useContext, useEffect } from 'react';
import { Box, Text } from 'ink';
import type { Line } from '../../report/document.js';
import { safeText } from '../../text/safe.js';
import { toneProps, useTheme } from '../theme.js';
import { cutColumns } from '../../text/width.js';

export interface DocumentViewProps {
  readonly lines: readonly Line[];
  /** The wanted first line; clamped so the last page stays full. */
  readonly scroll: number;
  readonly rows: number;
  readonly columns: number;
  /**
   * Whether a wanted line past the end is brought back to the end in the store (default
   * true). Off for a panel that keeps its own offsets into the scroll (VLAN swaps its report
   * and a make-plan in one scroll).
   */
  readonly clampStore?: boolean;
}

export function clampScroll(scroll: number, total: number, rows: number): number {
  return Math.max(0, Math.min(scroll, total - rows));
}

/**
 * Told the last first line a document can show, when the wanted one lies past it: `G` asks
 * for "the bottom" without knowing the length, and the next `k` must move up from the real
 * bottom, not from far below it. The App provides it; it reaches the scroll in the store.
 */
export const ScrollClampContext = createContext<(max: number) => void>(() => {});

export function DocumentView({
  lines,
  scroll,
  rows,
  columns,
  clampStore = true,
}: DocumentViewProps) {
  const theme = useTheme();
  const clampTo = useContext(ScrollClampContext);
  // When it does not fit, the last row tells where we are and how to move.
  const scrolls = lines.length > rows;
  const bodyRows = scrolls ? rows - 1 : rows;
  const first = clampScroll(scroll, lines.length, bodyRows);
  const max = Math.max(0, lines.length - bodyRows);
  useEffect(() => {
    if (clampStore && scroll > max) clampTo(max);
  }, [scroll, max, clampStore, clampTo]);
  const visible = lines.slice(first, first + bodyRows);
  return (
    <Box flexDirection="column" height={rows} width={columns}>
      {visible.map((l, i) => (
        <Text key={first + i} wrap="truncate-end" {...toneProps(l.tone, theme)}>
          {cutColumns(safeText(l.text), columns) || ' '}
        </Text>
      ))}
      {scrolls ? (
        <Text dimColor>
          {`-- lines ${first + 1}-${first + visible.length} of ${lines.length}  j/k PgUp/PgDn g/G --`}
        </Text>
      ) : null}
    </Box>
  );
}
