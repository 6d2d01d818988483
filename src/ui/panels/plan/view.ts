/**
 * The Plan panel's words: the head line (the plan, the question line, --prove's progress),
 * and the document under the matrix (the selected pair both ways, the expectations, what
 * --prove saw, the findings). Built from src/report/plan.ts, so the CLI says the same. Pure.
 */
import { documentLines, line, type Line } from '../../../report/document.js';
import { findingsSection, wrap } from '../../../report/findings.js';
import {
  expectationResults,
  expectationsSection,
  pairSection,
  proveSection,
} from '../../../report/plan.js';
import type { Finding } from '../../../diagnose/finding.js';
import type { PlanQuestion } from '../../../plan/question.js';
import { promptLine } from '../../question/view.js';
import { safeText } from '../../../text/safe.js';
import type { PlanView } from './state.js';
import type { ProveRun } from './prove-job.js';
import type { ProveProgress } from '../../ports.js';
import { delivered } from '../../../plan/simulate.js';

/** A line broken at spaces to `width`, its continuation indented like the line. */
function breakLine(l: Line, width: number): Line[] {
  if ([...l.text].length <= width) return [l];
  const indent = /^ */.exec(l.text)?.[0] ?? '';
  const more = `${indent}  `;
  return wrap(l.text.trimStart(), Math.max(10, width - more.length)).map((t, i) =>
    line(i === 0 ? indent + t : more + t, l.tone),
  );
}

export function fitLines(lines: readonly Line[], width: number): Line[] {
  return lines.flatMap((l) => breakLine(l, width));
}

/** Before any plan is open: what the panel is for and how to start. */
export function emptyLines(width: number): Line[] {
  return fitLines(
    [
      line('No plan open.', 'heading'),
      line(''),
      line(
        'A plan is a YAML file of networks, the routers that join them and their static routes. This panel works out, hop by hop, which networks reach which, and which route is missing where.',
      ),
      line(''),
      line('o                                 open a plan file (type its path)'),
      line('netdoctor --plan FILE             opens the TUI here with FILE', 'dim'),
      line('netdoctor plan --from-host -o F   writes this host as a plan to start from', 'dim'),
      line('examples/plans/ in the source holds three plans to try', 'dim'),
    ],
    width,
  );
}

/** The kernel's word on the pairs, in one line. */
function agreement(q: PlanQuestion): { text: string; ok: boolean } | null {
  const prove = q.prove;
  if (!prove) return null;
  const agree = prove.pairs.filter((p) => {
    const there = delivered(q.simulation, p.from, p.to);
    const back = there && delivered(q.simulation, p.to, p.from);
    return p.delivered === there && p.replied === back;
  }).length;
  const refused = prove.routes.filter((r) => !r.added).length;
  return {
    text: `the kernel agrees with the simulation on ${agree} of ${prove.pairs.length} pairs${refused ? `; ip refused ${refused} routes` : ''} (${(prove.durationMs / 1000).toFixed(1)} s)`,
    ok: agree === prove.pairs.length,
  };
}

/** The lines above the matrix: at most a few, each a sentence broken at spaces. */
export function headLines(
  v: PlanView,
  q: PlanQuestion | null,
  run: ProveRun | null,
  width: number,
): Line[] {
  if (v.line.open) {
    const keys = v.reading ? '  reading…' : '  (Enter opens, Esc closes)';
    const asked = line(promptLine('plan file: ', v.line, keys, width));
    return [asked, ...fitLines(v.pathError ? [line(safeText(v.pathError), 'bad')] : [], width)];
  }
  if (v.ask) {
    return fitLines(
      [
        line(
          `--prove builds ${v.ask.namespaces} network namespaces on this machine (as root, none joined to its interfaces), pings ${v.ask.pairs} pairs and deletes them: about ${v.ask.seconds} s. Enter or P starts, Esc does not.`,
          'warn',
        ),
      ],
      width,
    );
  }
  if (v.message) return fitLines([line(safeText(v.message), 'warn')], width);
  const head: Line[] = [];
  if (q) {
    const results = expectationResults(q.plan, q.simulation);
    const failed = results.filter((r) => !r.ok).length;
    // The verdict first: a long path is what the edge cuts.
    head.push(
      line(
        `${failed ? `${failed} of ${results.length} expectations FAIL` : `all ${results.length} expectations hold`}  ${q.plan.networks.length} networks, ${q.plan.routers.length} routers  ${safeText(q.plan.file)}`,
        failed ? 'bad' : 'good',
      ),
    );
  }
  const proving = run ? proveLine(run, q) : null;
  if (proving) head.push(...fitLines([proving], width));
  else if (q) head.push(line('arrows: pick a pair  j/k: scroll  o: open  P: prove', 'dim'));
  return head;
}

const STAGE_WORDS: Readonly<Record<ProveProgress['stage'], string>> = {
  building: 'building namespaces',
  routes: 'adding routes',
  pinging: 'pinging pairs',
  'tearing down': 'deleting namespaces',
};

function proveLine(run: ProveRun, q: PlanQuestion | null): Line | null {
  const ours = q !== null && run.plan === q.plan;
  switch (run.status) {
    case 'running': {
      const p = run.progress;
      if (p?.stage === 'tearing down') {
        return line(`--prove: deleting its namespaces ${p.done}/${p.total}`, 'warn');
      }
      const step = p ? `${STAGE_WORDS[p.stage]} ${p.done}/${p.total}` : 'checking root';
      return line(
        `--prove: ${step}, about ${run.seconds} s in all; x stops (namespaces deleted)`,
        'warn',
      );
    }
    case 'cancelled':
      return ours ? line('--prove stopped: its namespaces are deleted', 'warn') : null;
    case 'failed':
      return ours
        ? line(`--prove failed: ${safeText(run.error ?? 'no reason given')}`, 'bad')
        : null;
    case 'done': {
      const said = ours && q ? agreement(q) : null;
      return said ? line(`--prove: ${said.text}`, said.ok ? 'good' : 'bad') : null;
    }
  }
}

/** Under the matrix: the selected pair both ways, expectations, --prove, findings. */
export function documentFor(
  q: PlanQuestion,
  findings: readonly Finding[],
  from: string,
  to: string,
  width: number,
): Line[] {
  const prove = proveSection(q);
  // The matrix shows every pair: of the expectations, only those that fail need words.
  const expected = expectationsSection(q.plan, q.simulation);
  const failing = expected.lines.filter((l) => l.tone === 'bad');
  return fitLines(
    documentLines([
      pairSection(q.simulation, from, to),
      {
        title: expected.title,
        lines: failing.length ? failing : [line('every expectation holds', 'good')],
      },
      ...(prove ? [prove] : []),
      findingsSection(findings),
    ]),
    width,
  );
}
