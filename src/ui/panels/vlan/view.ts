/**
 * What the VLAN panel draws, as lines: the report (problems first, then the CLI's tree,
 * bridges and findings) or a make plan, broken at spaces to the terminal's width so nothing
 * is cut off at 80 columns; and the one line on top that says what runs and which keys act.
 */
import { diagnose } from '../../../diagnose/diagnose.js';
import { vlanTree, type VlanRates } from '../../../net/vlan.js';
import type { VlanPlan } from '../../../net/vlan-make.js';
import { documentLines, line, type Line } from '../../../report/document.js';
import { vlanPlanSections, vlanProblemsSection, vlanSections } from '../../../report/vlan.js';
import type { HostState } from '../../../state/host-state.js';
import { safeText } from '../../../text/safe.js';
import type { RatesState } from './rates-job.js';
import { MAKE_USAGE } from './make.js';
import type { VlanView } from './state.js';

/** Cuts one line into lines of at most `width` characters at spaces, continuations indented. */
function breakLine(l: Line, width: number): Line[] {
  let rest = [...l.text];
  if (rest.length <= width) return [l];
  const indent = rest.findIndex((c) => c !== ' ');
  const pad = [...' '.repeat(Math.min(Math.max(0, indent) + 4, Math.floor(width / 2)))];
  const out: Line[] = [];
  let from = Math.max(0, indent) + 1;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut < from) cut = width;
    out.push(line(rest.slice(0, cut).join('').trimEnd(), l.tone));
    let tail = rest.slice(cut);
    while (tail[0] === ' ') tail = tail.slice(1);
    rest = [...pad, ...tail];
    from = pad.length + 1;
  }
  out.push(line(rest.join(''), l.tone));
  return out;
}

export function fitLines(lines: readonly Line[], width: number): Line[] {
  return lines.flatMap((l) => breakLine(l, Math.max(10, width)));
}

/** The panel's report of a host: what is wrong (headlines), tree, bridges, findings. */
export function reportLines(host: HostState, rates: readonly VlanRates[], width: number): Line[] {
  const findings = diagnose({ host, asked: ['vlan'] }, ['vlan']);
  const sections = vlanSections(host, vlanTree(host), findings, rates);
  const problems = findings.length ? [vlanProblemsSection(findings, Math.max(20, width - 2))] : [];
  return fitLines(documentLines([...problems, ...sections]), width);
}

export function planLines(plan: VlanPlan, width: number): Line[] {
  return fitLines(
    [
      line('This shows; it runs nothing. Copy what you need.  Esc: back to the VLANs', 'dim'),
      line(''),
      ...documentLines(vlanPlanSections(plan)),
    ],
    width,
  );
}

/** The last `max` characters, so the end of a long question (where one types) stays seen. */
function tail(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `…${chars.slice(chars.length - max + 1).join('')}`;
}

/** The question line and, under it, its refusal or how to answer. */
export function questionLines(v: VlanView, width: number): Line[] {
  const prompt = 'make VLAN> ';
  const help = '  Enter: show  Esc: cancel';
  const room = Math.max(8, width - prompt.length - help.length - 1);
  return [
    line(`${prompt}${tail(safeText(v.text), room)}▏${help}`, 'heading'),
    v.answer?.kind === 'refused'
      ? line(`refused: ${safeText(v.answer.reason)}`, 'bad')
      : line(MAKE_USAGE, 'dim'),
  ];
}

function rateStatus(r: RatesState): Line {
  switch (r.status) {
    case 'running':
      if (r.reads < 2 || r.seconds === null) {
        return line('rates: reading the counters, the first rates in a second…  x: stop');
      }
      return line(
        `rates: live from the last two reads, ${r.seconds.toFixed(1)} s apart (read ${r.reads})  x: stop`,
        'good',
      );
    case 'failed':
      return line(`rates stopped: ${safeText(r.error ?? 'the read failed')}  t: again`, 'bad');
    case 'done':
    case 'cancelled':
      return line(`rates stopped after ${r.reads} reads  t: again`, 'dim');
  }
}

/** The line above the report: a message, the rates job, or the keys. */
export function statusLine(v: VlanView, rates: RatesState | null): Line {
  if (v.message) return line(safeText(v.message), 'warn');
  if (rates) return rateStatus(rates);
  return line('t: live rates  m: make a VLAN  j/k PgUp/PgDn: scroll  ?: keys', 'dim');
}
