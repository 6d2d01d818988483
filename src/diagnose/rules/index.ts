/** The registry: every rule netdoctor knows, one line each. */
import type { Rule } from '../rule.js';
import { forwardingDisabledRule } from './forwarding-disabled.js';
import { forwardingPathRule } from './forwarding-path.js';
import { privateViaDefaultRule } from './private-via-default.js';
import { proxyArpNeededRule } from './proxy-arp-needed.js';
import { returnRouteMissingRule } from './return-route-missing.js';
import { rpFilterHostRule } from './rp-filter-host.js';
import { rpFilterPathRule } from './rp-filter-path.js';

export const RULES: readonly Rule[] = [
  forwardingDisabledRule,
  forwardingPathRule,
  rpFilterHostRule,
  rpFilterPathRule,
  proxyArpNeededRule,
  privateViaDefaultRule,
  returnRouteMissingRule,
];
