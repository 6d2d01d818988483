import { describe, expect, it } from 'vitest';
import { planOverlappingCidrRule } from './plan-overlapping-cidr.js';
import { runPlanRule, THREE_VPCS } from './plan-test-helpers.js';

describe('plan-overlapping-cidr', () => {
  it('names both networks and both lines', () => {
    const f = runPlanRule(
      planOverlappingCidrRule,
      THREE_VPCS.replace('vpc2-web: 10.2.1.0/24', 'vpc2-web: 10.0.0.0/8'),
    );
    expect(f.map((x) => x.title)).toEqual([
      'vpc1-web (10.1.1.0/24) and vpc2-web (10.0.0.0/8) overlap',
      'vpc2-web (10.0.0.0/8) and vpc3-db (10.3.1.0/24) overlap',
    ]);
    expect(f[0]?.evidence.map((e) => e.source)).toEqual(['p.yaml:3', 'p.yaml:4']);
  });
  it('is quiet for separate networks, and across families', () => {
    expect(runPlanRule(planOverlappingCidrRule, THREE_VPCS)).toEqual([]);
  });
});
