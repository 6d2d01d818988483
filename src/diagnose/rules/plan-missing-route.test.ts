import { describe, expect, it } from 'vitest';
import { planMissingRouteRule } from './plan-missing-route.js';
import { runPlanRule, THREE_VPCS, VPC3_FORGOT_VPC2 } from './plan-test-helpers.js';

describe('plan-missing-route', () => {
  it('names the router and the route to add, as a plan line and as ip route add', () => {
    const [f, ...rest] = runPlanRule(planMissingRouteRule, VPC3_FORGOT_VPC2);
    expect(rest).toEqual([]);
    expect(f?.title).toBe('vpc3 has no route to vpc2-web (10.2.1.0/24)');
    expect(f?.fix).toEqual([
      '# plan: under routers.vpc3.routes add:  - 10.2.1.0/24 via 172.16.0.12',
      'ip route add 10.2.1.0/24 via 172.16.0.12   # on vpc3',
    ]);
    expect(f?.evidence.map((e) => e.source)).toContain('p.yaml:15');
  });

  it('is quiet when every router reaches every network', () => {
    expect(runPlanRule(planMissingRouteRule, THREE_VPCS)).toEqual([]);
  });

  it('names a network whose hosts have no gateway when an expectation needs one', () => {
    const yaml = `${THREE_VPCS}expect: [private -> vpc1-web]\n`;
    const codes = runPlanRule(planMissingRouteRule, yaml).map((f) => f.title);
    expect(codes).toEqual(['hosts on private have no default route']);
  });

  it('uses ip -6 for IPv6', () => {
    const f = runPlanRule(
      planMissingRouteRule,
      `networks:
  a: '2001:db8:a::/64'
  b: '2001:db8:b::/64'
  core: '2001:db8:ff::/64'
routers:
  ra: {interfaces: {a: '2001:db8:a::1', core: '2001:db8:ff::a'}}
  rb: {interfaces: {b: '2001:db8:b::1', core: '2001:db8:ff::b'}, routes: ['2001:db8:a::/64 via 2001:db8:ff::a']}
`,
    );
    expect(f.map((x) => x.fix[1])).toEqual([
      'ip -6 route add 2001:db8:b::/64 via 2001:db8:ff::b   # on ra',
    ]);
  });
});
