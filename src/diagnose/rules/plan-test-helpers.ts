/** For the plan rules' tests: a plan from YAML text, run through one rule. */
import { parsePlan } from '../../plan/parse.js';
import { planQuestion } from '../../plan/question.js';
import type { ProveResults } from '../../plan/prove-types.js';
import type { Finding } from '../finding.js';
import type { Rule } from '../rule.js';

export function runPlanRule(rule: Rule, yaml: string, prove?: ProveResults): readonly Finding[] {
  return rule.run({ host: null, plan: planQuestion(parsePlan(yaml, 'p.yaml'), prove) });
}

export const THREE_VPCS = `networks:
  private: 172.16.0.0/24
  vpc1-web: 10.1.1.0/24
  vpc2-web: 10.2.1.0/24
  vpc3-db: {cidr: 10.3.1.0/24, gateway: vpc3}
routers:
  vpc1:
    interfaces: {private: 172.16.0.11, vpc1-web: 10.1.1.1}
    routes: [10.2.0.0/16 via 172.16.0.12, 10.3.0.0/16 via 172.16.0.13]
  vpc2:
    interfaces: {private: 172.16.0.12, vpc2-web: 10.2.1.1}
    routes: [10.1.0.0/16 via 172.16.0.11, 10.3.0.0/16 via 172.16.0.13]
  vpc3:
    interfaces: {private: 172.16.0.13, vpc3-db: 10.3.1.1}
    routes: [10.1.0.0/16 via 172.16.0.11, 10.2.0.0/16 via 172.16.0.12]
`;

/** The seed's story: vpc3 forgot its route to vpc2. */
export const VPC3_FORGOT_VPC2 = THREE_VPCS.replace(
  'routes: [10.1.0.0/16 via 172.16.0.11, 10.2.0.0/16 via 172.16.0.12]',
  'routes: [10.1.0.0/16 via 172.16.0.11]',
);
