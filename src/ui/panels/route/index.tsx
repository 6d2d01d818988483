/**
 * Route: which way this host sends a packet, and why. `/` asks `DEST [from SRC] [iif IF]
 * [mark N]` on a question line (digits and q are text there); Enter shows the decision in
 * words (rule, table, route, gateway or on-link, interface and its state, source, the next
 * hop's neighbour entry) with the findings of the path rules, from the tables alone, and
 * live also the kernel's own answer beside it. `t` traces to the destination hop by hop
 * (a job that goes on while the person looks elsewhere), `x` stops, `v` switches views.
 */
import { useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import {
  definePanel,
  type PanelEffects,
  type PanelKey,
  type PanelProps,
} from '../../panel-module.js';
import { DocumentView } from '../../components/DocumentView.js';
import { toneProps, useTheme } from '../../theme.js';
import { line, type Line } from '../../../report/document.js';
import { safeText } from '../../../text/safe.js';
import { askKernel, kernelOf } from './kernel-job.js';
import { parseQuestion } from './question.js';
import { initialRouteView, routeReducer, type RouteAction, type RouteView } from './state.js';
import { startTrace, stopTrace, traceOf } from './trace-job.js';
import { fitLines } from '../../../report/fit.js';
import {
  answerOf,
  decisionLines,
  introLines,
  kernelPart,
  questionLines,
  statusLine,
  traceLines,
} from './view.js';

type Props = PanelProps<RouteView, RouteAction>;

/** Lines above the body at most: the question and its refusal, or the status line. */
const HEAD_MAX = 4;

/** Enter on the question line: the answer from the tables, and live the kernel's too. */
function ask(fx: PanelEffects<RouteView, RouteAction>, text: string): void {
  const question = parseQuestion(text, fx.app.host);
  fx.dispatch({ type: 'ask-submit', question });
  if (question.kind === 'asked' && fx.app.origin.kind === 'live') {
    const uid = fx.ports.route.uid();
    const query = uid === null ? question.query : { ...question.query, uid };
    askKernel(fx.jobs, fx.ports, query, fx.slice.asked + 1);
  }
}

function RoutePanel({ slice: v, dispatch, app, rows, scroll, jobs, ports }: Props) {
  const theme = useTheme();
  const columns = app.size.columns;
  const { host, origin } = app;
  const live = origin.kind === 'live';

  useEffect(() => {
    if (v.reset || scroll < v.base) dispatch({ type: 'rebase', scroll });
  }, [scroll, v.base, v.reset, dispatch]);

  const query = v.query;
  // Live questions are resolved with our uid, as the kernel sees `ip route get` (uidrange).
  const uid = live ? ports.route.uid() : null;
  const answer = useMemo(
    () => (host && query ? answerOf(host, uid === null ? query : { ...query, uid }) : null),
    [host, query, uid],
  );
  // The job's state is the same object until it changes, so these recompute only then.
  const kernelJob = kernelOf(jobs);
  const kernelNow = kernelJob?.asked === v.asked ? kernelJob : null;
  const kernel = useMemo(
    () => (answer ? kernelPart(answer, origin, kernelNow) : null),
    [answer, origin, kernelNow],
  );

  const trace = traceOf(jobs);
  // The Tracer's state now, read on the app's tick (10 a second while the trace runs).
  const snap = trace?.session?.snapshot() ?? null;

  const decision = useMemo(
    () =>
      !host
        ? [
            line(
              app.error ? `Could not read this host: ${safeText(app.error)}` : 'Reading the host…',
            ),
          ]
        : answer && kernel
          ? decisionLines(host, answer, kernel, columns)
          : introLines(columns),
    [host, answer, kernel, columns, app.error],
  );
  const shown =
    v.view === 'trace' ? traceLines(trace, snap, columns) : { header: null, lines: decision };

  const head: Line[] = (
    v.line.open
      ? questionLines(v, columns)
      : fitLines([statusLine(v, kernel?.word ?? null, trace, snap, columns)], columns)
  ).slice(0, HEAD_MAX);
  const fixed = head.length + (shown.header !== null ? 1 : 0);
  const bodyRows = Math.max(1, rows - fixed);
  return (
    <Box flexDirection="column">
      {head.map((l, i) => (
        <Text key={`head${i}`} wrap="truncate-end" {...toneProps(l.tone, theme)}>
          {l.text || ' '}
        </Text>
      ))}
      {shown.header !== null ? (
        <Text wrap="truncate-end" {...toneProps('heading', theme)}>
          {shown.header}
        </Text>
      ) : null}
      {/* DocumentView draws only the rows that fit: a long hop table costs its window. */}
      <DocumentView
        lines={shown.lines}
        scroll={Math.max(0, scroll - v.base)}
        rows={bodyRows}
        columns={columns}
      />
    </Box>
  );
}

const KEYS: readonly PanelKey<RouteView, RouteAction>[] = [
  {
    keys: ['/'],
    help: 'ask: DEST [from SRC] [iif IF] [mark N] (sends nothing)',
    does: { type: 'ask-open' },
  },
  {
    keys: ['t'],
    help: 'trace to the destination hop by hop, like mtr (sends probes)',
    does: { effect: startTrace },
  },
  { keys: ['x'], help: 'stop the trace', does: { effect: stopTrace } },
  { keys: ['v'], help: 'the decision / the hop table', does: { type: 'toggle-view' } },
  { keys: ['escape'], help: 'clear the message', does: { type: 'escape' } },
];

export const routePanel = definePanel<RouteView, RouteAction>({
  id: 'route',
  title: 'Route',
  summary: 'which route a packet takes and why; a live hop-by-hop trace',
  keys: KEYS,
  initial: initialRouteView,
  reduce: routeReducer,
  Component: RoutePanel,
  question: { line: (v) => v.line, edited: (line) => ({ type: 'line', line }), submit: ask },
});
