/** The bottom line: which host, live or snapshot, root or not, when it was read, what runs. */
import { Box, Text } from 'ink';
import type { AppState } from '../state.js';
import { safeText } from '../../text/safe.js';
import { hostTitle } from '../../report/overview.js';
import { padColumns } from '../../text/width.js';

/** An ISO time as `2026-11-27 15:50 UTC`; the text as is when it is not a date. */
export function takenLabel(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms)
    ? iso
    : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function statusText(state: AppState, running: readonly string[] = []): string {
  const host = state.host ? hostTitle(state.host) : '…';
  const origin =
    state.origin.kind === 'live' ? (state.origin.via ?? 'live') : `snapshot ${state.origin.path}`;
  const who = state.host ? (state.host.meta.root ? 'root' : 'not root') : '';
  // A snapshot is shown as of when it was taken (it may be days old), not when it was opened.
  const when = state.loading
    ? 'reading…'
    : state.origin.kind === 'snapshot' && state.host
      ? `taken ${takenLabel(state.host.meta.takenAt)}`
      : state.lastRefresh
        ? `read ${state.lastRefresh.toTimeString().slice(0, 8)}`
        : '';
  // The hostname and the snapshot's path are not ours: shown with their controls escaped.
  const jobs = running.length ? `running: ${running.join(', ')}` : '';
  return safeText([host, origin, who, when, jobs].filter(Boolean).join(' | '));
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
        {padColumns(statusText(state, running), state.size.columns)}
      </Text>
    </Box>
  );
}
