/**
 * plan-duplicate-address: two router interfaces hold one address. Both answer ARP for it;
 * whichever answers last gets the traffic, and routes via that address go astray.
 */
import { ipText, ipValue } from '../../net/cidr.js';
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { PlanQuestion } from '../../plan/question.js';
import type { PlanInterface, PlanRouter } from '../../plan/types.js';
import { planLine } from './plan-evidence.js';

function run({ plan }: PlanQuestion): Finding[] {
  const holders = new Map<string, { router: PlanRouter; iface: PlanInterface }[]>();
  for (const router of plan.routers) {
    for (const iface of router.interfaces) {
      const v = ipValue(iface.address);
      if (!v) continue;
      const key = ipText(v);
      holders.set(key, [...(holders.get(key) ?? []), { router, iface }]);
    }
  }
  const out: Finding[] = [];
  for (const [address, list] of holders) {
    if (list.length < 2) continue;
    const names = list.map((h) => `${h.router.name} (${h.iface.network})`);
    out.push({
      code: 'plan-duplicate-address',
      severity: 'error',
      title: `${address} is given to ${names.join(' and ')}`,
      why:
        `Two interfaces answer ARP for ${address}. Neighbours keep whichever answered last, so packets ` +
        `meant for one router go to the other, and routes via ${address} change with the wind.`,
      evidence: list.flatMap((h) => planLine(plan, h.iface.pos)),
      fix: [],
      subject: address,
    });
  }
  return out;
}

const DOCS: CodeDocs = {
  'plan-duplicate-address': {
    title: 'two router interfaces hold one address',
    severity: { error: 'always' },
    means: 'The plan gives the same address to two router interfaces.',
    matters:
      'Both answer ARP for it; whichever answers last gets the traffic, and routes via that address go astray.',
    proof: 'From the plan file: every interface address, compared.',
    fix: "Give one of the interfaces another address of its network (the plan's lines are named by FILE:LINE).",
    box: 'the plan (then the router it describes)',
  },
};

export const planDuplicateAddressRule: Rule = {
  id: 'plan-duplicate-address',
  topic: 'plan',
  codes: ['plan-duplicate-address'],
  docs: DOCS,
  run: (ctx) => (ctx.plan ? run(ctx.plan) : []),
};
