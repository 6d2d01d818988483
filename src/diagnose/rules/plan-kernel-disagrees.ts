/**
 * plan-kernel-disagrees: --prove built the plan in namespaces and the kernel answered a pair
 * (or a route) differently from the simulation. Either netdoctor has a bug or the plan uses
 * something it does not model; the kernel's answer is the true one.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { PlanQuestion } from '../../plan/question.js';
import { delivered, pathOf } from '../../plan/simulate.js';

const yes = (b: boolean): string => (b ? 'yes' : 'no');

function run({ simulation, prove }: PlanQuestion): Finding[] {
  if (!prove) return [];
  const out: Finding[] = [];
  for (const p of prove.pairs) {
    const there = delivered(simulation, p.from, p.to);
    const answered = there && delivered(simulation, p.to, p.from);
    if (p.delivered === there && p.replied === answered) continue;
    const path = pathOf(simulation, p.from, p.to);
    out.push({
      code: 'plan-kernel-disagrees',
      severity: 'error',
      title: `${p.from} -> ${p.to}: the kernel and the simulation disagree`,
      why:
        `Simulated: arrives ${yes(there)}, answered ${yes(answered)} (${path?.reason ?? 'no path'}). ` +
        `Kernel: arrives ${yes(p.delivered)}, answered ${yes(p.replied)}. Trust the kernel, and please report the plan.`,
      evidence: [{ source: p.command, text: p.output }],
      fix: [],
      subject: `${p.from} -> ${p.to}`,
    });
  }
  for (const r of prove.routes) {
    const table = simulation.tables.get(r.router);
    const simAdded = !(table?.rejected ?? []).some((x) => x.route.text === r.route);
    if (simAdded === r.added) continue;
    out.push({
      code: 'plan-kernel-disagrees',
      severity: 'error',
      title: `${r.router}: ${r.route}: the kernel ${r.added ? 'accepted' : 'refused'} it, the simulation did not expect so`,
      why: `ip route add ${r.added ? 'accepted the route' : `refused the route: ${r.error}`}; netdoctor expected the opposite.`,
      evidence: [
        {
          source: `ip route add ${r.route} (on ${r.router})`,
          text: r.added ? 'accepted' : r.error,
        },
      ],
      fix: [],
      subject: `${r.router}: ${r.route}`,
    });
  }
  return out;
}

const DOCS: CodeDocs = {
  'plan-kernel-disagrees': {
    title: "the kernel answered a pair or a route differently from netdoctor's simulation",
    severity: { error: "always: the kernel's answer is the true one" },
    means:
      "`plan --prove` built the plan in network namespaces, and the kernel refused a route or delivered (or dropped) a pair's ping other than the simulation said.",
    matters:
      "Either netdoctor has a bug or the plan uses something it does not model; until it is understood, the simulation's other answers are not to be trusted.",
    proof:
      "From --prove: the plan built as namespaces, veths and bridges, each route added one by one, each pair pinged once, the receiving host's echo counter read.",
    fix: "Read the kernel's answer in the evidence and change the plan accordingly; report the case if the plan is right.",
    box: 'the plan',
  },
};

export const planKernelDisagreesRule: Rule = {
  id: 'plan-kernel-disagrees',
  topic: 'plan',
  codes: ['plan-kernel-disagrees'],
  docs: DOCS,
  run: (ctx) => (ctx.plan ? run(ctx.plan) : []),
};
