/**
 * `next-hop-unresolved`: the next hop (the gateway, or the destination itself when on-link)
 * has a neighbour entry in FAILED or INCOMPLETE state: it does not answer ARP (or NDP).
 * When the doctor's probe ARPed for the next hop (ctx.probes.nextHopArp), its answer wins:
 * silence proves it, whatever the table says; an answer clears it.
 */
import type { Finding } from '../finding.js';
import type { DiagnoseContext, Rule } from '../rule.js';
import {
  SOURCES,
  neighbourText,
  nextHopAddress,
  nextHopNeighbour,
  routeText,
} from '../../net/resolve-route-facts.js';
import { safeText } from '../../text/safe.js';
import { resolveRoute } from '../../net/resolve-route.js';

/**
 * When a less specific route would take the packet to another next hop, deleting the route
 * to the silent one is a fix: say which route then carries it.
 */
function withoutRoute(ctx: DiagnoseContext, hop: string): string[] {
  const d = ctx.path?.decision;
  const route = d?.route;
  if (!ctx.host || !d || !route || route.dst === 'default' || route.table !== 'main') return [];
  const rest = { ...ctx.host, routes: ctx.host.routes.filter((r) => r !== route) };
  const fallback = resolveRoute(rest, d.query);
  const next = nextHopAddress(fallback);
  if (next === null || next === hop || !fallback.route) return [];
  const via = route.gateway ? ` via ${route.gateway}` : '';
  const dev = route.dev ? ` dev ${route.dev}` : '';
  return [
    `# remove the route to the silent next hop; packets then take "${routeText(fallback.route)}":`,
    `ip${d.family === 'inet6' ? ' -6' : ''} route del ${route.dst}${via}${dev}`,
  ];
}

/** The finding from the doctor's ARP probe: the next hop was asked and stayed silent. */
function provenByProbe(ctx: DiagnoseContext, hop: string): Finding[] {
  const probe = ctx.probes?.nextHopArp;
  const d = ctx.path?.decision;
  if (!probe || !d || probe.answered) return [];
  const dst = d.query.dst;
  const role = d.gateway ? `the gateway ${hop}` : `${hop} (on-link)`;
  return [
    {
      code: 'next-hop-unresolved',
      severity: 'error',
      title: safeText(`${dst}: next hop ${hop} on ${probe.iface} does not answer ARP (probed)`),
      why: safeText(
        `To send to ${dst} the kernel must hand the packet to ${role} on ${probe.iface}, and for ` +
          `that it needs its MAC address. netdoctor asked "who has ${hop}?" by ARP and nobody ` +
          `answered, so every packet for ${dst} dies on this host, before it leaves. ${hop} is ` +
          `off, unplugged, on another VLAN, or has another address.`,
      ),
      evidence: [
        ...probe.lines.map((text) => ({ source: probe.command, text: safeText(text) })),
        ...(d.route ? [{ source: SOURCES.route(d.family), text: routeText(d.route) }] : []),
      ],
      fix: [
        ...withoutRoute(ctx, hop),
        `# check ${hop} itself: is it up, and is ${hop} its address on this network? Then:`,
        `ip neigh del ${hop} dev ${probe.iface}`,
      ],
      subject: dst,
    },
  ];
}

export const routeNextHopRule: Rule = {
  id: 'route-next-hop',
  topic: 'path',
  codes: ['next-hop-unresolved'],
  run: (ctx): Finding[] => {
    if (!ctx.path || !ctx.host) return [];
    const d = ctx.path.decision;
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
