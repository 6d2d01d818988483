/**
 * What the Route panel draws, as lines: the decision in words (the CLI's own Sections, with
 * the kernel's answer live and the findings of the path rules), the live trace's hop table,
 * the question line, and the one line on top that says what shows and which keys act. Lines
 * are broken at spaces to the terminal's width, so nothing is cut at 80 columns.
 */
import { diagnose } from '../../../diagnose/diagnose.js';
import type { Finding } from '../../../diagnose/finding.js';
import { resolveRoute } from '../../../net/resolve-route.js';
import { compareWithKernel } from '../../../net/resolve-route-kernel.js';
import type { RouteDecision, RouteQuery } from '../../../net/route-decision.js';
import { documentLines, line, type Line } from '../../../report/document.js';
import { fitLines } from '../../../report/fit.js';
import { promptLine } from '../../question/view.js';
import { routeSections, type KernelView } from '../../../report/route.js';
import { hopTableFitted, verdictWords } from '../../../report/trace.js';
import type { HostState } from '../../../state/host-state.js';
import type { HostOrigin } from '../../../state/origin.js';
import { safeText } from '../../../text/safe.js';
import type { KernelState } from './kernel-job.js';
import { QUESTION_USAGE, questionText } from './question.js';
import type { RouteView } from './state.js';
import type { TraceJobState } from './trace-job.js';
import type { TraceSnapshot } from '../../../probes/trace/types.js';

/** The question answered, worked out from the host as it is now. */
export interface Answer {
  readonly decision: RouteDecision;
  readonly findings: readonly Finding[];
}

export function answerOf(host: HostState, query: RouteQuery): Answer {
  const decision = resolveRoute(host, query);
  const findings = diagnose({ host, path: { query, decision }, asked: ['path'] }, ['path']);
  return { decision, findings };
}

/** The kernel's part: its answer (compared), or what stands in for it. */
export function kernelPart(
  answer: Answer,
  origin: HostOrigin,
  kernel: KernelState | null,
): { view: KernelView | null; note: Line | null; word: string } {
  if (origin.kind === 'snapshot') {
    return {
      view: null,
      note: line(
        `  not asked: this is a snapshot (${origin.path}), so the answer above is the resolver's alone; live, netdoctor asks the kernel too`,
        'dim',
      ),
      word: "snapshot: the resolver's answer alone",
    };
  }
  if (!kernel || kernel.status === 'running') {
    return { view: null, note: line('  asking the kernel…', 'dim'), word: 'asking the kernel…' };
  }
  if (kernel.status !== 'done') {
    const why = kernel.error ?? kernel.status;
    return {
      view: null,
      note: line(`  could not ask the kernel: ${why}`, 'warn'),
      word: 'the kernel was not asked',
    };
  }
  const comparison = kernel.answer ? compareWithKernel(answer.decision, kernel.answer) : null;
  const view: KernelView = {
    argv: kernel.argv,
    answer: kernel.answer,
    raw: kernel.raw,
    comparison,
  };
  const word = !comparison
    ? "the kernel's answer is unreadable"
    : comparison.agrees
      ? 'kernel agrees'
      : 'kernel DISAGREES: both answers below';
  return { view, note: null, word };
}

export function decisionLines(
  host: HostState,
  answer: Answer,
  kernel: { view: KernelView | null; note: Line | null },
  width: number,
): Line[] {
  const sections = routeSections(
    host,
    answer.decision,
    answer.findings,
    kernel.view,
    kernel.note ?? undefined,
  );
  return fitLines(documentLines(sections), width);
}

export function introLines(width: number): Line[] {
  return fitLines(
    [
      line('Which way does this host send a packet, and why?', 'heading'),
      line(''),
      line(`Press / and type ${QUESTION_USAGE}, then Enter.`),
      line(''),
      line(
        '  from SRC   the packet leaves with this source (the policy rules may pick by it)',
        'dim',
      ),
      line('  iif IF     as if it arrived on interface IF to be forwarded (needs from)', 'dim'),
      line('  mark N     the packet mark (fwmark) that rules select on, 0x10 or 16', 'dim'),
      line(''),
      line(
        'The answer says which rule and table, which route, the gateway or on-link, the output interface and its state, the source address and the next hop in the neighbour table, then what is wrong. It is worked out from the tables (so a snapshot answers too); live, the kernel is asked as well. Sends nothing.',
      ),
      line(''),
      line('t then traces to the destination hop by hop, like mtr (live only); x stops.'),
    ],
    width,
  );
}

/** The question line and, under it, its refusal or how to ask. */
export function questionLines(v: RouteView, width: number): Line[] {
  const prompt = 'route to> ';
  const help = '  Enter: answer  Esc: cancel';
  return [
    line(promptLine(prompt, v.line, help, width), 'heading'),
    ...fitLines(
      [v.refusal ? line(`refused: ${safeText(v.refusal)}`, 'bad') : line(QUESTION_USAGE, 'dim')],
      width,
    ),
  ];
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

function traceStatus(t: TraceJobState, snap: TraceSnapshot | null): Line {
  const to = safeText(t.config.target.address);
  switch (t.status) {
    case 'running':
      if (!snap) return line(`trace to ${to}: opening the backend…  x: stop`);
      return line(
        `trace to ${to} with ${snap.backend ?? '…'}, round ${snap.round}, ${seconds(snap.elapsedMs)}  x: stop  v: decision`,
        'good',
      );
    case 'failed':
      return line(`trace to ${to} failed: ${safeText(t.error ?? 'it stopped')}  t: again`, 'bad');
    case 'done':
    case 'cancelled':
      // The Tracer itself gave up (mtr-packet died, this host could not send): say why.
      if (snap?.verdict.kind === 'failed') {
        return line(`trace to ${to} failed: ${safeText(snap.verdict.problem)}  t: again`, 'bad');
      }
      return line(
        `trace to ${to} stopped after ${snap?.round ?? 0} rounds  t: again  v: decision`,
        'dim',
      );
  }
}

/** The line above the body: a message, the question and the kernel's word, or the trace. */
export function statusLine(
  v: RouteView,
  kernelWord: string | null,
  trace: TraceJobState | null,
  snap: TraceSnapshot | null,
  width: number,
): Line {
  if (v.message) return line(safeText(v.message), 'warn');
  if (v.view === 'trace') {
    if (trace) return traceStatus(trace, snap);
    return line('no trace yet: t traces to the asked destination  v: decision', 'dim');
  }
  if (v.query) {
    const said = `${safeText(questionText(v.query))}: ${kernelWord ?? ''}`;
    const keys = '  /: ask  t: trace';
    // The keys only when they fit: what the kernel said matters more than a reminder.
    const text = [...said].length + keys.length <= width ? said + keys : said;
    return line(text, kernelWord?.includes('DISAGREES') ? 'bad' : 'dim');
  }
  return line('/: ask where a packet goes  t: trace (live)  ?: keys', 'dim');
}

/** The trace view: the hop table's header (kept on top) and its rows, the verdict, notes. */
export function traceLines(
  trace: TraceJobState | null,
  snap: TraceSnapshot | null,
  width: number,
): { header: string | null; lines: Line[] } {
  if (!trace) {
    return {
      header: null,
      lines: fitLines(
        [
          line(
            'Press t to trace to the asked destination hop by hop, like mtr: loss and round-trip times for every router on the way, refreshed as the answers come. It goes on while you look at other panels; x stops it.',
          ),
        ],
        width,
      ),
    };
  }
  const notes: Line[] = [];
  if (trace.session?.note) notes.push(line(`note: ${trace.session.note}`, 'dim'));
  if (trace.left) notes.push(line(`note: ${trace.left}`, 'dim'));
  if (!snap) return { header: null, lines: fitLines(notes, width) };
  const [header = '', ...rows] = hopTableFitted(snap, width);
  const verdict =
    snap.verdict.kind === 'running'
      ? line(snap.hops.length ? 'Tracing…' : 'Tracing… (no answer yet)', 'dim')
      : line(
          verdictWords(snap.verdict, snap.target.address),
          snap.verdict.kind === 'reached'
            ? 'good'
            : snap.verdict.kind === 'stopped'
              ? 'dim'
              : 'bad',
        );
  return {
    header,
    lines: [...rows.map((r) => line(r)), line(''), ...fitLines([verdict, ...notes], width)],
  };
}
