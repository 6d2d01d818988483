/** The registry: every rule netdoctor knows, one line each. */
import type { Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];
