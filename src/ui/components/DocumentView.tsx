/** A scrolled window over a report's lines, cut to the terminal's width. */
import { Box, Text } from 'ink';
import type { Line } from '../../report/document.js';
import { safeText } from '../../text/safe.js';
import { toneProps, useTheme } from '../theme.js';

export interface DocumentViewProps {
  readonly lines: readonly Line[];
  /** The wanted first line; clamped so the last page stays full. */
  readonly scroll: number;
  readonly rows: number;
  readonly columns: number;
}

export function clampScroll(scroll: number, total: number, rows: number): number {
  return Math.max(0, Math.min(scroll, total - rows));
}

export function DocumentView({ lines, scroll, rows, columns }: DocumentViewProps) {
  const theme = useTheme();
  // When it does not fit, the last row tells where we are and how to move.
  const scrolls = lines.length > rows;
  const bodyRows = scrolls ? rows - 1 : rows;
  const first = clampScroll(scroll, lines.length, bodyRows);
  const visible = lines.slice(first, first + bodyRows);
  return (
    <Box flexDirection="column" height={rows} width={columns}>
      {visible.map((l, i) => (
        <Text key={first + i} wrap="truncate-end" {...toneProps(l.tone, theme)}>
          {safeText(l.text) || ' '}
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
