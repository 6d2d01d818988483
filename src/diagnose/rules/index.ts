/** The registry: every rule netdoctor knows, one line each. */
import type { Rule } from '../rule.js';
import { duplicateIpRule } from './duplicate-ip.js';
import { gatewayMacChangedRule } from './gateway-mac-changed.js';
import { gatewayKeptOldMacRule } from './gateway-kept-old-mac.js';
import { routingTablesRule } from './routing-tables.js';
import { vlanSupportRule } from './vlan-support.js';
import { vlanLinksRule } from './vlan-links.js';
import { vlanAliasRule } from './vlan-alias.js';
import { routeTypeRule } from './route-type.js';
import { routeInterfaceDownRule } from './route-interface-down.js';
import { routeNextHopRule } from './route-next-hop.js';
import { sourceRouteRule } from './source-route.js';
import { forwardingDisabledRule } from './forwarding-disabled.js';
import { ipv6RaIgnoredRule } from './ipv6-ra-ignored.js';
import { forwardingPathRule } from './forwarding-path.js';
import { privateViaDefaultRule } from './private-via-default.js';
import { proxyArpNeededRule } from './proxy-arp-needed.js';
import { returnRouteMissingRule } from './return-route-missing.js';
import { pathFailsBeyondRule } from './path-fails-beyond.js';
import { firewallDropsRule } from './firewall-drops.js';
import { rpFilterHostRule } from './rp-filter-host.js';
import { rpFilterPathRule } from './rp-filter-path.js';
import { planMissingRouteRule } from './plan-missing-route.js';
import { planAsymmetricRule } from './plan-asymmetric.js';
import { planOverlappingCidrRule } from './plan-overlapping-cidr.js';
import { planDuplicateAddressRule } from './plan-duplicate-address.js';
import { planNextHopNotOnLinkRule } from './plan-next-hop-not-on-link.js';
import { planLoopRule } from './plan-loop.js';
import { planKernelDisagreesRule } from './plan-kernel-disagrees.js';
import { openVpnIrouteMissingRule } from './openvpn-iroute-missing.js';
import { vpnRemoteViaTunnelRule } from './vpn-remote-via-tunnel.js';
import { toolMissingRule } from './tool-missing.js';
import { pathWalkRule } from './path-walk.js';

export const RULES: readonly Rule[] = [
  duplicateIpRule,
  gatewayMacChangedRule,
  gatewayKeptOldMacRule,
  routingTablesRule,
  vlanSupportRule,
  vlanLinksRule,
  vlanAliasRule,
  routeTypeRule,
  routeInterfaceDownRule,
  routeNextHopRule,
  sourceRouteRule,
  forwardingDisabledRule,
  ipv6RaIgnoredRule,
  forwardingPathRule,
  rpFilterHostRule,
  rpFilterPathRule,
  proxyArpNeededRule,
  privateViaDefaultRule,
  returnRouteMissingRule,
  pathFailsBeyondRule,
  firewallDropsRule,
  planMissingRouteRule,
  planAsymmetricRule,
  planOverlappingCidrRule,
  planDuplicateAddressRule,
  planNextHopNotOnLinkRule,
  planLoopRule,
  planKernelDisagreesRule,
  openVpnIrouteMissingRule,
  vpnRemoteViaTunnelRule,
  toolMissingRule,
  pathWalkRule,
];
