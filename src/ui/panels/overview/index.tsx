/** Overview: the host as it is, and what the rules conclude of it. Reads only; sends nothing. */
import { useMemo } from 'react';
import { Text } from 'ink';
import { documentLines } from '../../../report/document.js';
import { overviewSections } from '../../../report/overview.js';
import { DocumentView } from '../../components/DocumentView.js';
import { definePanel, type PanelProps } from '../../panel-module.js';

type Props = PanelProps<null, { readonly type: 'none' }>;

function OverviewPanel({ app, rows, scroll }: Props) {
  const lines = useMemo(
    () => (app.host ? documentLines(overviewSections(app.host)) : []),
    [app.host],
  );
  if (!app.host) {
    return (
      <Text>{app.error ? `Could not read this host: ${app.error}` : 'Reading the host…'}</Text>
    );
  }
  return <DocumentView lines={lines} scroll={scroll} rows={rows} columns={app.size.columns} />;
}

export const overviewPanel = definePanel<null, { readonly type: 'none' }>({
  id: 'overview',
  title: 'Overview',
  summary: 'interfaces, routes and rules, neighbours, settings, tools, and what is wrong',
  keys: [],
  initial: null,
  reduce: (slice) => slice,
  Component: OverviewPanel,
});
