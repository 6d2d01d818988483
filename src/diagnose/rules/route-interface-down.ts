/** `interface-down`: the output interface the route chose is administratively down or has no carrier. */
import type { Finding } from '../finding.js';
import type { Rule } from '../rule.js';
import {
  SOURCES,
  interfaceStateText,
  linkEvidence,
  outputInterface,
  routeText,
} from '../../net/resolve-route-facts.js';

export const routeInterfaceDownRule: Rule = {
  id: 'route-interface-down',
  topic: 'path',
  codes: ['interface-down'],
  run: (ctx): Finding[] => {
    if (!ctx.path || !ctx.host) return [];
    const d = ctx.path.decision;
    const i = outputInterface(ctx.host, d);
    if (!i || (i.adminUp && i.carrier)) return [];
    const dst = d.query.dst;
    const adminDown = !i.adminUp;
    return [
      {
        code: 'interface-down',
        severity: 'error',
        title: `${dst}: output interface ${i.name} is ${interfaceStateText(i)}`,
        why: adminDown
          ? `The route sends packets for ${dst} out of ${i.name}, but ${i.name} is switched off (administratively down): nothing leaves through it. Bring it up.`
          : `The route sends packets for ${dst} out of ${i.name}, but ${i.name} has no carrier: no cable, the switch port or the far end is down, or (for a virtual link) its peer is down. The kernel still picks the route (linkdown), and the packets go nowhere. Check the cable and the other end.`,
        evidence: [
          { source: SOURCES.link, text: linkEvidence(i) },
          ...(d.route ? [{ source: SOURCES.route(d.family), text: routeText(d.route) }] : []),
        ],
        fix: adminDown ? [`ip link set ${i.name} up`] : [],
        subject: dst,
      },
    ];
  },
};
