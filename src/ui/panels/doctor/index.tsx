/**
 * Doctor (key 6): why a VPN or routed path fails, in words, with the commands that fix it.
 * Opens on the host as a whole (reads only): its role and the findings of the host rules,
 * errors first, one line each; Enter opens one (why, evidence under the command that
 * printed it, fix with its alternatives). `/` asks a path, `DEST [from SRC]`, as
 * `netdoctor doctor --to` does; `p` shows the probes for it and `y` sends them (a job: `x`
 * stops it); `M` writes the Markdown report.
 */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import {
  definePanel,
  type AppView,
  type PanelEffects,
  type PanelKey,
  type PanelProps,
} from '../../panel-module.js';
import { DocumentView } from '../../components/DocumentView.js';
import { toneProps, useTheme } from '../../theme.js';
import { safeText } from '../../../text/safe.js';
import type { JobStore } from '../../jobs.js';
import { doctorModel, type DoctorModel } from './model.js';
import { planProbes, probesFor, provenResults, sendProbes, stopProbes } from './probe-job.js';
import { writeReport } from './report.js';
import { doctorReducer, initialDoctorView, type DoctorAction, type DoctorView } from './state.js';
import { detailHead, detailLines, detailMax, listScreen } from './view.js';

type Props = PanelProps<DoctorView, DoctorAction>;
type Fx = PanelEffects<DoctorView, DoctorAction>;

/** Rows for a panel's body, as the App gives them (src/ui/state.ts, which imports us). */
const bodyRows = (app: AppView) => Math.max(3, app.size.rows - 3);

function modelOf(app: AppView, v: DoctorView, jobs: JobStore): DoctorModel | null {
  if (!app.host) return null;
  return doctorModel(app.host, v.question, provenResults(probesFor(jobs, v.question)));
}

function DoctorPanel({ slice: v, app, rows, jobs }: Props) {
  const theme = useTheme();
  const columns = app.size.columns;
  const run = probesFor(jobs, v.question);
  const results = provenResults(run);
  const model = useMemo(
    () => (app.host ? doctorModel(app.host, v.question, results) : null),
    [app.host, v.question, results],
  );

  if (!model) {
    const text = app.error
      ? `Could not read this host: ${safeText(app.error)}`
      : 'Reading the host…';
    return <Text wrap="truncate-end">{text}</Text>;
  }

  const at = Math.min(v.selected, Math.max(0, model.findings.length - 1));
  const opened = v.detail ? model.findings[at] : undefined;
  if (opened) {
    const head = detailHead(model, at);
    return (
      <Box flexDirection="column" width={columns}>
        <Text wrap="truncate-end" {...toneProps(head.tone, theme)}>
          {head.text}
        </Text>
        <DocumentView
          lines={detailLines(opened, columns)}
          scroll={v.detailScroll}
          rows={rows - 1}
          columns={columns}
        />
      </Box>
    );
  }

  const screen = listScreen(model, v, run, columns, rows);
  return (
    <Box flexDirection="column" width={columns}>
      {screen.head.map((l, i) => (
        <Text key={`h${i}`} wrap="truncate-end" {...toneProps(l.tone, theme)}>
          {l.text || ' '}
        </Text>
      ))}
      {screen.rows.map((l, i) => (
        <Text
          key={`r${i}`}
          wrap="truncate-end"
          inverse={i === screen.selectedRow}
          {...toneProps(l.tone, theme)}
        >
          {l.text}
        </Text>
      ))}
    </Box>
  );
}

/** The last index up/down may reach: the last finding, or the opened finding's last page. */
function maxOf(fx: Fx): number {
  const model = modelOf(fx.app, fx.slice, fx.jobs);
  if (!model) return 0;
  if (!fx.slice.detail) return Math.max(0, model.findings.length - 1);
  const f = model.findings[Math.min(fx.slice.selected, model.findings.length - 1)];
  return f ? detailMax(detailLines(f, fx.app.size.columns).length, bodyRows(fx.app) - 1) : 0;
}

const move = (by: number | 'page' | '-page') => (fx: Fx) => {
  const page = Math.max(1, bodyRows(fx.app) - 4);
  const step = by === 'page' ? page : by === '-page' ? -page : by;
  fx.dispatch({ type: 'move', by: step, max: maxOf(fx) });
};

const KEYS: readonly PanelKey<DoctorView, DoctorAction>[] = [
  { keys: ['down', 'j'], help: 'next finding / scroll down', does: { effect: move(1) } },
  { keys: ['up', 'k'], help: 'previous finding / scroll up', does: { effect: move(-1) } },
  { keys: ['pagedown', 'space'], help: 'a page down', does: { effect: move('page') } },
  { keys: ['pageup'], help: 'a page up', does: { effect: move('-page') } },
  {
    keys: ['home', 'g'],
    help: 'first finding / top',
    does: { effect: (fx) => fx.dispatch({ type: 'edge', to: 'top', max: maxOf(fx) }) },
  },
  {
    keys: ['end', 'G'],
    help: 'last finding / bottom',
    does: { effect: (fx) => fx.dispatch({ type: 'edge', to: 'bottom', max: maxOf(fx) }) },
  },
  { keys: ['enter'], help: 'open the finding: why, evidence, fix', does: { type: 'open' } },
  {
    keys: ['escape'],
    help: 'back: the list, no probes, the host as a whole',
    does: { type: 'escape' },
  },
  { keys: ['/'], help: 'ask a path: DEST [from SRC] (sends nothing)', does: { type: 'ask-open' } },
  { keys: ['p'], help: 'probe the path: show what will be sent', does: { effect: planProbes } },
  { keys: ['y'], help: 'send the probes shown', does: { effect: sendProbes } },
  { keys: ['n'], help: 'send nothing', does: { type: 'pending', pending: null } },
  { keys: ['x'], help: 'stop the probes', does: { effect: stopProbes } },
  { keys: ['M'], help: 'write the Markdown report to a file', does: { effect: writeReport } },
];

export const doctorPanel = definePanel<DoctorView, DoctorAction>({
  id: 'doctor',
  title: 'Doctor',
  summary: 'why a VPN or routed path fails, in words, with the commands that fix it',
  keys: KEYS,
  initial: initialDoctorView,
  reduce: doctorReducer,
  Component: DoctorPanel,
  question: {
    line: (v) => v.line,
    edited: (line) => ({ type: 'line', line }),
    submit: (fx) => fx.dispatch({ type: 'ask-submit' }),
  },
});
