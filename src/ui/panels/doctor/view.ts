/**
 * What the Doctor panel draws, as lines: the head (keys or a message, the question line,
 * the role, the path, the probes shown or running) and under it the findings, one line
 * each, of which only the visible window is ever built; or one finding opened in full.
 * Pure, and cut to the terminal's width at spaces.
 */
import type { Finding } from '../../../diagnose/finding.js';
import { roleWords } from '../../../net/role.js';
import { line, type Line } from '../../../report/document.js';
import { promptLine } from '../../question/view.js';
import {
  decisionWords,
  findingDetailLines,
  pathSection,
  returnRouteHints,
} from '../../../report/doctor.js';
import { wrap } from '../../../report/findings.js';
import { commandKey } from '../../../snapshot/sources.js';
import { safeText } from '../../../text/safe.js';
import type { DoctorModel } from './model.js';
import type { ProbeJobState } from './probe-job.js';
import { probeCountWords, sureProbes } from '../../../probes/doctor/plan.js';
import { QUESTION_USAGE } from './question.js';
import type { DoctorView, PendingProbes } from './state.js';
import { cutColumns, headColumns } from '../../../text/width.js';

/** Text as at most `max` lines of `width`, indent kept, continuations indented; an ellipsis if cut. */
export function fit(
  text: string,
  width: number,
  max: number,
  tone: Line['tone'] = 'normal',
): Line[] {
  const w = Math.max(20, width);
  const indent = /^ */.exec(text)?.[0] ?? '';
  const words = wrap(text.slice(indent.length), w - indent.length);
  const rest = wrap(words.slice(1).join(' '), w - indent.length - 4);
  const lines = [
    ...(words[0] !== undefined ? [indent + words[0]] : []),
    ...rest.map((t) => `${indent}    ${t}`),
  ];
  const shown = lines.slice(0, max);
  if (lines.length > max && shown.length > 0) {
    shown[shown.length - 1] = `${headColumns(shown[shown.length - 1] ?? '', w - 1)}…`;
  }
  return shown.map((t) => line(t, tone));
}

/** One line as it is (spaces kept), cut with an ellipsis at `width`. */
export function cut(text: string, width: number, tone: Line['tone'] = 'normal'): Line {
  return line(cutColumns(text, width), tone);
}

export function questionLines(v: DoctorView, width: number): Line[] {
  const prompt = 'doctor to> ';
  const help = '  Enter: ask  Esc: cancel';
  return [
    line(promptLine(prompt, v.line, help, width), 'heading'),
    ...(v.refusal
      ? fit(`refused: ${safeText(v.refusal)}`, width, 2, 'bad')
      : [line(QUESTION_USAGE, 'dim')]),
  ];
}

function keysLine(v: DoctorView): Line {
  const ask = v.question ? '/: another path  p: probe it  Esc: host' : '/: ask a path';
  return line(`Enter: open  ${ask}  M: report  ?: keys`, 'dim');
}

/** The role in two lines at most, and on a VPN server what its LAN needs to answer clients. */
export function roleLines(model: DoctorModel, width: number): Line[] {
  const reasons = model.role.reasons.length ? ` (${model.role.reasons.join('; ')})` : '';
  const hints = model.path ? [] : returnRouteHints(model.role).slice(0, 2);
  return [
    ...fit(
      safeText(`Role: ${model.host.meta.hostname} is a ${roleWords(model.role)}${reasons}`),
      width,
      2,
    ),
    ...hints.flatMap((h) =>
      fit(safeText(`  ${h.words}: prove it with / (a host on ${h.pushed}) and p`), width, 3, 'dim'),
    ),
  ];
}

export function pathLines(model: DoctorModel, width: number): Line[] {
  if (!model.path) return [];
  const hop = pathSection(model.host, model.path).lines[1];
  return [
    ...fit(safeText(`Path ${decisionWords(model.path)}`), width, 2, 'heading'),
    ...(hop ? fit(hop.text.trimStart(), width, 1, hop.tone) : []),
  ];
}

/** Exactly what `y` will send, from the plan, before anything leaves. */
export function pendingLines(p: PendingProbes, width: number): Line[] {
  return [
    line(`y sends these ${probeCountWords(p.plan)} from this host (a few seconds):`, 'warn'),
    ...p.plan.probes.flatMap((probe) => [
      cut(safeText(`  ${probe.title}`), width),
      cut(safeText(`    $ ${commandKey(probe.argv)}`), width, 'dim'),
    ]),
    ...p.plan.skipped.map((s) => cut(safeText(`  not sent: ${s}`), width, 'dim')),
    line('y: send them  n or Esc: send nothing', 'heading'),
  ];
}

function runHeadline(run: ProbeJobState): Line {
  const total = sureProbes(run.plan).length;
  const done = run.outcomes.filter((o) => !o.probe.onlyIfPingFails).length;
  switch (run.status) {
    case 'running':
      return line(`Probes: ${done} of ${total} done, sending…  x: stop`, 'warn');
    case 'done':
      return line(`Probes: ${done} of ${total} ran; their findings are below  p: again`, 'good');
    case 'cancelled':
      return line(`Probes: stopped after ${done} of ${total}  p: again`, 'warn');
    case 'failed':
      return line(`Probes failed: ${safeText(run.error ?? 'unknown error')}`, 'bad');
  }
}

/** The run of the probes, one line each: what came back, or that it waits. */
export function runLines(run: ProbeJobState, width: number): Line[] {
  const lines = [runHeadline(run)];
  for (const probe of run.plan.probes) {
    const o = run.outcomes.find((x) => x.probe.id === probe.id);
    const [state, tone]: [string, Line['tone']] = o
      ? o.error
        ? [`could not run (${o.error})`, 'warn']
        : o.answered
          ? ['answered', 'good']
          : ['no answer', 'bad']
      : run.running === probe.id
        ? ['sending…', 'normal']
        : probe.onlyIfPingFails && run.status !== 'running'
          ? ['not needed', 'dim']
          : [run.status === 'running' ? 'waiting' : 'not run', 'dim'];
    lines.push(cut(safeText(`  ${state.padEnd(10)} ${probe.title}`), width, tone));
  }
  return lines;
}

export function headlineText(f: Finding, width: number): string {
  return cut(safeText(`${f.severity.padEnd(7)} ${f.code}  ${f.title}`), width).text;
}

/** The first row shown of a list of `total` rows, `height` high, keeping `selected` in sight. */
export function windowStart(total: number, selected: number, height: number): number {
  return Math.max(0, Math.min(selected - Math.floor(height / 2), total - height));
}

export interface ListScreen {
  readonly head: readonly Line[];
  /** Only the rows in sight: a list of 10,000 findings builds `height` lines. */
  readonly rows: readonly Line[];
  /** Which of `rows` is selected; null when none is shown. */
  readonly selectedRow: number | null;
}

export function listScreen(
  model: DoctorModel,
  v: DoctorView,
  run: ProbeJobState | null,
  width: number,
  rows: number,
): ListScreen {
  const top = v.line.open
    ? questionLines(v, width)
    : [v.message ? fit(safeText(v.message), width, 2, 'warn') : [keysLine(v)]].flat();
  const findings = model.findings;
  const heading =
    findings.length === 0
      ? line(model.path ? 'No problems found on this host or path.' : 'No problems found.', 'good')
      : line(
          `Findings (${findings.length}), errors first: ↑/↓ select, Enter: why, evidence, fix`,
          'heading',
        );
  let head = [
    ...top,
    ...roleLines(model, width),
    ...pathLines(model, width),
    ...(v.pending ? pendingLines(v.pending, width) : run ? runLines(run, width) : []),
    heading,
  ];
  // At least two rows of findings stay in sight under a long head.
  const maxHead = Math.max(1, rows - Math.min(2, findings.length));
  if (head.length > maxHead) head = [...head.slice(0, maxHead - 1), heading];
  const height = Math.max(0, rows - head.length);
  const at = Math.min(v.selected, Math.max(0, findings.length - 1));
  const first = windowStart(findings.length, at, height);
  const shown = findings.slice(first, first + height);
  return {
    head,
    rows: shown.map((f) => line(headlineText(f, width), TONES[f.severity])),
    selectedRow: shown.length ? at - first : null,
  };
}

const TONES: Readonly<Record<Finding['severity'], Line['tone']>> = {
  error: 'bad',
  warning: 'warn',
  info: 'normal',
};

/** The opened finding: a line of where it is and how to leave, then its whole text. */
export function detailHead(model: DoctorModel, at: number): Line {
  return line(
    `Finding ${at + 1} of ${model.findings.length}  Esc: back  ↑/↓ PgUp/PgDn: scroll  M: report`,
    'dim',
  );
}

export function detailLines(f: Finding, width: number): Line[] {
  return findingDetailLines(f, width);
}

/** The last first line of an opened finding, as DocumentView draws it in `rows - 1` rows. */
export function detailMax(lines: number, rows: number): number {
  const body = rows - 1;
  return lines > body ? lines - (body - 1) : 0;
}
