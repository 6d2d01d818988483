import { describe, expect, it } from 'vitest';
import { planLoopRule } from './plan-loop.js';
import { runPlanRule, THREE_VPCS } from './plan-test-helpers.js';

describe('plan-loop', () => {
  it('names the routers going round, once per destination', () => {
    // vpc1 sends vpc3's traffic to vpc2, and vpc2 sends it back.
    const yaml = THREE_VPCS.replace(
      '10.3.0.0/16 via 172.16.0.13]\n  vpc2',
      '10.3.0.0/16 via 172.16.0.12]\n  vpc2',
    ).replace('10.3.0.0/16 via 172.16.0.13]\n  vpc3', '10.3.0.0/16 via 172.16.0.11]\n  vpc3');
    const f = runPlanRule(planLoopRule, yaml);
    expect(f.map((x) => x.title)).toEqual(['packets to vpc3-db loop between vpc1, vpc2']);
    expect(f[0]?.evidence.map((e) => e.text)).toEqual([
      'routes: [10.2.0.0/16 via 172.16.0.12, 10.3.0.0/16 via 172.16.0.12]',
      'routes: [10.1.0.0/16 via 172.16.0.11, 10.3.0.0/16 via 172.16.0.11]',
    ]);
  });
  it('is quiet without loops', () => {
    expect(runPlanRule(planLoopRule, THREE_VPCS)).toEqual([]);
  });
});
