/**
 * Discover: the hosts on the LAN. Opens on the neighbours the kernel already knows (no
 * packet sent); `s` sweeps and hosts stream in; `p` Pi only, `/` filter, `o` sort, Enter
 * details, `S` ssh, `e` export. Renders from the store; the work is done by useDiscover.
 */
import { useMemo } from 'react';
import { Box, Text, useInput } from 'ink';
import type { PanelProps } from './types.js';
import { discoverRows, selectedRow } from './discover/state.js';
import { useDiscover } from './discover/use-discover.js';
import { useDiscoverProbeDeps } from './discover/probe.js';
import { safeText } from '../../text/safe.js';
import { controlsLine, detailLines, statusLine, tableHeader, tableRow } from './discover/view.js';
import { useTheme } from '../theme.js';

export function DiscoverPanel({ state, dispatch, rows }: PanelProps) {
  useDiscover(state, dispatch);
  const probe = useDiscoverProbeDeps();
  const theme = useTheme();
  const d = state.discover;
  const columns = state.size.columns;
  const hosts = useMemo(() => discoverRows(state), [state]);

  // While the filter is edited, keys are text (the App leaves the keymap alone meanwhile).
  useInput(
    (input, key) => {
      if (key.return) dispatch({ type: 'discover/filter-done', keep: true });
      else if (key.escape) dispatch({ type: 'discover/filter-done', keep: false });
      else if (key.backspace || key.delete) {
        dispatch({ type: 'discover/filter-input', text: d.filter.slice(0, -1) });
      } else if (input && !key.ctrl && !key.meta) {
        dispatch({ type: 'discover/filter-input', text: d.filter + input });
      }
    },
    { isActive: d.editingFilter },
  );

  const selected = selectedRow(state, hosts);
  const pis = hosts.filter((h) => h.flags.includes('raspberry-pi')).length;
  const status = statusLine(d, hosts.length, pis, probe.now().getTime());
  const bottom = safeText(
    d.editingFilter
      ? `/${d.filter}▏ (Enter keeps, Esc clears)`
      : (d.message ?? (d.warnings.length ? `warning: ${d.warnings[d.warnings.length - 1]}` : '')),
  );

  if (d.details && selected) {
    const lines = detailLines(selected, probe.user()).slice(0, rows - 1);
    return (
      <Box flexDirection="column">
        {lines.map((l, i) => (
          <Text key={i} wrap="truncate-end" bold={i === 0}>
            {l}
          </Text>
        ))}
        <Text wrap="truncate-end">{bottom}</Text>
      </Box>
    );
  }

  // status, controls, header, rows..., bottom line
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
          return (
            <Text
              key={`${h.iface} ${h.ip}`}
              wrap="truncate-end"
              inverse={isSelected}
              {...(theme.color && pi ? { color: 'green' } : {})}
              {...(theme.color && h.flags.includes('duplicate-ip') ? { color: 'red' } : {})}
            >
              {tableRow(h, isSelected, columns)}
            </Text>
          );
        })
      )}
      {Array.from({ length: Math.max(0, tableRows - Math.max(1, shown.length)) }, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
      <Text wrap="truncate-end">{bottom}</Text>
    </Box>
  );
}
