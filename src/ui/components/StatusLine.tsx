/** The bottom line: which host, live or snapshot, root or not, when it was read. */
import { Box, Text } from 'ink';
import type { AppState } from '../state.js';
import { safeText } from '../../text/safe.js';
import { hostTitle } from '../../report/overview.js';

export function statusText(state: AppState): string {
  const host = state.host ? hostTitle(state.host) : '…';
  const origin = state.origin.kind === 'live' ? 'live' : `snapshot ${state.origin.path}`;
  const who = state.host ? (state.host.meta.root ? 'root' : 'not root') : '';
  const when = state.loading
    ? 'reading…'
    : state.lastRefresh
      ? `read ${state.lastRefresh.toTimeString().slice(0, 8)}`
      : '';
  // The hostname and the snapshot's path are not ours: shown with their controls escaped.
  return safeText([host, origin, who, when].filter(Boolean).join(' | '));
}

export function StatusLine({ state }: { readonly state: AppState }) {
  return (
    <Box width={state.size.columns}>
      <Text inverse wrap="truncate-end">
        {statusText(state).padEnd(state.size.columns)}
      </Text>
    </Box>
  );
}
