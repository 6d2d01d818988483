/**
 * plan-next-hop-not-on-link: a static route's next hop is on no network the router is
 * attached to. The router cannot ARP for it; `ip route add` refuses the route outright.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { PlanQuestion } from '../../plan/question.js';
import { planLine } from './plan-evidence.js';

function run({ plan, simulation }: PlanQuestion): Finding[] {
  const out: Finding[] = [];
  for (const router of plan.routers) {
    const table = simulation.tables.get(router.name);
    for (const rejected of table?.rejected ?? []) {
      if (rejected.kind === 'exists') continue;
      const nets = router.interfaces.map(
        (f) => `${f.network} ${plan.networks.find((n) => n.name === f.network)?.cidr.text ?? ''}`,
      );
      out.push({
        code: 'plan-next-hop-not-on-link',
        severity: 'error',
        title:
          rejected.kind === 'local-gateway'
            ? `${router.name}: next hop ${rejected.route.via ?? ''} of ${rejected.route.text} is its own address`
            : `${router.name}: next hop ${rejected.route.via ?? ''} of ${rejected.route.text} is not on a network it is attached to`,
        why:
          `A next hop must be a neighbour: an address on one of ${router.name}'s own networks ` +
          `(${nets.join(', ')}), which it can ARP for. ${rejected.reason}; the route does not exist, ` +
          `and traffic for ${rejected.route.prefix.text} takes whatever route is left.`,
        evidence: planLine(plan, rejected.route.pos),
        fix: [],
        subject: `${router.name}: ${rejected.route.text}`,
      });
    }
  }
  return out;
}

const DOCS: CodeDocs = {
  'plan-next-hop-not-on-link': {
    title: "a static route's next hop is on no network the router is attached to",
    severity: { error: 'always' },
    means: "A route in the plan names a next hop outside every network of the router's interfaces.",
    matters:
      'The router cannot ARP for it; `ip route add` refuses the route outright ("Nexthop has invalid gateway").',
    proof: "From the plan file: the next hop compared with each interface's network.",
    fix: "Correct the next hop to an address on one of the router's networks (often a typo).",
    box: 'the plan (then the router it describes)',
  },
};

export const planNextHopNotOnLinkRule: Rule = {
  id: 'plan-next-hop-not-on-link',
  topic: 'plan',
  codes: ['plan-next-hop-not-on-link'],
  docs: DOCS,
  run: (ctx) => (ctx.plan ? run(ctx.plan) : []),
};
