/**
 * plan-loop: routers hand a packet to each other, round and round, until its TTL runs out.
 * Each loop is reported once, with the routes that close it.
 */
import type { Evidence, Finding } from '../finding.js';
import type { Rule } from '../rule.js';
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

export const planLoopRule: Rule = {
  id: 'plan-loop',
  topic: 'plan',
  codes: ['plan-loop'],
  run: (ctx) => (ctx.plan ? run(ctx.plan) : []),
};
