/**
 * Discover: the hosts on the LAN. Opens on the neighbours the kernel already knows (no
 * packet sent); `s` sweeps and hosts stream in (the sweep is a job: it goes on while you
 * look elsewhere); `w` watches (a sweep every 30 s, hosts marked new, gone, moved); `i` and
 * `b` choose the interfaces and the backend; `p` Pi only, `/` filter, `o` sort, Enter
 * details, `S` ssh, `e` export.
 */
import { useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import { definePanel, type PanelKey, type PanelProps } from '../../panel-module.js';
import { useTheme } from '../../theme.js';
import { safeText } from '../../../text/safe.js';
import {
  discoverReducer,
  discoverRows,
  initialDiscoverView,
  selectedRow,
  sweepableInterfaces,
  type DiscoverAction,
  type DiscoverView,
} from './state.js';
import {
  exportTable,
  openBackendChooser,
  sshTo,
  startSweep,
  readLocalNames,
  startWatch,
  stopSweep,
  sweepOf,
  tableHosts,
} from './effects.js';
import { ChooserOverlay } from './Chooser.js';
import { QuestionLineView } from '../../question/QuestionLineView.js';
import { controlsLine, detailLines, statusLine, tableHeader, tableRow } from './view.js';

type Props = PanelProps<DiscoverView, DiscoverAction>;

function DiscoverPanel({ slice: d, dispatch, app, rows, jobs, ports }: Props) {
  const theme = useTheme();
  const columns = app.size.columns;
  const sweep = sweepOf(jobs);
  const all = tableHosts({ jobs, app, slice: d });
  // The opening table is named from /etc/hosts, read again with the host.
  useEffect(() => {
    let mounted = true;
    readLocalNames({ app, ports, dispatch }, () => mounted);
    return () => {
      mounted = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read again when the host is
  }, [app.host]);
  // The job's list is the same object until a host changes; discoverRows remembers what it
  // made of it (each sort once, a filter narrowed as it grows). Moving the selection
  // through 10,000 rows neither sorts nor filters them.
  const { filter, piOnly, sort } = d;
  const hosts = useMemo(
    () => discoverRows({ filter, piOnly, sort }, all),
    [filter, piOnly, sort, all],
  );
  // Counted, not filtered: a sort or filter key makes no array of 10,000 Pis to count.
  const pis = useMemo(
    () => hosts.reduce((n, h) => (h.flags.includes('raspberry-pi') ? n + 1 : n), 0),
    [hosts],
  );

  const tracker = sweep?.watch?.tracker;
  const markOf = (h: { iface: string; ip: string }) => tracker?.mark(h.iface, h.ip);
  const selected = selectedRow(d, hosts);
  const status = statusLine(sweep, hosts.length, pis, ports.now().getTime());
  const warnings = sweep?.warnings ?? [];
  // Messages quote what tools and hosts said (ssh's errors, a warning): made safe to draw.
  const bottom = d.filterLine.open ? (
    <QuestionLineView
      prompt="/"
      line={d.filterLine}
      keys=" (Enter keeps, Esc clears)"
      columns={columns}
    />
  ) : (
    <Text wrap="truncate-end">
      {safeText(d.message ?? (warnings.length ? `warning: ${warnings[warnings.length - 1]}` : ''))}
    </Text>
  );

  if (d.details && selected) {
    const lines = detailLines(selected, ports.user(), markOf(selected)).slice(0, rows - 1);
    return (
      <Box flexDirection="column">
        {lines.map((l, i) => (
          <Text key={i} wrap="truncate-end" bold={i === 0}>
            {l}
          </Text>
        ))}
        {bottom}
      </Box>
    );
  }

  if (d.chooser) {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end" bold>
          {status}
        </Text>
        <ChooserOverlay
          chooser={d.chooser}
          view={d}
          ifaces={sweepableInterfaces(app.host)}
          dispatch={dispatch}
        />
        {bottom}
      </Box>
    );
  }

  // status, controls, header, rows..., bottom line. Only the visible rows are drawn.
  const tableRows = Math.max(1, rows - 4);
  const at = Math.min(d.selected, Math.max(0, hosts.length - 1));
  const first = Math.max(0, Math.min(at - Math.floor(tableRows / 2), hosts.length - tableRows));
  const shown = hosts.slice(first, first + tableRows);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>
        {status}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {controlsLine(d)}
      </Text>
      <Text wrap="truncate-end" {...(theme.color ? { color: 'cyan' } : {})}>
        {tableHeader(columns)}
      </Text>
      {shown.length === 0 ? (
        <Text>{d.piOnly || d.filter ? 'No host matches.' : 'No hosts yet.'}</Text>
      ) : (
        shown.map((h, i) => {
          const isSelected = first + i === at;
          const pi = h.flags.includes('raspberry-pi');
          const mark = markOf(h);
          return (
            <Text
              key={`${h.iface} ${h.ip}`}
              wrap="truncate-end"
              inverse={isSelected}
              dimColor={mark?.kind === 'gone'}
              {...(theme.color && mark?.kind === 'new' ? { color: 'cyan' } : {})}
              {...(theme.color && mark?.kind === 'moved' ? { color: 'yellow' } : {})}
              {...(theme.color && pi ? { color: 'green' } : {})}
              {...(theme.color && h.flags.includes('duplicate-ip') ? { color: 'red' } : {})}
            >
              {tableRow(h, isSelected, columns, mark)}
            </Text>
          );
        })
      )}
      {Array.from({ length: Math.max(0, tableRows - Math.max(1, shown.length)) }, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
      {bottom}
    </Box>
  );
}

const KEYS: readonly PanelKey<DiscoverView, DiscoverAction>[] = [
  { keys: ['s'], help: 'sweep the LAN (sends ARP)', does: { effect: startSweep } },
  { keys: ['x'], help: 'stop the sweep or the watch', does: { effect: stopSweep } },
  {
    keys: ['w'],
    help: 'watch: sweep every 30 s, mark hosts new, gone, moved',
    does: { effect: startWatch },
  },
  {
    keys: ['i'],
    help: 'choose the interfaces to sweep',
    does: { type: 'chooser-open', chooser: { kind: 'iface' } },
  },
  {
    keys: ['b'],
    help: 'choose the backend (kernel, arp-scan, passive)',
    does: { effect: openBackendChooser },
  },
  { keys: ['p'], help: 'Raspberry Pis only / all hosts', does: { type: 'toggle-pi' } },
  { keys: ['/'], help: 'filter by text', does: { type: 'filter-edit' } },
  { keys: ['o'], help: 'sort by the next column', does: { type: 'sort-next' } },
  { keys: ['down', 'j'], help: 'next host', does: { type: 'move', by: 1 } },
  { keys: ['up', 'k'], help: 'previous host', does: { type: 'move', by: -1 } },
  { keys: ['pagedown', 'space'], help: 'ten hosts down', does: { type: 'move', by: 10 } },
  { keys: ['pageup'], help: 'ten hosts up', does: { type: 'move', by: -10 } },
  { keys: ['enter'], help: 'details of the host', does: { type: 'details-toggle' } },
  { keys: ['escape'], help: 'back / clear the filter', does: { type: 'escape' } },
  { keys: ['S'], help: 'ssh to the host as you', does: { effect: (fx) => sshTo(fx, 'self') } },
  { keys: ['P'], help: 'ssh to the host as pi', does: { effect: (fx) => sshTo(fx, 'pi') } },
  { keys: ['e'], help: 'export the table to JSON and CSV', does: { effect: exportTable } },
];

export const discoverPanel = definePanel<DiscoverView, DiscoverAction>({
  id: 'discover',
  title: 'Discover',
  summary: 'the hosts on the LAN with vendor, name and flags; every Raspberry Pi',
  keys: KEYS,
  initial: initialDiscoverView,
  reduce: discoverReducer,
  Component: DiscoverPanel,
  question: {
    line: (d) => d.filterLine,
    edited: (line) => ({ type: 'filter-line', line }),
    submit: (fx) => fx.dispatch({ type: 'filter-done', keep: true }),
    cancelled: { type: 'filter-done', keep: false },
  },
  capturesKeys: (d) => d.chooser !== null,
});
