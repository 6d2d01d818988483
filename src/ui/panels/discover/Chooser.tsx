/**
 * The small overlay of Discover's `i` and `b`: where to sweep and with which backend, chosen
 * with ink-select-input (the design card's chooser). Interfaces are toggled one at a time
 * (Enter on an interface adds or removes it; "every interface that is up" clears the
 * choice; "done" closes); a backend is chosen with Enter, and one that cannot run here says
 * why beside it and stays unchosen. Esc closes. The choice stays in the panel's slice until
 * netdoctor quits.
 */
import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { BACKENDS, type BackendName } from '../../../probes/discover/types.js';
import { safeText } from '../../../text/safe.js';
import type { Chooser, DiscoverAction, DiscoverView } from './state.js';

const BACKEND_WORDS: Readonly<Record<BackendName, string>> = {
  kernel: 'kernel: the kernel ARPs for each address (no privilege)',
  'arp-scan': 'arp-scan: raw ARP, sees duplicates itself',
  passive: 'passive: the neighbour table only, sends nothing',
};

const ALL = ' all';
const DONE = ' done';

export function backendItems(problems: Partial<Record<BackendName, string>>, current: BackendName) {
  return BACKENDS.map((b) => ({
    key: b,
    value: b as string,
    label: safeText(
      `${b === current ? '*' : ' '} ${BACKEND_WORDS[b]}${problems[b] ? ` (not here: ${problems[b]})` : ''}`,
    ),
  }));
}

export function ifaceItems(choices: readonly string[], chosen: readonly string[]) {
  return [
    {
      key: ALL,
      value: ALL,
      label: `${chosen.length === 0 ? '[x]' : '[ ]'} every interface that is up`,
    },
    ...choices.map((i) => ({
      key: i,
      value: i,
      label: safeText(`${chosen.includes(i) ? '[x]' : '[ ]'} ${i}`),
    })),
    { key: DONE, value: DONE, label: 'done' },
  ];
}

export function ChooserOverlay({
  chooser,
  view,
  ifaces,
  dispatch,
}: {
  chooser: Chooser;
  view: DiscoverView;
  ifaces: readonly string[];
  dispatch: (a: DiscoverAction) => void;
}) {
  useInput((_input, key) => {
    if (key.escape) dispatch({ type: 'chooser-close' });
  });
  if (chooser.kind === 'backend') {
    const problems = chooser.problems;
    return (
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Text bold>Sweep with which backend? (Enter chooses, Esc closes)</Text>
        <SelectInput
          items={backendItems(problems, view.backend)}
          initialIndex={Math.max(0, BACKENDS.indexOf(view.backend))}
          onSelect={(item) => {
            const b = item.value as BackendName;
            const why = problems[b];
            if (why) dispatch({ type: 'message', message: `${b} cannot run here: ${why}` });
            else dispatch({ type: 'backend-set', backend: b });
          }}
        />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Sweep from which interfaces? (Enter toggles, Esc closes)</Text>
      <SelectInput
        items={ifaceItems(ifaces, view.ifaces)}
        onSelect={(item) => {
          if (item.value === DONE) dispatch({ type: 'chooser-close' });
          else dispatch({ type: 'iface-toggle', iface: item.value === ALL ? null : item.value });
        }}
      />
    </Box>
  );
}
