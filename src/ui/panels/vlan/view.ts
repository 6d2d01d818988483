/**
 * What the VLAN panel draws, as lines: the report (problems first, then the CLI's tree,
 * bridges and findings) or a make plan, broken at spaces to the terminal's width so nothing
 * is cut off at 80 columns; and the one line on top that says what runs and which keys act.
 */
import { diagnose } from '../../../diagnose/diagnose.js';
import { vlanTree, type VlanRates } from '../../../net/vlan.js';
import type { VlanPlan } from '../../../net/vlan-make.js';
import { documentLines, line, type Line } from '../../../report/document.js';
import { fitLines } from '../../../report/fit.js';
import { promptLine } from '../../question/view.js';
import { vlanPlanSections, vlanProblemsSection, vlanSections } from '../../../report/vlan.js';
import type { HostState } from '../../../state/host-state.js';
import { safeText } from '../../../text/safe.js';
import type { RatesState } from './rates-job.js';
import { MAKE_USAGE } from './make.js';
import type { VlanView } from './state.js';

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

/** The question line and, under it, its refusal or how to answer. */
export function questionLines(v: VlanView, width: number): Line[] {
  const prompt = 'make VLAN> ';
  const help = '  Enter: show  Esc: cancel';
  return [
    line(promptLine(prompt, v.line, help, width), 'heading'),
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
