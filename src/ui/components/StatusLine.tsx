/** The bottom line: which host, live or snapshot, root or not, when it was read, what runs. */
import { Box, Text } from 'ink';
import type { AppState } from '../state.js';
import { hostTitle } from '../../report/overview.js';

export function statusText(state: AppState, running: readonly string[] = []): string {
  const host = state.host ? hostTitle(state.host) : '…';
  const origin = state.origin.kind === 'live' ? 'live' : `snapshot ${state.origin.path}`;
  const who = state.host ? (state.host.meta.root ? 'root' : 'not root') : '';
  const when = state.loading
    ? 'reading…'
    : state.lastRefresh
      ? `read ${state.lastRefresh.toTimeString().slice(0, 8)}`
      : '';
  const jobs = running.length ? `running: ${running.join(', ')}` : '';
  return [host, origin, who, when, jobs].filter(Boolean).join(' | ');
}

export function StatusLine({
  state,
  running,
}: {
  readonly state: AppState;
  readonly running: readonly string[];
}) {
  return (
    <Box width={state.size.columns}>
      <Text inverse wrap="truncate-end">
        {statusText(state, running).padEnd(state.size.columns)}
      </Text>
    </Box>
  );
}
