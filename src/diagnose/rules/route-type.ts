/**
 * What the route (or rule) that decided a packet does with it, when that is to drop it:
 * `no-route`, `route-blackhole`, `route-unreachable`, `route-prohibit`. Reads ctx.path.
 */
import type { Finding, FindingCode, FixBox } from '../finding.js';
import type { HostState } from '../../state/host-state.js';
import { hostRole, isPrivateAddress } from '../../net/role.js';
import { parseCidr } from '../../net/cidr.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { RouteDecision } from '../../net/route-decision.js';
import { ROUTE_ERRORS } from '../../net/resolve-route.js';
import { SOURCES, routeText, ruleText } from '../../net/resolve-route-facts.js';

/** Evidence: the rule that ended the walk and the route it found, with their sources. */
function decisionEvidence(d: RouteDecision): Finding['evidence'] {
  const out: { source: string; text: string }[] = [];
  if (d.rule) out.push({ source: SOURCES.rule(d.family), text: ruleText(d.rule) });
  if (d.route) out.push({ source: SOURCES.route(d.family), text: routeText(d.route) });
  return out;
}

/** The command that removes what drops the packet: the route, or the rule. */
function removal(d: RouteDecision): string[] {
  const v6 = d.family === 'inet6' ? ' -6' : '';
  if (d.route) {
    const table = d.route.table === 'main' ? '' : ` table ${d.route.table}`;
    return [`ip${v6} route del ${d.route.type} ${d.route.dst}${table}`];
  }
  if (d.rule) return [`ip${v6} rule del pref ${d.rule.priority}`];
  return [];
}

function where(d: RouteDecision): string {
  if (d.route) return `the route "${routeText(d.route)}"`;
  if (d.rule) return `policy rule ${d.rule.priority} ("${ruleText(d.rule)}")`;
  return 'the routing table';
}

const REJECT: Readonly<
  Record<'blackhole' | 'unreachable' | 'prohibit', { code: FindingCode; does: string }>
> = {
  blackhole: {
    code: 'route-blackhole',
    does: 'drops it silently: a host that sent it through this router gets no error back, so it waits and retries until it times out.',
  },
  unreachable: {
    code: 'route-unreachable',
    does: 'drops it and answers the sender with ICMP "unreachable": connections fail at once.',
  },
  prohibit: {
    code: 'route-prohibit',
    does: 'drops it and answers the sender with ICMP "administratively prohibited": connections fail at once.',
  },
};

function run(d: RouteDecision, host: HostState | null): Finding[] {
  const dst = d.query.dst;
  if (d.type === 'blackhole' || d.type === 'unreachable' || d.type === 'prohibit') {
    const r = REJECT[d.type];
    return [
      {
        code: r.code,
        severity: 'error',
        title: `${dst}: ${d.route ? `route ${d.route.dst}` : `rule ${d.rule?.priority ?? '?'}`} is ${d.type}`,
        why: `A packet to ${dst} meets ${where(d)}${d.table ? ` in table ${d.table}` : ''}, which ${r.does}${d.error ? ` Programs here see "${d.error}".` : ''} If that is meant (a null route for a network you stopped using), leave it; if not, remove it so the next route or rule applies.`,
        evidence: decisionEvidence(d),
        fix: removal(d),
        subject: dst,
      },
    ];
  }
  if (d.type === 'none' && d.error === ROUTE_ERRORS.ENETUNREACH) {
    const passed = d.steps
      .filter((s) => s.outcome !== 'selector-mismatch')
      .map((s) => `${s.rule.priority} (${s.note})`);
    const noSource = d.query.src !== undefined && d.steps.length === 0;
    return [
      {
        code: 'no-route',
        severity: 'error',
        title: noSource
          ? `${dst}: ${d.query.src} is not an address of this host`
          : `${dst}: no route in any table the rules select`,
        why: noSource
          ? `The kernel sends a packet from ${d.query.src} only if that address is on one of its interfaces; it is not, so "Network is unreachable".`
          : `The kernel walked the policy rules${passed.length ? ` (${passed.join('; ')})` : ''} and no table holds a route for ${dst}, not even a default route. The packet is never sent: programs see "Network is unreachable". Add a route, or a default route via the gateway of this network.`,
        evidence: [
          ...d.steps
            .filter((s) => s.outcome !== 'selector-mismatch')
            .map((s) => ({ source: SOURCES.rule(d.family), text: ruleText(s.rule) })),
        ],
        fix: noSource ? [] : noRouteFix(d, host),
        ...(noSource || !host ? {} : { box: noRouteBox(host) }),
        subject: dst,
      },
    ];
  }
  return [];
}

/**
 * The route to add: for a private destination, its network (a /24 or /64 guess, said as
 * one) via the box that serves it; otherwise a default route. The gateway's address is the
 * one value this host cannot know: the comment says how to find it.
 */
function noRouteFix(d: RouteDecision, host: HostState | null): string[] {
  const dst = d.query.dst;
  const v6 = d.family === 'inet6' ? ' -6' : '';
  const role = host ? hostRole(host) : null;
  const lan = role?.gatewayOf[0] ?? role?.lanNets[0];
  const dev = lan ? ` dev ${lan.iface}` : '';
  if (isPrivateAddress(dst)) {
    const net = parseCidr(`${dst}/${v6 ? 64 : 24}`, d.family)?.text ?? dst;
    return [
      `# ${dst} is private: it lives behind some box of a LAN of this host (a VPN server, a router); route its network (${net} is a guess: use the real prefix) via that box's address${lan ? ` on ${lan.cidr.text}` : ''}:`,
      `ip${v6} route add ${net} via <the address of the box that serves ${net}>${dev}`,
    ];
  }
  return [
    `# a default route via this network's gateway (its address: ask the network's owner, or see which neighbour routes: ip neigh)`,
    `ip${v6} route add default via <gateway address>${dev}`,
  ];
}

function noRouteBox(host: HostState): FixBox {
  const role = hostRole(host);
  const lan = role.gatewayOf[0];
  return lan
    ? {
        role: 'lan-gateway',
        words: `this host (${host.meta.hostname}), the gateway of ${lan.cidr.text}`,
        address: lan.address,
      }
    : { role: 'this-host', words: `this host (${host.meta.hostname})` };
}

const DOCS: CodeDocs = {
  'no-route': {
    title: 'no route matches the destination',
    severity: { error: 'always' },
    means:
      'No route in the tables the policy rules select matches the destination, and there is no default route.',
    matters:
      'The kernel refuses to send: "Network is unreachable" for the sender, silence for anyone forwarding through this host.',
    proof:
      "From the route resolver walking `ip rule` and every table (`ip -j route show table all`), and, live, the kernel's own `ip route get`.",
    fix: "Add a route for the destination's network, or a default route, via a gateway that reaches it.",
    box: 'this host',
  },
  'route-blackhole': {
    title: 'the route that matches drops the packets silently (blackhole)',
    severity: { error: 'always' },
    means: 'The route that decides the packet is of type blackhole.',
    matters: 'Packets vanish with no error to the sender; connections hang until they time out.',
    proof:
      "From the route resolver's answer: the deciding route and its table, as `ip route` prints it.",
    fix: 'Delete the blackhole route (`ip route del blackhole NET`), or add a more specific route that carries the destination.',
    box: 'this host',
  },
  'route-unreachable': {
    title: 'the route (or rule) that matches answers "unreachable"',
    severity: { error: 'always' },
    means: 'The deciding route is of type unreachable, or a policy rule says unreachable.',
    matters: 'The sender gets "No route to host" (ICMP host unreachable) at once.',
    proof: "From the route resolver's answer: the deciding route or rule.",
    fix: 'Delete the unreachable route or rule, or add a more specific route that carries the destination.',
    box: 'this host',
  },
  'route-prohibit': {
    title: 'the route (or rule) that matches answers "prohibited"',
    severity: { error: 'always' },
    means: 'The deciding route is of type prohibit, or a policy rule says prohibit.',
    matters:
      'The sender gets "Permission denied" (ICMP communication administratively prohibited): it looks like a firewall, but it is routing.',
    proof: "From the route resolver's answer: the deciding route or rule.",
    fix: 'Delete the prohibit route or rule, or add a more specific route that carries the destination.',
    box: 'this host',
  },
};

export const routeTypeRule: Rule = {
  id: 'route-type',
  topic: 'path',
  codes: ['no-route', 'route-blackhole', 'route-unreachable', 'route-prohibit'],
  docs: DOCS,
  run: (ctx) => (ctx.path ? run(ctx.path.decision, ctx.host) : []),
};
