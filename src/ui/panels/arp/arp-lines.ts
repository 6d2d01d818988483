/**
 * What the ARP repair panel shows, as lines with tones: the address to choose, the four steps
 * as they stream, the confirmation, and the outcome with its story. Pure, so frames and the
 * words can be tested without a terminal.
 */
import { line, type Line, type Tone } from '../../../report/document.js';
import { findingLines } from '../../../report/findings.js';
import { STEP_TITLES, confirmLines, storyLines } from '../../../probes/garp/explain.js';
import { wrapWords } from '../../../probes/garp/text.js';
import { safeText } from '../../../text/safe.js';
import {
  GARP_STEPS,
  type GarpOutcome,
  type GarpStepId,
  type GarpStepReport,
} from '../../../probes/garp/types.js';
import type { AppView } from '../../panel-module.js';
import type { ArpRun, ArpState } from './arp-state.js';
import { arpCandidates } from './candidates.js';

const ICONS: Readonly<Record<GarpStepReport['status'] | 'pending', string>> = {
  pending: '·',
  running: '…',
  ok: '✓',
  problem: '✗',
  failed: '✗',
  skipped: '-',
};

const STEP_TONES: Readonly<Record<GarpStepReport['status'] | 'pending', Tone>> = {
  pending: 'dim',
  running: 'normal',
  ok: 'good',
  problem: 'bad',
  failed: 'bad',
  skipped: 'dim',
};

const OUTCOME_WORDS: Readonly<Record<GarpOutcome, [string, Tone]>> = {
  verified: ['Repaired', 'good'],
  sent: ['Announced (not verified)', 'warn'],
  unverified: ['Announced, but not verified', 'bad'],
  duplicate: ['Refused: someone else still holds the address', 'bad'],
  'not-local': ['Refused: the address is not on this host', 'bad'],
  'bad-request': ['Cannot repair', 'bad'],
  'tool-missing': ['Cannot repair: arping is missing', 'bad'],
  'needs-privilege': ['Cannot repair: no privilege', 'bad'],
  declined: ['Nothing sent', 'warn'],
  failed: ['Failed', 'bad'],
  cancelled: ['Cancelled', 'warn'],
};

function wrapped(text: string, columns: number, tone: Tone = 'normal', indent = '  '): Line[] {
  return wrapWords(safeText(text), columns, indent).map((t) => line(t, tone));
}

function modeLabel(arp: ArpState): string {
  return arp.mode === 'request' ? 'requests (arping -U)' : 'replies (arping -A)';
}

/**
 * The address chooser is lines of the panel's document, not an ink-select-input list: the
 * list sits above the repair's story in one scrolling document (the run keeps the chooser
 * under its outcome, to go again), and its keys must wait while a repair runs. SelectInput
 * reads up, down and Enter with its own input hook, outside the keymap that draws the help
 * and that the "every key on every panel" test walks, and it cannot share a scroll with the
 * text under it. Choosers that stand alone (Discover's interfaces and backend) use it.
 */
function chooserLines(state: AppView, arp: ArpState, columns: number): Line[] {
  const host = state.host;
  const lines: Line[] = [
    line('ARP repair: after moving an IP here, make the gateway send to this server', 'heading'),
  ];
  if (state.origin.kind !== 'live') {
    lines.push(
      ...wrapped(
        `This is a snapshot (${state.origin.path}): the repair sends from the host it runs on, so it works on a live host only. Run netdoctor on the server the address moved to.`,
        columns,
        'warn',
        '',
      ),
    );
    return lines;
  }
  if (!host) {
    lines.push(
      line(state.error ? `Could not read this host: ${state.error}` : 'Reading the host…'),
    );
    return lines;
  }
  const candidates = arpCandidates(host);
  if (candidates.length === 0) {
    lines.push(
      line('This host has no IPv4 address on an Ethernet interface: nothing to announce.', 'warn'),
    );
    return lines;
  }
  lines.push(line('The address that moved here (up/down to choose, Enter to check it):'));
  const selected = Math.min(arp.selected, candidates.length - 1);
  candidates.forEach((c, i) => {
    const mark = i === selected ? '›' : ' ';
    lines.push(
      line(` ${mark} ${c.ip}/${c.prefixlen} on ${c.iface}`, i === selected ? 'heading' : 'normal'),
    );
  });
  lines.push(line(`Send ${arp.count} unsolicited ARP ${modeLabel(arp)}   m: mode`, 'dim'));
  return lines;
}

function stepLine(step: GarpStepId, report: GarpStepReport | undefined, index: number): Line {
  const status = report?.status ?? 'pending';
  const title = `${index + 1} ${STEP_TITLES[step]}`.padEnd(26);
  return line(` ${ICONS[status]} ${title} ${report?.summary ?? ''}`.trimEnd(), STEP_TONES[status]);
}

function detailLines(report: GarpStepReport, columns: number): Line[] {
  return [
    line(`${STEP_TITLES[report.step]}`, 'heading'),
    ...report.explain.flatMap((t) => wrapped(t, columns)),
    ...(report.command ? [line(`  $ ${report.command}`, 'dim')] : []),
    ...report.output.map((t) => line(`  | ${t}`, 'dim')),
    ...(report.more ?? []).flatMap((run) => [
      line(`  $ ${run.command}`, 'dim'),
      ...run.output.map((t) => line(`  | ${t}`, 'dim')),
    ]),
  ];
}

/** The step to explain while running: the newest one that has started. */
function focusStep(run: ArpRun): GarpStepReport | undefined {
  return [...GARP_STEPS]
    .reverse()
    .map((s) => run.steps[s])
    .find((r) => r !== undefined);
}

function runLines(state: AppView, arp: ArpState, run: ArpRun, columns: number): Line[] {
  const lines: Line[] = [
    line(`ARP repair: ${run.request.ip} on ${run.request.iface ?? '?'}`, 'heading'),
    ...GARP_STEPS.map((s, i) => stepLine(s, run.steps[s], i)),
    line(''),
  ];
  if (run.phase === 'confirm' && run.plan) {
    lines.push(line('Confirm', 'heading'));
    for (const t of confirmLines(run.plan)) lines.push(...wrapped(t, columns, 'warn'));
    lines.push(line('  Send?  y yes, send   n no, send nothing', 'heading'));
    lines.push(line(''));
    for (const t of storyLines(run.plan)) lines.push(...wrapped(t, columns, 'dim'));
    return lines;
  }
  if (run.phase === 'finished' && run.report) {
    const [words, tone] = OUTCOME_WORDS[run.report.outcome];
    lines.push(line(words, tone === 'good' ? 'good' : tone));
    lines.push(...wrapped(run.report.message, columns, tone));
    // A finding's fix is shown under the finding, with the box it belongs on.
    const findingFixes = new Set(run.findings.flatMap((f) => f.fix));
    for (const fix of run.report.fix) {
      if (!findingFixes.has(fix)) lines.push(line(`  fix: ${fix}`));
    }
    for (const f of run.findings) lines.push(line(''), ...findingLines(f, columns));
    // Then the chooser, to go again, and every step's story, command and output below.
    lines.push(line(''), ...chooserLines(state, arp, columns).slice(1), line(''));
    for (const s of GARP_STEPS) {
      const r = run.steps[s];
      if (r && (r.explain.length > 0 || r.command))
        lines.push(...detailLines(r, columns), line(''));
    }
    return lines;
  }
  const focus = focusStep(run);
  if (focus) lines.push(...detailLines(focus, columns));
  lines.push(line(''));
  lines.push(line('x: cancel', 'dim'));
  return lines;
}

export function arpPanelLines(
  state: AppView,
  arp: ArpState,
  run: ArpRun | null,
  columns: number,
): Line[] {
  if (run === null || state.origin.kind !== 'live') return chooserLines(state, arp, columns);
  return runLines(state, arp, run, columns);
}
