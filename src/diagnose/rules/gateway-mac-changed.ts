/**
 * `gateway-mac-changed`: while Discover watched the LAN, the default gateway's address began
 * answering from another MAC. Sometimes that is planned (a router replaced, a VRRP/CARP
 * failover); otherwise another machine has taken the gateway's address (a misconfigured
 * host, or ARP spoofing), and every host that learns the new MAC sends its traffic there.
 */
import { defaultGateways } from '../../net/default-gateways.js';
import type { Finding } from '../finding.js';
import type { CodeDocs, MacChangeSighting, Rule } from '../rule.js';
import { macWithVendor } from './duplicate-ip.js';

function changed(c: MacChangeSighting): Finding {
  return {
    code: 'gateway-mac-changed',
    severity: 'error',
    title: `the gateway ${c.ip} on ${c.iface} now answers from ${c.to} (was ${c.from})`,
    why:
      `Every host on this LAN sends its off-LAN traffic to the MAC that answers for the gateway ` +
      `${c.ip}. Since ${c.at} that is ${macWithVendor(c.to)}, no longer ${macWithVendor(c.from)}. ` +
      `If the router was replaced or a failover (VRRP, CARP) moved the address, this is expected. ` +
      `If not, another machine has taken the gateway's address (set by hand, or ARP spoofing) and ` +
      `traffic leaving the LAN now goes to it: find the machine with ${c.to} (the switch's MAC ` +
      `table names its port) and take ${c.ip} off it, then tell the LAN the real gateway's MAC ` +
      `again from the gateway (netdoctor garp ${c.ip}, or the ARP repair panel there).`,
    evidence: c.lines.map((text) => ({ source: c.source, text })),
    fix: [
      `ip neigh show ${c.ip} dev ${c.iface}    # which MAC this host uses now`,
      `bridge fdb show | grep -i ${c.to}    # on a Linux switch: the port behind the new MAC`,
      `netdoctor garp ${c.ip}    # on the real gateway, once the other host lets go`,
    ],
    subject: c.ip,
  };
}

const DOCS: CodeDocs = {
  'gateway-mac-changed': {
    title: "the default gateway's address now answers from another MAC",
    severity: {
      error:
        "always: while `scan --watch` ran, the default gateway's address answered from a new MAC",
    },
    means:
      "While Discover watched the LAN, the address of this host's default gateway began answering ARP from a MAC other than the one it had.",
    matters:
      "Sometimes it is planned (a router replaced, a VRRP or CARP failover); otherwise another machine has taken the gateway's address (a misconfigured host, or ARP spoofing) and every host that learns the new MAC sends its traffic there.",
    proof:
      "From two sightings of the same address with different MACs during the watch, the address known as a default gateway from this host's routes; the evidence names both MACs with their vendors and when each was seen.",
    fix: "Find the machine with the new MAC (its vendor, the switch's MAC table) and take the address off it, unless the change was planned; then flush the stale entries (`ip neigh flush to GATEWAY`).",
    box: "the machine that now answers for the gateway's address",
  },
};

export const gatewayMacChangedRule: Rule = {
  id: 'gateway-mac-changed',
  topic: 'l2',
  codes: ['gateway-mac-changed'],
  docs: DOCS,
  run: (ctx) => {
    // The host's own default gateways when its state is known; the watcher's mark otherwise.
    const gateways = ctx.host ? new Set(defaultGateways(ctx.host, 'inet')) : null;
    return (ctx.probes?.macChanges ?? [])
      .filter((c) => c.from !== c.to && (gateways ? gateways.has(c.ip) : c.gateway))
      .map(changed);
  },
};
