/**
 * forwarding-disabled (host): the host must route, and net.ipv4.ip_forward is 0. "Must
 * route" is read from what it serves, never from its name: an OpenVPN server that pushes
 * routes to (or routes for) its clients, proxy ARP switched on, or addresses routed out of
 * one interface that lie inside another's network.
 */
import type { Evidence, Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import { carvedRoutes, hostRole } from '../../net/role.js';
import { IP_FORWARD_PATH, routeEvidence, sysctlEvidence } from '../../net/role-evidence.js';
import { safeText } from '../../text/safe.js';

export const FORWARDING_FIX = [
  'sysctl -w net.ipv4.ip_forward=1',
  '# and to keep it after a reboot:',
  "echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-forwarding.conf",
];

const DOCS: CodeDocs = {
  'forwarding-disabled': {
    title: 'this host must route, and IPv4 forwarding is off',
    severity: {
      error:
        'always: net.ipv4.ip_forward is 0 on a host that serves as a router (host check), or on the next hop of the path under question (path check)',
    },
    means:
      "net.ipv4.ip_forward is 0 while the host must pass packets on: it is an OpenVPN server that pushes or routes networks, proxy ARP is on, addresses routed out of one interface lie in another's network, or the question is a packet from someone else (`--from` an address not its own).",
    matters:
      'A host with forwarding off drops every packet not addressed to itself: the VPN clients reach the server and nothing behind it, the LAN reaches the router and not past it.',
    proof:
      "From /proc/sys/net/ipv4/ip_forward and what the host serves (its OpenVPN configs, proxy_arp, its routes), never from its name; on a path, from the question's source not being one of this host's addresses.",
    fix: '`sysctl -w net.ipv4.ip_forward=1`, and a line `net.ipv4.ip_forward = 1` in /etc/sysctl.d/ to keep it after a reboot.',
    box: 'this host',
  },
};

export const forwardingDisabledRule: Rule = {
  id: 'forwarding-disabled',
  topic: 'host',
  codes: ['forwarding-disabled'],
  docs: DOCS,
  run: ({ host }) => {
    if (!host || host.sysctls.ipForward !== 0) return [];
    const role = hostRole(host);
    const evidence: Evidence[] = [{ source: IP_FORWARD_PATH, text: '0' }];
    const needs: string[] = [];
    for (const c of host.openvpn?.configs ?? []) {
      if (c.client || c.server === null) continue;
      if (c.pushedRoutes.length === 0 && c.routes.length === 0) continue;
      needs.push(
        `it is an OpenVPN server that tells its clients to reach ${[...c.pushedRoutes, ...c.routes].join(', ')} through it`,
      );
      evidence.push(
        ...c.lines
          .filter((l) => /^(server|push|route)\s/.test(l))
          .map((l) => ({ source: c.source, text: safeText(l) })),
      );
    }
    for (const i of host.interfaces) {
      if ((host.sysctls.interfaces[i.name]?.proxy_arp ?? 0) === 1) {
        needs.push(
          `proxy ARP is on for ${i.name}, so it answers ARP for addresses it must then forward`,
        );
        evidence.push(...sysctlEvidence(host, i.name, 'proxy_arp'));
      }
    }
    const carved = carvedRoutes(host);
    if (carved.length > 0) {
      needs.push(
        `it routes addresses of ${carved[0]?.inside.cidr.text} (on ${carved[0]?.inside.iface}) out of ${carved[0]?.route.dev}`,
      );
      evidence.push(...carved.map((c) => routeEvidence(c.route)));
    }
    if (needs.length === 0) return [];
    const finding: Finding = {
      code: 'forwarding-disabled',
      severity: 'error',
      title: safeText(`${host.meta.hostname} must route, but IPv4 forwarding is off`),
      why: safeText(
        `This host is a ${role.vpnServer ? 'VPN server' : 'router'}: ${needs.join('; ')}. ` +
          `A packet that arrives for another host comes in, the kernel sees that it is not for ` +
          `one of its own addresses, and with net.ipv4.ip_forward = 0 it drops it right there, ` +
          `without a word to the sender. Nothing leaves by the other interface, so the far ` +
          `side never sees the packet and nobody answers.`,
      ),
      evidence,
      fix: FORWARDING_FIX,
      subject: 'net.ipv4.ip_forward',
    };
    return [finding];
  },
};
