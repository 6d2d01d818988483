import { describe, expect, it } from 'vitest';
import { planNextHopNotOnLinkRule } from './plan-next-hop-not-on-link.js';
import { runPlanRule, THREE_VPCS } from './plan-test-helpers.js';

describe('plan-next-hop-not-on-link', () => {
  it('names the route, the next hop and the line', () => {
    const f = runPlanRule(
      planNextHopNotOnLinkRule,
      THREE_VPCS.replace(
        '10.3.0.0/16 via 172.16.0.13]\n  vpc3',
        '10.3.0.0/16 via 172.16.9.13]\n  vpc3',
      ),
    );
    expect(f.map((x) => x.title)).toEqual([
      'vpc2: next hop 172.16.9.13 of 10.3.0.0/16 via 172.16.9.13 is not on a network it is attached to',
    ]);
    expect(f[0]?.evidence[0]?.source).toBe('p.yaml:12');
  });
  it('is quiet when every next hop is a neighbour', () => {
    expect(runPlanRule(planNextHopNotOnLinkRule, THREE_VPCS)).toEqual([]);
  });
});
