/**
 * `next-hop-unresolved`: the next hop (the gateway, or the destination itself when on-link)
 * has a neighbour entry in FAILED or INCOMPLETE state: it does not answer ARP (or NDP).
 */
import type { Finding } from '../finding.js';
import type { Rule } from '../rule.js';
import {
  SOURCES,
  neighbourText,
  nextHopNeighbour,
  routeText,
} from '../../net/resolve-route-facts.js';

export const routeNextHopRule: Rule = {
  id: 'route-next-hop',
  topic: 'path',
  codes: ['next-hop-unresolved'],
  run: (ctx): Finding[] => {
    if (!ctx.path || !ctx.host) return [];
    const d = ctx.path.decision;
    const n = nextHopNeighbour(ctx.host, d);
    if (!n) return [];
    const failed = n.states.includes('FAILED');
    if (!failed && !n.states.includes('INCOMPLETE')) return [];
    const dst = d.query.dst;
    const hop = n.dst;
    const role = d.gateway ? `the gateway ${hop}` : `${hop} (on-link)`;
    const ask = d.family === 'inet' ? 'ARP' : 'neighbour solicitation (NDP)';
    const tool =
      d.family === 'inet' ? `arping -c 3 -I ${n.dev} ${hop}` : `ping -c 3 -I ${n.dev} ${hop}`;
    return [
      {
        code: 'next-hop-unresolved',
        severity: failed ? 'error' : 'warning',
        title: `${dst}: next hop ${hop} on ${n.dev} does not answer ${d.family === 'inet' ? 'ARP' : 'NDP'} (${failed ? 'FAILED' : 'INCOMPLETE'})`,
        why: `To send to ${dst} the kernel must hand the packet to ${role} on ${n.dev}, and for that it needs its MAC address. It asked with ${ask} and ${failed ? 'got no answer: the entry is FAILED, and packets for it are dropped here' : 'is still waiting for an answer (INCOMPLETE); packets queue and are dropped if none comes'}. ${hop} is off, unplugged, on another VLAN, or has another address.`,
        evidence: [
          { source: SOURCES.neigh, text: neighbourText(n) },
          ...(d.route ? [{ source: SOURCES.route(d.family), text: routeText(d.route) }] : []),
        ],
        fix: [tool, `ip neigh del ${hop} dev ${n.dev}`],
        subject: dst,
      },
    ];
  },
};
