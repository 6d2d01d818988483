/**
 * path-walk (hosts: `netdoctor path SRC DEST`): what the two walks across the hosts given
 * conclude, as findings on the host each is about (`host`): where a direction stops and
 * that host's fix (the box named in a leading `# on HOST:` line), a loop, where the walk
 * leaves the hosts given, and the hosts that could not be read. The walks themselves are
 * src/path/walk.ts's.
 */
import type { Evidence, Finding, FindingCode, FixBox } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import { firewallFix, ruleWords } from './firewall-fix.js';
import { rpFilterFix, wayBackEvidence } from './rp-filter-shared.js';
import { routeEvidence } from '../../net/role-evidence.js';
import { resolveRoute, routePrefix } from '../../net/resolve-route.js';
import type { RouteDecision } from '../../net/route-decision.js';
import { cidrContains } from '../../net/cidr.js';
import { SOURCES } from '../../net/resolve-route-facts.js';
import type { HostIndex } from '../../path/owners.js';
import type { DropKind, PathHop, Walk } from '../../path/types.js';

const IP_FORWARD = '/proc/sys/net/ipv4/ip_forward';

interface Ctx {
  readonly index: HostIndex;
  readonly walk: Walk;
  /** The other direction's walk: the boxes it passes know the way this one lacks. */
  readonly other: Walk;
}

const name = (ctx: Ctx, i: number) => ctx.index.hosts[i]?.name ?? `#${i}`;

function boxOf(ctx: Ctx, hostIndex: number): FixBox {
  const holdsDst = ctx.index.owners(ctx.walk.dst).some((o) => o.hostIndex === hostIndex);
  const host = name(ctx, hostIndex);
  return holdsDst
    ? { role: 'destination', words: `${host}, which holds ${ctx.walk.dst}` }
    : { role: 'router', words: host };
}

function make(
  ctx: Ctx,
  hostIndex: number,
  f: Omit<Finding, 'box' | 'fix'> & { fix: readonly string[] },
): Finding {
  const host = name(ctx, hostIndex);
  return {
    ...f,
    fix: f.fix.length > 0 ? [`# on ${host}:`, ...f.fix] : [],
    box: boxOf(ctx, hostIndex),
    host,
  };
}

const what = (w: Walk) =>
  w.direction === 'forward'
    ? `packets from ${w.src} to ${w.dst}`
    : `answers from ${w.src} back to ${w.dst}`;

function decisionEvidence(d: RouteDecision): Evidence[] {
  return d.route ? [routeEvidence(d.route)] : [];
}

/**
 * The route a box lacks: the network of `target` as a box on its link knows it, via that
 * box's address there. The other walk's boxes come first (they carry the packets the other
 * way), then any host on the link whose own way to the target does not come back here.
 */
function missingRoute(
  ctx: Ctx,
  box: number,
  target: string,
): { net: string; via: string; by: number } | null {
  const { index } = ctx;
  const state = index.hosts[box]?.state;
  if (!state) return null;
  const mine = state.interfaces.flatMap((i) => index.networksOf(box, i.name));
  const onLink = index.onNetworks(mine, box);
  const order = [
    ...ctx.other.hops.map((h) => h.hostIndex).reverse(),
    ...onLink.map((o) => o.hostIndex),
  ];
  const ownAddresses = new Set(state.interfaces.flatMap((i) => i.addresses.map((a) => a.local)));
  for (const candidate of new Set(order)) {
    if (candidate === box) continue;
    const there = onLink.find((o) => o.hostIndex === candidate);
    const other = index.hosts[candidate]?.state;
    if (!there || !other) continue;
    let d: RouteDecision;
    try {
      d = resolveRoute(other, { dst: target });
    } catch {
      continue;
    }
    if (d.type !== 'unicast' && d.type !== 'local') continue;
    if (d.error || (d.gateway !== null && ownAddresses.has(d.gateway))) continue;
    const prefix = d.route ? routePrefix(d.route) : null;
    const net =
      prefix && prefix.length > 0 && cidrContains(prefix, target)
        ? prefix.text
        : `${target}/${target.includes(':') ? 128 : 32}`;
    return { net, via: there.local, by: candidate };
  }
  return null;
}

function noRoute(ctx: Ctx, hop: PathHop): Finding {
  const { walk } = ctx;
  const host = name(ctx, hop.hostIndex);
  const target = walk.dst;
  const way = missingRoute(ctx, hop.hostIndex, target);
  const v6 = target.includes(':') ? ' -6' : '';
  const came = walk.hops.at(-2);
  const fix = way
    ? [
        `ip${v6} route add ${way.net} via ${way.via}`,
        ...(came && came.hostIndex !== hop.hostIndex
          ? [
              `# or on ${name(ctx, came.hostIndex)}, which sent it here (only it learns the way):`,
              `ip${v6} route add ${way.net} via ${way.via}`,
            ]
          : []),
      ]
    : [
        `# none of the hosts you gave that share a network with ${host} knows the way to ${target}: route its network via the box that serves it`,
      ];
  const returning = walk.direction === 'return';
  return make(ctx, hop.hostIndex, {
    code: returning ? 'return-route-missing' : 'no-route',
    severity: 'error',
    title: `${host} has no route to ${target}: the ${what(walk)} stop there`,
    why:
      `${hop.words}. The kernel on ${host} walked its policy rules and found no route for ` +
      `${target}${hop.decision.error ? ` ("${hop.decision.error}")` : ''}, so it drops the ${what(walk)}` +
      `${returning ? ': the request arrives, its answer never comes back' : ''}.` +
      (way
        ? ` ${name(ctx, way.by)} (${way.via}, on ${host}'s network) knows the way to ${way.net}.`
        : ''),
    evidence: hop.decision.steps
      .filter((s) => s.outcome !== 'selector-mismatch')
      .map((s) => ({ source: SOURCES.rule(hop.decision.family), text: s.note })),
    fix,
    subject: target,
  });
}

function rejectRoute(ctx: Ctx, hop: PathHop, kind: 'blackhole' | 'unreachable' | 'prohibit') {
  const d = hop.decision;
  const host = name(ctx, hop.hostIndex);
  const v6 = d.family === 'inet6' ? ' -6' : '';
  const fix = d.route
    ? [
        `ip${v6} route del ${d.route.type} ${d.route.dst}${d.route.table === 'main' ? '' : ` table ${d.route.table}`}`,
      ]
    : d.rule
      ? [`ip${v6} rule del pref ${d.rule.priority}`]
      : [];
  const code: FindingCode = kind === 'blackhole' ? 'route-blackhole' : `route-${kind}`;
  return make(ctx, hop.hostIndex, {
    code,
    severity: 'error',
    title: `${host}: ${d.route ? `route ${d.route.dst}` : `rule ${d.rule?.priority ?? '?'}`} is ${kind}: the ${what(ctx.walk)} stop there`,
    why: `${hop.words}. That ${d.route ? 'route' : 'rule'} throws the packet away. If it is meant, leave it; if not, remove it so the next route applies.`,
    evidence: decisionEvidence(d),
    fix,
    subject: d.route?.dst ?? ctx.walk.dst,
  });
}

function forwardingOff(ctx: Ctx, hop: PathHop): Finding {
  const host = name(ctx, hop.hostIndex);
  const state = ctx.index.hosts[hop.hostIndex]?.state;
  const iif = hop.iif ?? '';
  const own = state?.sysctls.interfaces[iif]?.forwarding;
  const six = hop.decision.family === 'inet6';
  const key = six
    ? 'net.ipv6.conf.all.forwarding'
    : own === 0 && state?.sysctls.ipForward === 1
      ? `net.ipv4.conf.${iif}.forwarding`
      : 'net.ipv4.ip_forward';
  return make(ctx, hop.hostIndex, {
    code: 'forwarding-disabled',
    severity: 'error',
    title: `${host} does not forward: the ${what(ctx.walk)} stop there`,
    why: `${hop.words}. ${host} would route them on, but forwarding is off (${key} = 0), so the kernel drops what comes in on ${iif} for another box.`,
    evidence: [{ source: six ? '/proc/sys/net/ipv6/conf/all/forwarding' : IP_FORWARD, text: '0' }],
    fix: [
      `sysctl -w ${key}=1`,
      '# and to keep it after a reboot:',
      `echo '${key} = 1' > /etc/sysctl.d/90-forwarding.conf`,
    ],
    subject: iif,
  });
}

function rpFilter(ctx: Ctx, hop: PathHop): Finding | null {
  const check = hop.decision.sourceCheck;
  const state = ctx.index.hosts[hop.hostIndex]?.state;
  if (!check || !state) return null;
  const host = name(ctx, hop.hostIndex);
  return make(ctx, hop.hostIndex, {
    code: 'rp-filter-drop',
    severity: 'error',
    title: `${host}: rp_filter on ${check.iif} drops the ${what(ctx.walk)}`,
    why: `${hop.words}. ${check.words}.`,
    evidence: wayBackEvidence(check),
    fix: rpFilterFix(state, check, check.iif, null, null),
    subject: check.iif,
  });
}

function firewall(ctx: Ctx, hop: PathHop): Finding | null {
  const fw = hop.firewall;
  if (!fw || fw.verdict.verdict === 'accept') return null;
  const v = fw.verdict;
  const host = name(ctx, hop.hostIndex);
  const certain = v.verdict !== 'unknown';
  const where = `${v.by.table.family} ${v.by.table.name} ${v.by.chain.name}`;
  const verb = v.verdict === 'reject' ? 'rejects' : certain ? 'drops' : 'may drop';
  return make(ctx, hop.hostIndex, {
    code: 'firewall-drops',
    severity: certain ? 'error' : 'info',
    title: `the firewall on ${host} ${verb} the ${what(ctx.walk)} (${fw.hook} hook)`,
    why:
      `${hop.words}. On ${host} they cross the ${fw.hook} hook of its packet filter, where ` +
      `${v.by.rule ? `the rule "${v.by.rule.text}" in ${where}` : `the ${v.by.chain.policy ?? ''} policy of ${where}`} ` +
      `${certain ? (v.verdict === 'reject' ? 'rejects' : 'drops') + ' them: the path fails here, whatever the routes say.' : 'may drop them: netdoctor cannot read all of its matches; its counter, watched while a ping runs, tells.'}`,
    evidence: [{ source: v.by.table.source, text: `${where}: ${ruleWords(v.by)}` }],
    fix: firewallFix(v.by, fw.packet, ctx.walk.direction === 'return', certain),
    subject: `${where}${v.by.rule?.handle !== undefined ? ` handle ${v.by.rule.handle}` : ''}`,
  });
}

function dropped(ctx: Ctx, drop: DropKind, hostIndex: number, ifname?: string): Finding[] {
  const hop = ctx.walk.hops.at(-1);
  const host = name(ctx, hostIndex);
  switch (drop) {
    case 'proxy-arp-off':
      return [
        make(ctx, hostIndex, {
          code: 'proxy-arp-needed',
          severity: 'error',
          title: `${host} routes ${ctx.walk.dst} elsewhere but does not answer ARP for it on ${ifname ?? '?'}`,
          why:
            `${hop?.words ?? ''}: that box expects ${ctx.walk.dst} on its link and asks by ARP. ` +
            `${ctx.walk.dst} is behind ${host}, which hears the question on ${ifname ?? '?'} ` +
            `but stays quiet with proxy_arp = 0, so nobody answers and the packets never leave.`,
          evidence: [{ source: `/proc/sys/net/ipv4/conf/${ifname ?? 'IF'}/proxy_arp`, text: '0' }],
          fix: [
            `sysctl -w net.ipv4.conf.${ifname ?? 'IF'}.proxy_arp=1`,
            '# and to keep it after a reboot:',
            `echo 'net.ipv4.conf.${ifname ?? 'IF'}.proxy_arp = 1' > /etc/sysctl.d/90-proxy-arp.conf`,
          ],
          subject: ifname ?? host,
        }),
      ];
    case 'no-route':
      return hop ? [noRoute(ctx, hop)] : [];
    case 'blackhole':
    case 'unreachable':
    case 'prohibit':
      return hop ? [rejectRoute(ctx, hop, drop)] : [];
    case 'forwarding-off':
      return hop ? [forwardingOff(ctx, hop)] : [];
    case 'rp-filter':
      return hop ? [rpFilter(ctx, hop)].filter((f): f is Finding => f !== null) : [];
    case 'firewall':
      return hop ? [firewall(ctx, hop)].filter((f): f is Finding => f !== null) : [];
    case 'interface-down': {
      const dev = hop?.decision.dev ?? '?';
      return [
        make(ctx, hostIndex, {
          code: 'interface-down',
          severity: 'error',
          title: `${host}: ${dev} is down: the ${what(ctx.walk)} stop there`,
          why: `${hop?.words ?? ''}. The route leaves by ${dev}, which is down.`,
          evidence: hop ? decisionEvidence(hop.decision) : [],
          fix: [`ip link set ${dev} up`],
          subject: dev,
        }),
      ];
    }
  }
}

function info(
  ctx: Ctx,
  hostIndex: number,
  code: FindingCode,
  title: string,
  why: string,
  subject: string,
): Finding {
  return make(ctx, hostIndex, {
    code,
    severity: 'info',
    title,
    why,
    evidence: [],
    fix: [],
    subject,
  });
}

/** The findings of one direction's walk. */
function walkFindings(index: HostIndex, walk: Walk, other: Walk): Finding[] {
  const ctx: Ctx = { index, walk, other };
  const end = walk.end;
  // A rule that may drop (unknown verdict) on a box the walk passed: a note.
  const notes = walk.hops
    .filter((h) => h.firewall?.verdict.verdict === 'unknown')
    .flatMap((h) => [firewall(ctx, h)].filter((f): f is Finding => f !== null));
  switch (end.kind) {
    case 'dropped':
      return [...dropped(ctx, end.drop, end.hostIndex, end.ifname), ...notes];
    case 'loop': {
      const first = end.hostIndices[0] ?? 0;
      return [
        {
          ...make(ctx, first, {
            code: 'path-loop',
            severity: 'error',
            title: `the ${what(walk)} go round in a loop: ${walk.words.replace(/^goes round in a loop: /, '')}`,
            why: `Each box sends them to the next by its own routes, and the last sends them back to the first, until their TTL runs out. ${walk.hops.map((h) => h.words).join('; ')}.`,
            evidence: walk.hops.flatMap((h) => decisionEvidence(h.decision)),
            fix: [],
            subject: walk.dst,
          }),
        },
        ...notes,
      ];
    }
    case 'left':
      return [
        info(
          ctx,
          end.hostIndex,
          'path-leaves-hosts',
          `the ${what(walk)} ${walk.words}`,
          `${name(ctx, end.hostIndex)} hands them to ${end.via}${end.dev ? ` on ${end.dev}` : ''}, which none of the hosts you gave holds: add that box to follow them further.` +
            unreadWords(ctx.index),
          end.via,
        ),
        ...notes,
      ];
    case 'no-start':
      return [];
    case 'unread':
      return notes;
    case 'delivered':
    case 'handed-off':
      return notes;
  }
}

/** The hosts that could not be read may hold the address the walk looked for. */
function unreadWords(index: HostIndex): string {
  const unread = index.hosts.filter((h) => !h.state).map((h) => h.name);
  return unread.length === 0
    ? ''
    : ` It may be one of the hosts that could not be read: ${unread.slice(0, 5).join(', ')}${unread.length > 5 ? ` and ${unread.length - 5} more` : ''}.`;
}

/** The failed hosts, named once each with why. */
function unreadFindings(index: HostIndex): Finding[] {
  return index.hosts.flatMap((h) =>
    h.state
      ? []
      : [
          {
            code: 'path-host-unread' as const,
            severity: 'info' as const,
            title: `${h.name} could not be read: ${h.error ?? 'unknown error'}`,
            why: `netdoctor could not read ${h.name}'s state, so the walk cannot follow a packet through it.`,
            evidence: [],
            fix: [],
            subject: h.name,
            host: h.name,
          },
        ],
  );
}

const DOCS: CodeDocs = {
  'path-loop': {
    title: 'the packet goes round between hosts',
    severity: { error: 'always' },
    means:
      'Walking the packet box by box across the hosts you gave, it comes back to a box and interface it already passed: each box sends it on by its own routes, and the last sends it back.',
    matters:
      'The packet never arrives; it circles until its TTL runs out, and traceroute shows the same hops repeating.',
    proof:
      "From each host's state: the route resolver's decision on each box (with the interface it came in on), and the next hop's owner among the hosts' addresses, until a box and interface repeat (or 64 hops).",
    fix: 'Change the route on one of the boxes of the loop so it points toward the destination.',
    box: 'a router on the loop (the finding names the host)',
  },
  'path-leaves-hosts': {
    title: 'the walk leaves the hosts you gave',
    severity: { info: 'always: what happens beyond cannot be told from these hosts' },
    means:
      'A box hands the packet to a next hop that none of the hosts you gave holds: the walk cannot follow it further.',
    matters:
      'The path may work or fail beyond that box; netdoctor cannot tell without the next box.',
    proof: "From each host's state: the next hop's address is on no interface of any host given.",
    fix: 'Add the box that holds the next hop (its snapshot, or --ssh) and ask again.',
    box: 'none: it names the box to add',
  },
  'path-host-unread': {
    title: 'a host could not be read',
    severity: { info: 'always: the walk goes on with the others' },
    means:
      'One of the hosts you gave could not be read (ssh refused, the file is not a snapshot): its reason is given.',
    matters: 'A walk that reaches it cannot follow the packet through it.',
    proof: 'The reading of the host failed: the first line of why.',
    fix: 'Mend the reason (the key, the file) and ask again.',
    box: 'the host named',
  },
};

export const pathWalkRule: Rule = {
  id: 'path-walk',
  topic: 'hosts',
  codes: [
    'path-loop',
    'path-leaves-hosts',
    'path-host-unread',
    'no-route',
    'return-route-missing',
    'route-blackhole',
    'route-unreachable',
    'route-prohibit',
    'forwarding-disabled',
    'rp-filter-drop',
    'firewall-drops',
    'interface-down',
    'proxy-arp-needed',
  ],
  docs: DOCS,
  run: ({ walks }) =>
    walks
      ? [
          ...walkFindings(walks.index, walks.forward, walks.back),
          ...walkFindings(walks.index, walks.back, walks.forward),
          ...unreadFindings(walks.index),
        ]
      : [],
};
