/** A panel whose feature has not landed yet: says what it will do and what to use now. */
import { Box, Text } from 'ink';
import { definePanel, type AnyPanel } from '../panel-module.js';

export function comingPanel(id: string, title: string, plan: string, command: string): AnyPanel {
  const Coming = () => (
    <Box flexDirection="column">
      <Text bold>{`${title}: coming`}</Text>
      <Text>{`This panel will ${plan}.`}</Text>
      <Text dimColor>{`Until then: ${command}. Press 1 for the Overview.`}</Text>
    </Box>
  );
  return definePanel<null, { readonly type: 'none' }>({
    id,
    title,
    summary: plan,
    keys: [],
    initial: null,
    reduce: (slice) => slice,
    Component: Coming,
  });
}
