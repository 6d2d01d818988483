/** The panel names with their number keys; the current one stands out. */
import { Box, Text } from 'ink';
import { PANEL_IDS, type PanelId } from '../state.js';
import { PANEL_TITLES } from '../keymap.js';
import { safeText } from '../../text/safe.js';
import { useTheme } from '../theme.js';

export function TabBar({
  current,
  columns,
}: {
  readonly current: PanelId;
  readonly columns: number;
}) {
  const theme = useTheme();
  return (
    <Box width={columns}>
      <Text wrap="truncate-end">
        {PANEL_IDS.map((id, i) => {
          const label = ` ${i + 1} ${safeText(PANEL_TITLES[id])} `;
          return id === current ? (
            <Text key={id} inverse bold {...(theme.color ? { color: 'cyan' } : {})}>
              {label}
            </Text>
          ) : (
            <Text key={id}>{label}</Text>
          );
        })}
        <Text dimColor> ? keys</Text>
      </Text>
    </Box>
  );
}
