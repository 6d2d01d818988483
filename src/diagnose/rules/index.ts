/** The registry: every rule netdoctor knows, one line each. */
import type { Rule } from '../rule.js';
import { duplicateIpRule } from './duplicate-ip.js';
import { routingTablesRule } from './routing-tables.js';
import { vlanSupportRule } from './vlan-support.js';
import { vlanLinksRule } from './vlan-links.js';
import { vlanAliasRule } from './vlan-alias.js';

export const RULES: readonly Rule[] = [
  duplicateIpRule,
  routingTablesRule,
  vlanSupportRule,
  vlanLinksRule,
  vlanAliasRule,
];
