/**
 * VLAN: every 802.1Q/802.1ad interface of the host under its parent (QinQ nested), bridges
 * as switches, and what is wrong, problems first; the global keys scroll it. `t` reads the
 * counters every second for live rates (a job), `m` asks PARENT ID [ADDR/LEN] and shows the
 * commands and files that make that VLAN. Nothing here sends a packet or runs a command.
 */
import { useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import { definePanel, type PanelKey, type PanelProps } from '../../panel-module.js';
import { DocumentView } from '../../components/DocumentView.js';
import { toneProps, useTheme } from '../../theme.js';
import { ratesOf, startRates, stopRates } from './rates-job.js';
import { initialVlanView, vlanReducer, type VlanAction, type VlanView } from './state.js';
import { planLines, questionLines, reportLines, statusLine } from './view.js';
import { fitLines } from '../../../report/fit.js';
import { line, type Line } from '../../../report/document.js';
import { safeText } from '../../../text/safe.js';
import type { HostState } from '../../../state/host-state.js';

type Props = PanelProps<VlanView, VlanAction>;

const NO_RATES: readonly never[] = [];
/** Lines above the report at most: the question, its refusal, a message. */
const HEAD_MAX = 4;

function newest(a: HostState | null, b: HostState | null): HostState | null {
  if (!a || !b) return a ?? b;
  return Date.parse(b.meta.takenAt) > Date.parse(a.meta.takenAt) ? b : a;
}

function VlanPanel({ slice: v, dispatch, app, rows, scroll, jobs }: Props) {
  const theme = useTheme();
  const columns = app.size.columns;
  const rates = ratesOf(jobs);
  // The tree shows the newest read: the rates job's while its counters move (and after it
  // stops, until r reads the host again), else the app's. Rates only while they run.
  const host = newest(app.host, rates?.host ?? null);
  const rateList = rates?.status === 'running' ? rates.rates : NO_RATES;
  const plan = v.answer?.kind === 'plan' ? v.answer.plan : null;

  useEffect(() => {
    if (scroll < v.base) dispatch({ type: 'rebase', scroll });
  }, [scroll, v.base, dispatch]);

  const lines = useMemo(
    () =>
      plan
        ? planLines(plan, columns)
        : host
          ? reportLines(host, rateList, columns)
          : // Until the host is read the head (and a question line) still shows.
            [
              line(
                app.error
                  ? `Could not read this host: ${safeText(app.error)}`
                  : 'Reading the host…',
              ),
            ],
    [plan, host, rateList, columns, app.error],
  );

  // A refusal or message is one sentence, broken at spaces rather than cut at the edge.
  const head: Line[] = fitLines(
    v.line.open ? questionLines(v, columns) : [statusLine(v, rates)],
    columns,
  ).slice(0, HEAD_MAX);
  const bodyRows = Math.max(1, rows - head.length);
  return (
    <Box flexDirection="column">
      {head.map((l, i) => (
        <Text key={`head${i}`} wrap="truncate-end" {...toneProps(l.tone, theme)}>
          {l.text || ' '}
        </Text>
      ))}
      <DocumentView
        lines={lines}
        scroll={Math.max(0, scroll - v.base)}
        clampStore={false}
        rows={bodyRows}
        columns={columns}
      />
    </Box>
  );
}

const KEYS: readonly PanelKey<VlanView, VlanAction>[] = [
  {
    keys: ['t'],
    help: 'live rates: read the counters every second (reads only)',
    does: { effect: startRates },
  },
  { keys: ['x'], help: 'stop the live rates', does: { effect: stopRates } },
  {
    keys: ['m'],
    help: 'make a VLAN: the commands and files for it (runs nothing)',
    does: { type: 'make-open' },
  },
  {
    keys: ['escape'],
    help: 'back from a plan / clear the message',
    // Back to the report where it was, which takes the scroll position.
    does: {
      effect: (fx) =>
        fx.dispatch(
          fx.slice.answer?.kind === 'plan'
            ? { type: 'plan-close', scroll: fx.scroll }
            : { type: 'escape' },
        ),
    },
  },
];

export const vlanPanel = definePanel<VlanView, VlanAction>({
  id: 'vlan',
  title: 'VLAN',
  summary: 'VLANs under their parents, bridges as switches, what is wrong',
  keys: KEYS,
  initial: initialVlanView,
  reduce: vlanReducer,
  Component: VlanPanel,
  question: {
    line: (v) => v.line,
    edited: (line) => ({ type: 'line', line }),
    submit: (fx) => fx.dispatch({ type: 'make-submit', scroll: fx.scroll }),
  },
});
