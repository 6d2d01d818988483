/**
 * The plan as words and data: the reach matrix, each pair's path hop by hop, the
 * expectations, and what --prove saw. The command prints these Sections; the Plan panel
 * will show the same Sections and move a selection over the matrix data.
 */
import { line, type Line, type Section } from './document.js';
import { tableLines } from './table.js';
import { findingsSection, safeFinding } from './findings.js';
import { safeText } from '../text/safe.js';
import type { Finding } from '../diagnose/finding.js';
import type { PlanQuestion } from '../plan/question.js';
import {
  delivered,
  expectedPairs,
  reach,
  type PairPath,
  type Reach,
  type Simulation,
} from '../plan/simulate.js';
import type { Plan } from '../plan/types.js';
import { padColumns } from '../text/width.js';
import { jsonDocument, type EndReason } from './json-document.js';

export interface MatrixData {
  /** Row and column order: the plan's networks. */
  readonly networks: readonly string[];
  /** cells[row][col]: null on the diagonal and across families. */
  readonly cells: readonly (readonly (Reach | null)[])[];
}

export function planMatrix(plan: Plan, sim: Simulation): MatrixData {
  const networks = plan.networks.map((n) => n.name);
  return {
    networks,
    cells: networks.map((from) =>
      networks.map((to) => (from === to ? null : reach(sim, from, to))),
    ),
  };
}

export const REACH_WORDS: Readonly<Record<Reach, string>> = {
  both: 'reaches',
  'one-way': 'one way',
  no: 'no',
};

export function matrixSection(plan: Plan, sim: Simulation): Section {
  const m = planMatrix(plan, sim);
  const names = m.networks.map((n) => safeText(n));
  const rows = m.cells.map((row, i) => [
    names[i] ?? '',
    ...row.map((c, j) => (i === j ? '-' : c === null ? '' : REACH_WORDS[c])),
  ]);
  const lines: Line[] = tableLines(['from \\ to', ...names], rows).map((t, i) =>
    line(t, i === 0 ? 'dim' : 'normal'),
  );
  lines.push(
    line(
      'reaches: arrives and is answered; one way: arrives, the answer is lost; no: never arrives',
      'dim',
    ),
  );
  return { title: 'Reach (row sends to column)', lines };
}

/** One pair's path: each hop with the route it matched, then where and why it ends. */
export function pathLines(path: PairPath): Line[] {
  const ok = path.stop.kind === 'delivered';
  const lines: Line[] = [
    line(
      `${safeText(path.from)} -> ${safeText(path.to)}  (${path.src} -> ${path.dst})  ${ok ? 'arrives' : 'FAILS'}`,
      ok ? 'good' : 'bad',
    ),
  ];
  path.hops.forEach((h, i) => {
    const route = h.route
      ? safeText(h.route.text)
      : i === path.hops.length - 1 && ok
        ? '(destination)'
        : 'no route';
    lines.push(line(`  ${i + 1}. ${padColumns(safeText(h.node), 22)} ${route}`));
  });
  if (!ok) lines.push(line(`  stops: ${safeText(path.reason)}`, 'bad'));
  return lines;
}

export function pathsSection(sim: Simulation, only?: (p: PairPath) => boolean): Section {
  const paths = only ? sim.paths.filter(only) : sim.paths;
  return {
    title: 'Paths',
    lines: paths.flatMap((p, i) => [...(i > 0 ? [line('')] : []), ...pathLines(p)]),
  };
}

export interface ExpectationResult {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly ok: boolean;
}

export function expectationResults(plan: Plan, sim: Simulation): ExpectationResult[] {
  return expectedPairs(plan, sim).map((e) => ({ ...e, ok: delivered(sim, e.from, e.to) }));
}

/** Above this many expectations that hold, they are counted rather than listed one a line. */
export const LISTED_HOLDING = 200;

export function expectationsSection(plan: Plan, sim: Simulation): Section {
  const results = expectationResults(plan, sim);
  const failed = results.filter((r) => !r.ok).length;
  const held = results.length - failed;
  // A big plan holds a million pairs: a million "ok" lines hide the few that fail.
  const listed = held <= LISTED_HOLDING ? results : results.filter((r) => !r.ok);
  const lines = listed.map((r) =>
    line(
      `${r.ok ? 'ok    ' : 'FAILED'} ${safeText(r.from)} -> ${safeText(r.to)}   (${safeText(r.text)})`,
      r.ok ? 'good' : 'bad',
    ),
  );
  if (listed.length < results.length) {
    lines.push(line(`ok     ${held} more pairs arrive (--json lists each)`, 'good'));
  }
  return { title: `Expectations (${held} of ${results.length} hold)`, lines };
}

export function proveSection(q: PlanQuestion): Section | null {
  const prove = q.prove;
  if (!prove) return null;
  const lines: Line[] = [];
  let agree = 0;
  for (const p of prove.pairs) {
    const sim = delivered(q.simulation, p.from, p.to);
    const simBack = sim && delivered(q.simulation, p.to, p.from);
    const same = sim === p.delivered && simBack === p.replied;
    if (same) agree++;
    else {
      lines.push(
        line(
          `DIFFERS ${safeText(p.from)} -> ${safeText(p.to)}: kernel arrives ${p.delivered ? 'yes' : 'no'}, answered ${p.replied ? 'yes' : 'no'}`,
          'bad',
        ),
      );
    }
  }
  const refused = prove.routes.filter((r) => !r.added);
  for (const r of refused) {
    lines.push(
      line(`ip refused ${safeText(r.router)}: ${safeText(r.route)}: ${safeText(r.error)}`, 'warn'),
    );
  }
  lines.unshift(
    line(
      `the kernel agrees with the simulation on ${agree} of ${prove.pairs.length} pairs (${(prove.durationMs / 1000).toFixed(1)} s)`,
      agree === prove.pairs.length ? 'good' : 'bad',
    ),
  );
  return { title: 'Proved in namespaces', lines };
}

/** Everything `netdoctor plan` prints, in order. */
export function planSections(q: PlanQuestion, findings: readonly Finding[]): Section[] {
  const { plan, simulation } = q;
  const failing = new Set(
    expectationResults(plan, simulation)
      .filter((r) => !r.ok)
      .map((r) => `${r.from}>${r.to}`),
  );
  const prove = proveSection(q);
  return [
    {
      title: `Plan ${safeText(plan.file)}`,
      lines: [
        line(
          `${plan.networks.length} networks, ${plan.routers.length} routers, ${plan.routers.reduce((n, r) => n + r.routes.length, 0)} static routes`,
        ),
        ...simulation.hosts.map((h) =>
          line(
            `  test host on ${safeText(h.network)}: ${h.address}, gateway ${h.gateway ? `${safeText(h.gateway.router)} (${h.gateway.address})` : 'none'}`,
            'dim',
          ),
        ),
        ...plan.networks
          .filter((n) => !simulation.hosts.some((h) => h.network === n.name))
          .map((n) =>
            line(
              `  no test host on ${safeText(n.name)}: the routers hold every address of ${n.cidr.text} (its row and column stay empty)`,
              'dim',
            ),
          ),
      ],
    },
    matrixSection(plan, simulation),
    expectationsSection(plan, simulation),
    ...(failing.size > 0
      ? [
          {
            ...pathsSection(simulation, (p) => failing.has(`${p.from}>${p.to}`)),
            title: 'Failing paths',
          },
        ]
      : []),
    ...(prove ? [prove] : []),
    findingsSection(findings.map(safeFinding)),
  ];
}

function pathJson(p: PairPath): unknown {
  return {
    from: p.from,
    to: p.to,
    src: p.src,
    dst: p.dst,
    delivered: p.stop.kind === 'delivered',
    stop: p.stop.kind,
    reason: p.reason,
    hops: p.hops.map((h) => ({ node: h.node, route: h.route?.text ?? null })),
  };
}

/** The --json object: true values, as the plan and the simulation hold them. */
export function planJson(q: PlanQuestion, findings: readonly Finding[]): unknown {
  return planJsonWith(q, findings, q.simulation.paths.map(pathJson));
}

/**
 * A report is made only once the plan was checked (and proved) to the end: `end` is done.
 * An interrupted --prove prints `planEndJson` instead.
 */
function planJsonWith(q: PlanQuestion, findings: readonly Finding[], paths: unknown): unknown {
  const { plan, simulation } = q;
  return jsonDocument('plan', {
    file: plan.file,
    networks: plan.networks.map((n) => ({ name: n.name, cidr: n.cidr.text, gateway: n.gateway })),
    hosts: simulation.hosts,
    matrix: planMatrix(plan, simulation),
    expectations: expectationResults(plan, simulation),
    paths,
    ...(q.prove ? { prove: q.prove } : {}),
    findings,
    end: { reason: 'done' },
  });
}

/** The document of a --prove that a signal or an error ended before its report. */
export function planEndJson(file: string, end: EndReason) {
  return jsonDocument('plan', { file, end });
}

/**
 * The --json text (as `JSON.stringify(planJson(…), null, 2)` and a newline), in pieces of a
 * thousand paths: the paths of a big plan come to more text than one string can hold.
 */
export function* planJsonText(q: PlanQuestion, findings: readonly Finding[]): Generator<string> {
  const marker = '\u0000paths\u0000';
  const whole = planJsonWith(q, findings, marker);
  const [head = '', tail = ''] = JSON.stringify(whole, null, 2).split(JSON.stringify(marker));
  const paths = q.simulation.paths;
  if (paths.length === 0) {
    yield `${head}[]${tail}\n`;
    return;
  }
  yield `${head}[\n`;
  for (let i = 0; i < paths.length; i += 1000) {
    yield paths
      .slice(i, i + 1000)
      .map((p, j) => {
        const text = JSON.stringify(pathJson(p), null, 2).replace(/\n/g, '\n    ');
        return `    ${text}${i + j < paths.length - 1 ? ',' : ''}\n`;
      })
      .join('');
  }
  yield `  ]${tail}\n`;
}

/** One pair both ways, as the Plan panel shows the selected cell: there, then back. */
export function pairSection(sim: Simulation, from: string, to: string): Section {
  const title = `Path ${safeText(from)} <-> ${safeText(to)}`;
  const there = sim.paths.find((p) => p.from === from && p.to === to);
  const back = sim.paths.find((p) => p.from === to && p.to === from);
  if (!there || !back) {
    return {
      title,
      lines: [line('no path: an IPv4 network and an IPv6 network do not reach each other', 'dim')],
    };
  }
  return { title, lines: [...pathLines(there), line(''), ...pathLines(back)] };
}
