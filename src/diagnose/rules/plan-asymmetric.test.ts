import { describe, expect, it } from 'vitest';
import { planAsymmetricRule } from './plan-asymmetric.js';
import { runPlanRule, THREE_VPCS, VPC3_FORGOT_VPC2 } from './plan-test-helpers.js';

describe('plan-asymmetric', () => {
  it('says which side reaches the other and why the answer is lost', () => {
    const [f, ...rest] = runPlanRule(planAsymmetricRule, VPC3_FORGOT_VPC2);
    expect(rest).toEqual([]);
    expect(f?.title).toBe("vpc2-web reaches vpc3-db, but vpc3-db's answers cannot come back");
    expect(f?.why).toContain('vpc3 has no route to 10.2.1.254');
  });

  it('is quiet when both ways work, and when neither does', () => {
    expect(runPlanRule(planAsymmetricRule, THREE_VPCS)).toEqual([]);
    const cut = VPC3_FORGOT_VPC2.replace(', 10.3.0.0/16 via 172.16.0.13]\n  vpc3', ']\n  vpc3');
    expect(runPlanRule(planAsymmetricRule, cut).map((f) => f.subject)).not.toContain(
      'vpc2-web <-> vpc3-db',
    );
  });
});
