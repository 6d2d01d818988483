/** The registry: every rule netdoctor knows, one line each. */
import type { Rule } from '../rule.js';
import { routeTypeRule } from './route-type.js';
import { routeInterfaceDownRule } from './route-interface-down.js';
import { routeNextHopRule } from './route-next-hop.js';
import { forwardingDisabledRule } from './forwarding-disabled.js';
import { forwardingPathRule } from './forwarding-path.js';
import { privateViaDefaultRule } from './private-via-default.js';
import { proxyArpNeededRule } from './proxy-arp-needed.js';
import { returnRouteMissingRule } from './return-route-missing.js';
import { rpFilterHostRule } from './rp-filter-host.js';
import { rpFilterPathRule } from './rp-filter-path.js';

export const RULES: readonly Rule[] = [
  routeTypeRule,
  routeInterfaceDownRule,
  routeNextHopRule,
  forwardingDisabledRule,
  forwardingPathRule,
  rpFilterHostRule,
  rpFilterPathRule,
  proxyArpNeededRule,
  privateViaDefaultRule,
  returnRouteMissingRule,
];
