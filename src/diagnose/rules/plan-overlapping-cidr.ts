/**
 * plan-overlapping-cidr: two networks share addresses. A router attached to both cannot tell
 * which side an address is on, and routes for one catch traffic meant for the other.
 */
import { cidrsOverlap } from '../../net/cidr.js';
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { PlanQuestion } from '../../plan/question.js';
import { planLine } from './plan-evidence.js';

function run({ plan }: PlanQuestion): Finding[] {
  const out: Finding[] = [];
  plan.networks.forEach((a, i) => {
    for (const b of plan.networks.slice(i + 1)) {
      if (!cidrsOverlap(a.cidr, b.cidr)) continue;
      out.push({
        code: 'plan-overlapping-cidr',
        severity: 'error',
        title: `${a.name} (${a.cidr.text}) and ${b.name} (${b.cidr.text}) overlap`,
        why:
          `Every address of the smaller network is also in the larger one. A router asked for such an ` +
          `address picks one side by the longest prefix, and hosts on the other side are cut off. ` +
          `Give each network its own range.`,
        evidence: [...planLine(plan, a.pos), ...planLine(plan, b.pos)],
        fix: [],
        subject: `${a.cidr.text} ${b.cidr.text}`,
      });
    }
  });
  return out;
}

const DOCS: CodeDocs = {
  'plan-overlapping-cidr': {
    title: 'two networks of the plan share addresses',
    severity: { error: 'always' },
    means: 'Two networks in the plan overlap.',
    matters:
      'A router attached to both cannot tell which side an address is on, and routes for one catch traffic meant for the other.',
    proof: 'From the plan file: every pair of networks compared.',
    fix: 'Renumber one of the networks so they are disjoint.',
    box: 'the plan',
  },
};

export const planOverlappingCidrRule: Rule = {
  id: 'plan-overlapping-cidr',
  topic: 'plan',
  codes: ['plan-overlapping-cidr'],
  docs: DOCS,
  run: (ctx) => (ctx.plan ? run(ctx.plan) : []),
};
