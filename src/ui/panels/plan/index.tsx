/**
 * Plan: a plan of networks joined by static routes, checked before it goes live. The reach
 * matrix (row sends to column) with a selected cell moved by the arrows, the selected pair's
 * path both ways hop by hop under it (j/k scroll it), then the expectations and findings.
 * `o` opens a plan file, `P` proves it in network namespaces (a job; x stops it).
 */
import { useEffect, useMemo, useRef } from 'react';
import { Box, Text } from 'ink';
import {
  definePanel,
  type PanelEffects,
  type PanelKey,
  type PanelProps,
} from '../../panel-module.js';
import { DocumentView } from '../../components/DocumentView.js';
import { toneProps, useTheme } from '../../theme.js';
import type { UiPorts } from '../../ports.js';
import { diagnose } from '../../../diagnose/diagnose.js';
import { planQuestion } from '../../../plan/question.js';
import { planMatrix } from '../../../report/plan.js';
import type { Plan } from '../../../plan/types.js';
import type { AppStart } from '../../panel-module.js';
import { initialPlanView, planReducer, type PlanAction, type PlanView } from './state.js';
import { askProve, proveOf, startProve, stopProve } from './prove-job.js';
import { documentFor, emptyLines, headLines } from './view.js';
import { matrixLayout } from './matrix.js';
import { firstLine } from '../../../text/first-line.js';

type Props = PanelProps<PlanView, PlanAction>;

/** Lines above the matrix at most. */
const HEAD_MAX = 3;
/** The text under the matrix keeps at least this many rows. */
const DOC_MIN = 4;

/**
 * Reads and parses the file the person typed; a mistake keeps the line open with it. The
 * parser (YAML and a schema library, 30 ms to load) loads here, not when the TUI starts.
 */
function openFile(path: string, dispatch: (a: PlanAction) => void, ports: UiPorts): void {
  dispatch({ type: 'reading' });
  Promise.all([ports.plan.readPlanFile(path), import('../../../plan/parse.js')])
    .then(([text, { parsePlan }]) => dispatch({ type: 'loaded', plan: parsePlan(text, path) }))
    .catch((err: unknown) => dispatch({ type: 'read-failed', error: firstLine(err) }));
}

/** Enter on the file line: read that file, unless one is being read. */
function askFile(fx: PanelEffects<PlanView, PlanAction>, text: string): void {
  const path = text.trim();
  if (!path) fx.dispatch({ type: 'read-failed', error: 'type the path of a plan file' });
  else if (!fx.slice.reading) openFile(path, fx.dispatch, fx.ports);
}

function PlanPanel({ slice: v, dispatch, app, rows, scroll, jobs }: Props) {
  const theme = useTheme();
  const columns = app.size.columns;

  // A new pair (or plan) shows its path from the top: the scroll counts from here on.
  const pair = `${v.row}:${v.col}:${v.plan?.file ?? ''}`;
  const shownPair = useRef(pair);
  useEffect(() => {
    if (shownPair.current !== pair) {
      shownPair.current = pair;
      dispatch({ type: 'rebase', scroll });
    } else if (scroll < v.base) dispatch({ type: 'rebase', scroll });
  }, [pair, scroll, v.base, dispatch]);
  const docScroll = Math.max(0, scroll - v.base);

  const run = proveOf(jobs);
  const proved = run && run.plan === v.plan && run.results ? run.results : undefined;
  const question = useMemo(() => (v.plan ? planQuestion(v.plan, proved) : null), [v.plan, proved]);
  const findings = useMemo(
    () => (question ? diagnose({ host: null, plan: question }, ['plan']) : []),
    [question],
  );
  const head = headLines(v, question, run, columns).slice(0, HEAD_MAX);
  const heads = head.map((l, i) => (
    <Text key={`head${i}`} wrap="truncate-end" {...toneProps(l.tone, theme)}>
      {l.text || ' '}
    </Text>
  ));

  if (!question) {
    return (
      <Box flexDirection="column">
        {heads}
        <DocumentView
          lines={emptyLines(columns)}
          scroll={docScroll}
          rows={Math.max(1, rows - head.length)}
          columns={columns}
        />
      </Box>
    );
  }

  const matrix = planMatrix(question.plan, question.simulation);
  const n = matrix.networks.length;
  const row = Math.min(v.row, n - 1);
  const col = Math.min(v.col, n - 1);
  // The matrix takes at most half of what is left, so the path under it stays readable.
  const left = rows - head.length;
  const matrixRows = Math.max(1, Math.min(n, Math.floor((left - 2) / 2), left - 2 - DOC_MIN));
  const layout = matrixLayout(matrix, { row, col }, columns, matrixRows);
  const from = matrix.networks[row] ?? '';
  const to = matrix.networks[col] ?? '';
  const lines = documentFor(question, findings, from, to, columns);
  const docRows = Math.max(1, left - layout.rows.length - 2);
  return (
    <Box flexDirection="column">
      {heads}
      <Text wrap="truncate-end" {...toneProps('heading', theme)}>
        {layout.header}
      </Text>
      {layout.rows.map((r, i) => (
        <Text key={`m${i}`} wrap="truncate-end">
          {r.cell ? (
            <>
              {r.text.slice(0, r.cell.start)}
              <Text inverse>{r.text.slice(r.cell.start, r.cell.end)}</Text>
              {r.text.slice(r.cell.end)}
            </>
          ) : (
            r.text
          )}
        </Text>
      ))}
      <Text wrap="truncate-end" dimColor>
        {layout.legend}
      </Text>
      <DocumentView lines={lines} scroll={docScroll} rows={docRows} columns={columns} />
    </Box>
  );
}

const KEYS: readonly PanelKey<PlanView, PlanAction>[] = [
  { keys: ['o'], help: 'open a plan file (type its path)', does: { type: 'open' } },
  { keys: ['up'], help: 'select the row above', does: { type: 'move', rows: -1, cols: 0 } },
  { keys: ['down'], help: 'select the row below', does: { type: 'move', rows: 1, cols: 0 } },
  { keys: ['left'], help: 'select the column left', does: { type: 'move', rows: 0, cols: -1 } },
  { keys: ['right'], help: 'select the column right', does: { type: 'move', rows: 0, cols: 1 } },
  {
    keys: ['P'],
    help: 'prove: build it as namespaces, ping every pair (root)',
    does: { effect: askProve },
  },
  { keys: ['enter'], help: 'start --prove once P asked', does: { effect: startProve } },
  { keys: ['x'], help: 'stop --prove (its namespaces are deleted)', does: { effect: stopProve } },
  { keys: ['escape'], help: 'do not prove / clear the message', does: { type: 'escape' } },
];

export const planPanel = definePanel<PlanView, PlanAction>({
  id: 'plan',
  title: 'Plan',
  summary: 'check a route plan before it goes live; prove it in namespaces',
  keys: KEYS,
  initial: initialPlanView,
  reduce: planReducer,
  Component: PlanPanel,
  question: {
    line: (v) => v.line,
    edited: (line) => ({ type: 'line', line }),
    submit: askFile,
    cancelled: { type: 'close' },
  },
});

/** What `netdoctor --plan FILE` opens the app with: this panel, the plan loaded. */
export function planStart(plan: Plan): AppStart {
  const action: PlanAction = { type: 'loaded', plan };
  return { panel: 'plan', action };
}
