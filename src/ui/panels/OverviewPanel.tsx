/** Overview: the host as it is, from the state store. Reads only; sends nothing. */
import { useMemo } from 'react';
import { Text } from 'ink';
import { documentLines } from '../../report/document.js';
import { overviewSections } from '../../report/overview.js';
import { DocumentView } from '../components/DocumentView.js';
import type { PanelProps } from './types.js';

export function OverviewPanel({ state, rows }: PanelProps) {
  const lines = useMemo(
    () => (state.host ? documentLines(overviewSections(state.host)) : []),
    [state.host],
  );
  if (!state.host) {
    return (
      <Text>{state.error ? `Could not read this host: ${state.error}` : 'Reading the host…'}</Text>
    );
  }
  return (
    <DocumentView
      lines={lines}
      scroll={state.scroll.overview}
      rows={rows}
      columns={state.size.columns}
    />
  );
}
