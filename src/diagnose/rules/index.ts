/** The registry: every rule netdoctor knows, one line each. */
import type { Rule } from '../rule.js';
import { duplicateIpRule } from './duplicate-ip.js';
import { routingTablesRule } from './routing-tables.js';

export const RULES: readonly Rule[] = [duplicateIpRule, routingTablesRule];
