/**
 * ARP repair: after an IP moved to this server, check nobody else holds it, tell the network
 * (after the person says yes), and check the gateway took it. The repair is a job of the
 * app; the panel draws its run and the chooser.
 */
import { useMemo } from 'react';
import { DocumentView } from '../../components/DocumentView.js';
import { definePanel, type PanelKey, type PanelProps } from '../../panel-module.js';
import type { JobStore } from '../../jobs.js';
import { arpPanelLines } from './arp-lines.js';
import { arpReducer, busy, initialArpState, type ArpAction, type ArpState } from './arp-state.js';
import { cancelRepair, confirmRepair, repairOf, startRepair } from './repair-job.js';

type Props = PanelProps<ArpState, ArpAction>;

function ArpRepairPanel({ slice, app, rows, scroll, jobs }: Props) {
  const columns = app.size.columns;
  const run = repairOf(jobs);
  const lines = useMemo(() => arpPanelLines(app, slice, run, columns), [app, slice, run, columns]);
  return <DocumentView lines={lines} scroll={scroll} rows={rows} columns={columns} />;
}

/** The chooser and the mode wait while a repair runs. */
const whenIdle =
  (action: ArpAction) =>
  ({ jobs, dispatch }: { jobs: JobStore; dispatch: (a: ArpAction) => void }) => {
    if (!busy(repairOf(jobs))) dispatch(action);
  };

const KEYS: readonly PanelKey<ArpState, ArpAction>[] = [
  {
    keys: ['up'],
    help: 'previous address',
    does: { effect: whenIdle({ type: 'select', by: -1 }) },
  },
  { keys: ['down'], help: 'next address', does: { effect: whenIdle({ type: 'select', by: 1 }) } },
  {
    keys: ['enter'],
    help: 'check the address (where, who else holds it)',
    does: { effect: startRepair },
  },
  { keys: ['y'], help: 'yes, send the announcements', does: { effect: confirmRepair } },
  {
    keys: ['n', 'x'],
    help: 'no, send nothing; or stop the running repair',
    does: { effect: cancelRepair },
  },
  {
    keys: ['m'],
    help: 'mode: ARP requests (-U) or replies (-A)',
    does: { effect: whenIdle({ type: 'mode-toggle' }) },
  },
];

export const arpPanel = definePanel<ArpState, ArpAction>({
  id: 'arp',
  title: 'ARP repair',
  summary: 'after an IP moved here: check nobody else holds it, announce it, verify the gateway',
  keys: KEYS,
  initial: initialArpState,
  reduce: (slice, action, app) => arpReducer(slice, action, app.host),
  Component: ArpRepairPanel,
});
