/**
 * `next-hop-unresolved`: the next hop (the gateway, or the destination itself when on-link)
 * has a neighbour entry in FAILED or INCOMPLETE state: it does not answer ARP (or NDP).
 * When the doctor's probe ARPed for the next hop (ctx.probes.nextHopArp), its answer wins:
 * silence proves it, whatever the table says; an answer clears it.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, DiagnoseContext, Rule } from '../rule.js';
import {
  SOURCES,
  neighbourText,
  nextHopAddress,
  nextHopNeighbour,
  routeText,
} from '../../net/resolve-route-facts.js';
import { safeText } from '../../text/safe.js';
import type { RouteRecord } from '../../parse/ip-route.js';
import { resolvesNeighbours } from '../../net/link-layer.js';
import {
  backupRoute,
  backupSentence,
  backupWords,
  deleteOrDemoteFix,
  type Backup,
} from './route-backup.js';

/**
 * When another route would take the packet to a next hop that is not known dead (a backup
 * default behind the preferred one, or a less specific route), deleting or demoting the
 * route to the silent one is the fix, and the backup is named.
 */
function backupOf(
  ctx: DiagnoseContext,
  proven: boolean,
): { dead: RouteRecord; backup: Backup } | null {
  const d = ctx.path?.decision;
  if (!ctx.host || !d?.route) return null;
  const backup = backupRoute(ctx.host, d);
  if (!backup) return null;
  // A specific route exists for a reason: its fallback is only offered once the probe proved
  // its next hop silent, and only out of main. A backup default is always named.
  const fallbackOk = proven && d.route.table === 'main';
  return backup.backupDefault || fallbackOk ? { dead: d.route, backup } : null;
}

function titleTail(b: { backup: Backup } | null): string {
  return b?.backup.backupDefault ? `; ${backupWords(b.backup)} is never used` : '';
}

/** The finding from the doctor's ARP probe: the next hop was asked and stayed silent. */
function provenByProbe(ctx: DiagnoseContext, hop: string): Finding[] {
  const probe = ctx.probes?.nextHopArp;
  const d = ctx.path?.decision;
  if (!probe || !d || probe.answered) return [];
  const dst = d.query.dst;
  const role = d.gateway ? `the gateway ${hop}` : `${hop} (on-link)`;
  const b = backupOf(ctx, true);
  return [
    {
      code: 'next-hop-unresolved',
      severity: 'error',
      title: safeText(
        `${dst}: next hop ${hop} on ${probe.iface} does not answer ARP (probed)${titleTail(b)}`,
      ),
      why: safeText(
        `To send to ${dst} the kernel must hand the packet to ${role} on ${probe.iface}, and for ` +
          `that it needs its MAC address. netdoctor asked "who has ${hop}?" by ARP and nobody ` +
          `answered, so every packet for ${dst} dies on this host, before it leaves. ${hop} is ` +
          `off, unplugged, on another VLAN, or has another address.` +
          (b ? backupSentence(b.dead, b.backup) : ''),
      ),
      evidence: [
        ...probe.lines.map((text) => ({ source: probe.command, text: safeText(text) })),
        ...routeEvidence(d.family, d.route, b),
      ],
      fix: [
        ...(b ? deleteOrDemoteFix(b.dead, b.backup) : []),
        `# check ${hop} itself: is it up, and is ${hop} its address on this network? Then:`,
        `ip neigh del ${hop} dev ${probe.iface}`,
      ],
      subject: dst,
    },
  ];
}

/** The dead route, and the backup's route when there is one. */
function routeEvidence(
  family: 'inet' | 'inet6',
  route: RouteRecord | null,
  b: { backup: Backup } | null,
) {
  return [route, b?.backup.route ?? null].flatMap((r) =>
    r ? [{ source: SOURCES.route(family), text: routeText(r) }] : [],
  );
}

const DOCS: CodeDocs = {
  'next-hop-unresolved': {
    title: 'the next hop does not answer ARP (or NDP)',
    severity: {
      error: "the neighbour entry is FAILED, or the doctor's ARP probe got no answer",
      warning: 'the entry is INCOMPLETE: resolution is still under way',
    },
    means:
      'The next hop (the gateway, or the destination itself when on-link) has a neighbour entry in FAILED or INCOMPLETE state.',
    matters:
      'The kernel cannot send a single frame toward it: every packet on that route is dropped, with "Destination Host Unreachable" from this host.',
    proof:
      'From `ip -j neigh`; when the doctor ARPed for the next hop (`arping -I IF NEXTHOP`), its answer wins: silence proves it, an answer clears it.',
    fix: 'Mend the next hop (is it up, on this segment, in this VLAN?), or when a working backup route exists, delete or demote the dead route so the backup carries.',
    box: 'the next hop, or this host for the route',
  },
};

export const routeNextHopRule: Rule = {
  id: 'route-next-hop',
  topic: 'path',
  codes: ['next-hop-unresolved'],
  docs: DOCS,
  run: (ctx): Finding[] => {
    if (!ctx.path || !ctx.host) return [];
    const d = ctx.path.decision;
    // A NOARP link (tun, point-to-point, arp off) resolves nothing: no entry to expect, and
    // an ARP probe there goes unanswered whatever the next hop does.
    if (d.dev !== null && !resolvesNeighbours(ctx.host, d.dev)) return [];
    const probedHop = nextHopAddress(d);
    if (probedHop !== null && ctx.probes?.nextHopArp?.nextHop === probedHop) {
      return provenByProbe(ctx, probedHop);
    }
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
    const b = backupOf(ctx, false);
    return [
      {
        code: 'next-hop-unresolved',
        severity: failed ? 'error' : 'warning',
        title: safeText(
          `${dst}: next hop ${hop} on ${n.dev} does not answer ${d.family === 'inet' ? 'ARP' : 'NDP'} (${failed ? 'FAILED' : 'INCOMPLETE'})${titleTail(b)}`,
        ),
        why: safeText(
          `To send to ${dst} the kernel must hand the packet to ${role} on ${n.dev}, and for that it needs its MAC address. It asked with ${ask} and ${failed ? 'got no answer: the entry is FAILED, and packets for it are dropped here' : 'is still waiting for an answer (INCOMPLETE); packets queue and are dropped if none comes'}. ${hop} is off, unplugged, on another VLAN, or has another address.` +
            (b ? backupSentence(b.dead, b.backup) : ''),
        ),
        evidence: [
          { source: SOURCES.neigh, text: neighbourText(n) },
          ...routeEvidence(d.family, d.route, b),
        ],
        fix: [
          ...(b ? deleteOrDemoteFix(b.dead, b.backup) : []),
          ...(b ? [`# or check ${hop} itself, then ask again:`] : []),
          tool,
          `ip neigh del ${hop} dev ${n.dev}`,
        ],
        subject: dst,
      },
    ];
  },
};
