/**
 * forwarding-disabled (path): the question is about a packet this host receives from
 * someone else (`--from` an address that is not its own) and must pass on, while
 * net.ipv4.ip_forward is 0: this host is the next hop (or the VPN server) of that path.
 */
import type { Rule } from '../rule.js';
import { isLocalAddress } from '../../net/role.js';
import { IP_FORWARD_PATH, routeEvidence } from '../../net/role-evidence.js';
import { safeText } from '../../text/safe.js';
import { FORWARDING_FIX } from './forwarding-disabled.js';

export const forwardingPathRule: Rule = {
  id: 'forwarding-path',
  topic: 'path',
  codes: ['forwarding-disabled'],
  // Documented with the host rule (forwarding-disabled.ts).
  docs: {},
  run: ({ host, path }) => {
    if (!host || !path || host.sysctls.ipForward !== 0) return [];
    const { query, decision } = path;
    const forwarded =
      query.iif !== undefined || (query.src !== undefined && !isLocalAddress(host, query.src));
    if (!forwarded || decision.type !== 'unicast' || isLocalAddress(host, query.dst)) return [];
    return [
      {
        code: 'forwarding-disabled',
        severity: 'error',
        title: safeText(
          `this host must forward ${query.src ?? 'the packet'} → ${query.dst}, but IPv4 forwarding is off`,
        ),
        why: safeText(
          `A packet from ${query.src ?? 'another host'} to ${query.dst} comes in` +
            `${query.iif ? ` on ${query.iif}` : ''}; it is not for this host, so the kernel would ` +
            `pass it on by ${decision.dev ?? 'its route'}${decision.gateway ? ` via ${decision.gateway}` : ''}. ` +
            `With net.ipv4.ip_forward = 0 it drops it instead, silently: ${query.dst} never sees it.`,
        ),
        evidence: [
          { source: IP_FORWARD_PATH, text: '0' },
          ...(decision.route ? [routeEvidence(decision.route)] : []),
        ],
        fix: FORWARDING_FIX,
        subject: 'net.ipv4.ip_forward',
      },
    ];
  },
};
