import { describe, expect, it } from 'vitest';
import { planKernelDisagreesRule } from './plan-kernel-disagrees.js';
import { runPlanRule, THREE_VPCS } from './plan-test-helpers.js';
import type { ProveResults } from '../../plan/prove-types.js';

const pair = (from: string, to: string, delivered: boolean, replied: boolean) => ({
  from,
  to,
  delivered,
  replied,
  command: 'ip netns exec <host> ping -4 -n -c 1 -W 1 X',
  output: replied ? '1 packets transmitted, 1 received' : '1 packets transmitted, 0 received',
});

describe('plan-kernel-disagrees', () => {
  it('names the pair where the kernel answered otherwise', () => {
    const prove: ProveResults = {
      pairs: [pair('vpc1-web', 'vpc2-web', true, true), pair('vpc3-db', 'vpc2-web', false, false)],
      routes: [],
      durationMs: 1,
    };
    const f = runPlanRule(planKernelDisagreesRule, THREE_VPCS, prove);
    expect(f.map((x) => x.title)).toEqual([
      'vpc3-db -> vpc2-web: the kernel and the simulation disagree',
    ]);
  });
  it('names a route the kernel refused when the simulation took it', () => {
    const prove: ProveResults = {
      pairs: [],
      routes: [
        {
          router: 'vpc1',
          route: '10.2.0.0/16 via 172.16.0.12',
          added: false,
          error: 'Error: Nexthop has invalid gateway.',
        },
      ],
      durationMs: 1,
    };
    expect(runPlanRule(planKernelDisagreesRule, THREE_VPCS, prove)).toHaveLength(1);
  });
  it('is quiet without --prove, and when they agree', () => {
    expect(runPlanRule(planKernelDisagreesRule, THREE_VPCS)).toEqual([]);
    const prove: ProveResults = {
      pairs: [pair('vpc1-web', 'vpc2-web', true, true)],
      routes: [],
      durationMs: 1,
    };
    expect(runPlanRule(planKernelDisagreesRule, THREE_VPCS, prove)).toEqual([]);
  });
});
