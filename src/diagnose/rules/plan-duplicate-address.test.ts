import { describe, expect, it } from 'vitest';
import { planDuplicateAddressRule } from './plan-duplicate-address.js';
import { runPlanRule, THREE_VPCS } from './plan-test-helpers.js';

describe('plan-duplicate-address', () => {
  it('names the address and both holders', () => {
    const f = runPlanRule(
      planDuplicateAddressRule,
      THREE_VPCS.replace('{private: 172.16.0.12,', '{private: 172.16.0.11,'),
    );
    expect(f.map((x) => x.title)).toEqual([
      '172.16.0.11 is given to vpc1 (private) and vpc2 (private)',
    ]);
  });
  it('is quiet when every address is unique', () => {
    expect(runPlanRule(planDuplicateAddressRule, THREE_VPCS)).toEqual([]);
  });
});
