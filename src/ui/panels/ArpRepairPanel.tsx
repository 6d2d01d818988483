/**
 * ARP repair: after an IP moved to this server, check nobody else holds it, tell the network
 * (after the person says yes), and check the gateway took it. The panel only dispatches; the
 * probe runs through useGarpRunner and reports into the store.
 */
import { useMemo } from 'react';
import { DocumentView } from '../components/DocumentView.js';
import { arpPanelLines } from './arp/arp-lines.js';
import { useGarpRunner } from './arp/use-garp-runner.js';
import type { PanelProps } from './types.js';

export function ArpRepairPanel({ state, dispatch, rows }: PanelProps) {
  useGarpRunner(state.arp.run, dispatch);
  const columns = state.size.columns;
  const lines = useMemo(() => arpPanelLines(state, columns), [state, columns]);
  return <DocumentView lines={lines} scroll={state.scroll.arp} rows={rows} columns={columns} />;
}
