/** The registry: every rule netdoctor knows, one line each. */
import type { Rule } from '../rule.js';
import { routeTypeRule } from './route-type.js';
import { routeInterfaceDownRule } from './route-interface-down.js';
import { routeNextHopRule } from './route-next-hop.js';

export const RULES: readonly Rule[] = [routeTypeRule, routeInterfaceDownRule, routeNextHopRule];
