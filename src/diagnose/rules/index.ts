/** The registry: every rule netdoctor knows, one line each. */
import type { Rule } from '../rule.js';
import { planMissingRouteRule } from './plan-missing-route.js';
import { planAsymmetricRule } from './plan-asymmetric.js';
import { planOverlappingCidrRule } from './plan-overlapping-cidr.js';
import { planDuplicateAddressRule } from './plan-duplicate-address.js';
import { planNextHopNotOnLinkRule } from './plan-next-hop-not-on-link.js';
import { planLoopRule } from './plan-loop.js';
import { planKernelDisagreesRule } from './plan-kernel-disagrees.js';

export const RULES: readonly Rule[] = [
  planMissingRouteRule,
  planAsymmetricRule,
  planOverlappingCidrRule,
  planDuplicateAddressRule,
  planNextHopNotOnLinkRule,
  planLoopRule,
  planKernelDisagreesRule,
];
