/** The panel names with their number keys; the current one stands out, a running job shows. */
import { Box, Text } from 'ink';
import type { PanelTab } from '../panel-module.js';
import { safeText } from '../../text/safe.js';
import { useTheme } from '../theme.js';

export function TabBar({
  panels,
  current,
  busy,
  columns,
}: {
  readonly panels: readonly PanelTab[];
  readonly current: string;
  /** Panels whose job is running: marked with `*` so the person sees it goes on. */
  readonly busy: ReadonlySet<string>;
  readonly columns: number;
}) {
  const theme = useTheme();
  const wide = panels.map((p, i) => ` ${i + 1} ${safeText(p.title)}${busy.has(p.id) ? '*' : ''} `);
  // Too many tabs for the width: one space between them instead of two, every tab whole.
  const labels =
    wide.join('').length > columns ? wide.map((l, i) => (i === 0 ? l : l.slice(1))) : wide;
  // The hint goes first when the tabs (with a job's `*`) need its room: every tab stays whole.
  const hint = labels.join('').length + ' ? keys'.length <= columns ? ' ? keys' : '';
  return (
    <Box width={columns}>
      <Text wrap="truncate-end">
        {panels.map((p, i) => {
          const label = labels[i];
          return p.id === current ? (
            <Text key={p.id} inverse bold {...(theme.color ? { color: 'cyan' } : {})}>
              {label}
            </Text>
          ) : (
            <Text key={p.id} {...(busy.has(p.id) && theme.color ? { color: 'yellow' } : {})}>
              {label}
            </Text>
          );
        })}
        {hint ? <Text dimColor>{hint}</Text> : null}
      </Text>
    </Box>
  );
}
