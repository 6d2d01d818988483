/**
 * plan-loop: routers hand a packet to each other, round and round, until its TTL runs out.
 * Each loop is reported once, with the routes that close it.
 */
import type { Evidence, Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { PlanQuestion } from '../../plan/question.js';
import { planLine } from './plan-evidence.js';

function run({ plan, simulation }: PlanQuestion): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const path of simulation.paths) {
    if (path.stop.kind !== 'loop') continue;
    const routers = path.stop.routers;
    const key = `${[...routers].sort().join(',')}>${path.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const inLoop = path.hops.filter((h) => h.router !== null && routers.includes(h.router));
    const evidence: Evidence[] = inLoop.flatMap((h) =>
      h.route?.source ? planLine(plan, h.route.source.pos) : [],
    );
    out.push({
      code: 'plan-loop',
      severity: 'error',
      title: `packets to ${path.to} loop between ${routers.join(', ')}`,
      why:
        `A packet from ${path.from} to ${path.to} ${path.reason}. Each router's route points at the next ` +
        `one, and none of them is attached to ${path.to}: fix the route that points the wrong way.`,
      evidence,
      fix: [],
      subject: `${routers.join(' -> ')} (${path.to})`,
    });
  }
  return out;
}

const DOCS: CodeDocs = {
  'plan-loop': {
    title: 'routers hand a packet round and round',
    severity: { error: 'always' },
    means: 'In the plan, routers pass a packet to each other in a circle until its TTL runs out.',
    matters:
      'The packet never arrives, and each copy costs every router on the loop a forward; traceroute shows the same hops repeating.',
    proof:
      "From the plan's simulation: a walk that comes back to a router it already passed. Each loop is reported once, with the routes that close it.",
    fix: 'Change one of the routes that close the loop so it points toward the destination.',
    box: 'a router on the loop (named in the finding)',
  },
};

export const planLoopRule: Rule = {
  id: 'plan-loop',
  topic: 'plan',
  codes: ['plan-loop'],
  docs: DOCS,
  run: (ctx) => (ctx.plan ? run(ctx.plan) : []),
};
