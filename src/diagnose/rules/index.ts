/** The registry: every rule netdoctor knows, one line each. */
import type { Rule } from '../rule.js';
import { vlanSupportRule } from './vlan-support.js';
import { vlanLinksRule } from './vlan-links.js';
import { vlanAliasRule } from './vlan-alias.js';

export const RULES: readonly Rule[] = [vlanSupportRule, vlanLinksRule, vlanAliasRule];
