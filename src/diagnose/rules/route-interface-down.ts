/**
 * `interface-down`: the output interface the route chose is administratively down or has no
 * carrier. A route without carrier stays in use (linkdown) unless the interface's
 * ignore_routes_with_linkdown is set, so a backup route behind it (a second default with a
 * larger metric) is never taken: the fix names it, and passes over or deletes the dead route.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import {
  SOURCES,
  interfaceStateText,
  linkEvidence,
  outputInterface,
  routeText,
} from '../../net/resolve-route-facts.js';
import { safeText } from '../../text/safe.js';
import type { RouteDecision } from '../../net/route-decision.js';
import type { HostState } from '../../state/host-state.js';
import { backupRoute, backupSentence, backupWords, deleteOrDemoteFix } from './route-backup.js';

/**
 * With no carrier and a backup: delete (or demote) the dead route, or let the kernel pass
 * over the interface's routes while its link is down (the route comes back with the link).
 * The delete comes first: the resolver does not read ignore_routes_with_linkdown, so only
 * the delete clears this finding.
 */
function linkDownFix(host: HostState, d: RouteDecision, iface: string) {
  const b = d.route && d.family === 'inet' ? backupRoute(host, d) : null;
  if (!b?.backupDefault || !d.route) return null;
  const key = `net.ipv4.conf.${iface}.ignore_routes_with_linkdown`;
  return {
    tail: `; ${backupWords(b)} is never used`,
    why: backupSentence(d.route, b),
    backup: b.route,
    fix: [
      ...deleteOrDemoteFix(d.route, b),
      `# or let the kernel pass over ${iface}'s routes while its link is down (${backupWords(b)} takes over, and the route comes back with the link):`,
      `sysctl -w ${key}=1`,
      '# and to keep it after a reboot:',
      `echo '${key} = 1' > /etc/sysctl.d/90-linkdown.conf`,
    ],
  };
}

const DOCS: CodeDocs = {
  'interface-down': {
    title: 'the route leaves by an interface that is down or has no carrier',
    severity: { error: 'always' },
    means:
      'The output interface the route chose is administratively down or has no carrier (cable, peer, or the far end down).',
    matters:
      'Packets go nowhere. A route without carrier stays in use (linkdown) unless ignore_routes_with_linkdown is set, so a backup route behind it (a second default with a larger metric) is never taken.',
    proof:
      'From `ip -j -d link` (flags, operstate, carrier) of the interface the route resolver chose.',
    fix: 'Bring the interface up (`ip link set IF up`) or mend its link; when a backup route exists, the fix deletes or demotes the dead route so the backup carries.',
    box: 'this host',
  },
};

export const routeInterfaceDownRule: Rule = {
  id: 'route-interface-down',
  topic: 'path',
  codes: ['interface-down'],
  docs: DOCS,
  run: (ctx): Finding[] => {
    if (!ctx.path || !ctx.host) return [];
    const d = ctx.path.decision;
    const i = outputInterface(ctx.host, d);
    if (!i || (i.adminUp && i.carrier)) return [];
    const dst = d.query.dst;
    const adminDown = !i.adminUp;
    const backup = adminDown ? null : linkDownFix(ctx.host, d, i.name);
    return [
      {
        code: 'interface-down',
        severity: 'error',
        title: safeText(
          `${dst}: output interface ${i.name} is ${interfaceStateText(i)}${backup?.tail ?? ''}`,
        ),
        why: safeText(
          adminDown
            ? `The route sends packets for ${dst} out of ${i.name}, but ${i.name} is switched off (administratively down): nothing leaves through it. Bring it up.`
            : `The route sends packets for ${dst} out of ${i.name}, but ${i.name} has no carrier: no cable, the switch port or the far end is down, or (for a virtual link) its peer is down. The kernel still picks the route (linkdown), and the packets go nowhere. Check the cable and the other end.${backup?.why ?? ''}`,
        ),
        evidence: [
          { source: SOURCES.link, text: linkEvidence(i) },
          ...[d.route, backup?.backup ?? null].flatMap((r) =>
            r ? [{ source: SOURCES.route(d.family), text: routeText(r) }] : [],
          ),
        ],
        fix: adminDown ? [`ip link set ${i.name} up`] : (backup?.fix ?? []),
        subject: dst,
      },
    ];
  },
};
