/** The keys, drawn from the keymap table itself. */
import { Box, Text } from 'ink';
import { KEYMAP } from '../keymap.js';
import type { PanelId } from '../state.js';

export function HelpOverlay({ panel, rows }: { readonly panel: PanelId; readonly rows: number }) {
  const bindings = KEYMAP.filter((b) => b.panel === undefined || b.panel === panel);
  const numbers = bindings.filter((b) => /^\d$/.test(b.keys[0] ?? ''));
  const others = bindings.filter((b) => !numbers.includes(b));
  return (
    <Box flexDirection="column" height={rows}>
      <Text bold>Keys</Text>
      {others.map((b) => (
        <Text key={b.keys.join()}>{`  ${b.keys.join(', ').padEnd(16)} ${b.help}`}</Text>
      ))}
      <Text>{`  ${numbers.map((b) => `${b.keys[0]} ${b.help}`).join('  ')}`}</Text>
      <Text dimColor>Press ? or Esc to close.</Text>
    </Box>
  );
}
