/**
 * path-fails-beyond (path, from the probes): the destination did not answer the doctor's
 * ping, and nothing this host knows explains it. A failed probe is never followed by "no
 * problems found": this says where answers stop (the walk's last box that answered), the
 * causes that fit that evidence, what to run on which box to tell them apart, and, where
 * the story is the seed's (a VPN client whose packets reach the VPN server and die past it),
 * the fix and the box it belongs on. Runs after the other rules: a proven cause they found
 * (a blackhole, forwarding off, a missing return route) is the better finding.
 */
import type { Evidence, FindingCode, FixBox } from '../finding.js';
import type { CodeDocs, PathTraceResult, PingProbeResult, Rule } from '../rule.js';
import type { HostState } from '../../state/host-state.js';
import type { RouteDecision } from '../../net/route-decision.js';
import { hostRole, isPrivateAddress, networkOfAddress } from '../../net/role.js';
import { safeText } from '../../text/safe.js';

/** Findings that already explain a path that does not answer. */
export const EXPLAINS_A_DEAD_PATH: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'no-route',
  'route-blackhole',
  'route-unreachable',
  'route-prohibit',
  'interface-down',
  'next-hop-unresolved',
  'private-via-default-gateway',
  'return-route-missing',
  'forwarding-disabled',
  'rp-filter-drop',
  'proxy-arp-needed',
  'firewall-drops',
  'source-route-broken',
  'openvpn-iroute-missing',
  'vpn-remote-via-tunnel',
]);

function lines(source: string, texts: readonly string[]): Evidence[] {
  return texts.map((text) => ({ source, text: safeText(text) }));
}

function pingEvidence(p: PingProbeResult): Evidence[] {
  return lines(p.command, p.lines.length > 0 ? p.lines : ['no answer']);
}

/** What this host's packets carry as their source, and the network the way back must know. */
function sourceOf(host: HostState, ping: PingProbeResult, decision: RouteDecision) {
  const address = ping.source ?? decision.prefsrc;
  const net = address ? (networkOfAddress(host, address) ?? address) : null;
  return { address, net };
}

interface Story {
  /** Error unless the walk reached the destination after all (loss, not a break). */
  readonly severity?: 'warning';
  readonly title: string;
  readonly why: string;
  readonly fix: readonly string[];
  readonly box?: FixBox;
}

/**
 * Answers stop after `last`. When this host's network is private and so is the destination
 * (a VPN client, a branch behind a router), the commonest cause is the way back: the hosts
 * past `last` answer through their own gateway, which does not know this network. Said as
 * the likely cause, with the fix on that gateway; the others that fit are listed with what
 * to run on which box to tell them apart.
 */
function diesAfter(
  dst: string,
  last: { ttl: number; address: string },
  src: { address: string | null; net: string | null },
  viaTunnel: boolean,
): Story {
  const from = src.address ?? 'this host';
  const net = src.net ?? `${from}'s network`;
  const who = viaTunnel ? `the VPN server ${last.address}` : last.address;
  const tellApart =
    `To tell them apart: on ${last.address}, run "netdoctor doctor --to ${dst} --probe" ` +
    `(it pings ${dst} from its own addresses: an answer there and none here means the way ` +
    `back to ${net} is missing past it); on ${dst}, "ip route get ${from}" (a way back via ` +
    `a default gateway that does not know ${net} loses the answers) and its firewall rules ` +
    `("nft list ruleset", "iptables -S"); and whether ${dst} is up at all.`;
  const privatePath =
    src.address !== null && isPrivateAddress(src.address) && isPrivateAddress(dst);
  if (viaTunnel || privatePath) {
    const via = `<${viaTunnel ? "the VPN server's" : `${last.address}'s`} address on ${dst}'s LAN>`;
    return {
      title: viaTunnel
        ? `${dst} does not answer: this host's packets reach the VPN server ${last.address} and nothing answers past it`
        : `${dst} does not answer: the path goes silent after ${last.address} (hop ${last.ttl})`,
      why:
        (viaTunnel
          ? `This host is a VPN client: its route to ${dst} goes into the tunnel, and ` +
            `${last.address} (hop ${last.ttl}, the VPN server's side of the tunnel) answers the ` +
            `walk, so the tunnel and the VPN server work. `
          : `${last.address} (hop ${last.ttl}) answers the walk, so it knows the way back to ` +
            `${net}. `) +
        `Past it, nothing answers. The causes that fit: (1) most often, the LAN of ${dst} has ` +
        `no route back to ${net}: ${dst} sends its answers to its own default gateway, which ` +
        `does not know that ${net} lies behind ${who}, and drops them or sends them towards ` +
        `the internet, where a private address dies; (2) ${who} does not forward ` +
        `(ip_forward = 0) or a firewall there drops the packets; (3) a firewall on ${dst} ` +
        `drops ${net}; (4) ${dst} is down. ` +
        tellApart,
      fix: [
        `# on the gateway of ${dst}'s LAN (the hosts there send their answers through it), route ${net} back via ${who} (its address on that LAN: ip -4 addr show, there):`,
        `ip route add ${net} via ${via}`,
        `# or on ${dst} itself (only it learns the way back):`,
        `ip route add ${net} via ${via}`,
        `# or NAT on ${who} (no route needed anywhere; ${dst} then sees its address instead of ${from}):`,
        `iptables -t nat -A POSTROUTING -s ${net} -o <its interface towards ${dst}> -j MASQUERADE`,
      ],
      box: { role: 'lan-gateway', words: `the gateway of ${dst}'s LAN (past ${who})` },
    };
  }
  return {
    title: `${dst} does not answer: the path goes silent after ${last.address} (hop ${last.ttl})`,
    why:
      `The walk's answers stop after ${last.address}: packets reach it, and nothing past it ` +
      `answers. The causes that fit: (1) the boxes past ${last.address} (or ${dst} itself) ` +
      `have no route back to ${net}, so their answers are lost on the way back; (2) the next ` +
      `box after ${last.address} drops the packets (a firewall, forwarding off, no route ` +
      `onward, a link down); (3) a firewall on ${dst} drops them; (4) ${dst} is down. ` +
      tellApart,
    fix: [
      `# on ${last.address}, the last box that answers: which box comes next, and whether ${dst} answers it`,
      `ip route get ${dst}`,
      `netdoctor doctor --to ${dst} --probe`,
    ],
    box: {
      role: 'router',
      words: `${last.address}, the last box that answers`,
      address: last.address,
    },
  };
}

/**
 * Answers stop after this host's own default gateway, for a private destination this host
 * sends there: the gateway may not know the private network (it passes it to its upstream,
 * where it dies), or it knows it and the far side has no way back. The gateway is the first
 * box to ask, and where the route goes when it lacks it.
 */
function diesAfterDefaultGateway(
  dst: string,
  gateway: { ttl: number; address: string },
  src: { address: string | null; net: string | null },
): Story {
  const net = `${dst}'s network`;
  const from = src.address ?? 'this host';
  return {
    title: `${dst} does not answer: this host sends it to its default gateway ${gateway.address}, and nothing answers past it`,
    why:
      `${dst} is a private address with no route of its own here, so it leaves by the ` +
      `default route to ${gateway.address}, which answers the walk; past it, nothing does. ` +
      `The causes that fit: (1) ${gateway.address} has no route for ${net} either and passes ` +
      `the packet to its own upstream, where a private address dies (a LAN's gateway knows ` +
      `the internet, not the private networks behind other boxes of its LAN, such as a VPN ` +
      `server's clients); (2) it does, and the far side has no route back to ` +
      `${src.net ?? from}; (3) a firewall on the way or on ${dst} drops it; (4) ${dst} is ` +
      `down. To tell them apart: on ${gateway.address}, "ip route get ${dst}" (a way via its ` +
      `own default route is cause 1) and "netdoctor doctor --to ${dst} --probe".`,
    fix: [
      `# on the default gateway ${gateway.address}, if it has no route for ${net}: route it via the box of the LAN that serves it (a VPN server, a router)`,
      `ip route add <${net}: the prefix> via <the LAN address of the box that serves it>`,
      `# or on this host only (it then reaches ${dst} without the gateway):`,
      `ip route add <${net}: the prefix> via <the LAN address of the box that serves it>`,
    ],
    box: {
      role: 'lan-gateway',
      words: `the default gateway ${gateway.address}`,
      address: gateway.address,
    },
  };
}

function nothingAnswered(dst: string, decision: RouteDecision): Story {
  const hop = decision.gateway ?? dst;
  return {
    title: `${dst} does not answer, and no box on the way answers either`,
    why:
      `Not even the first hop answered the walk: the packets leave this host by ` +
      `${decision.dev ?? 'its route'}${decision.gateway ? ` via ${decision.gateway}` : ''}, and ` +
      `${hop} neither answers nor passes them on with a word. The causes that fit: ${hop} is ` +
      `down or not on that link, it drops ICMP (a firewall), or it does not forward. To tell ` +
      `them apart: "ip neigh show ${hop}" here (FAILED or INCOMPLETE: nobody holds ${hop}); ` +
      `on ${hop}: "ip route get ${dst}", its forwarding switch and its firewall.`,
    fix: [`# on ${hop}: does it route ${dst}, and does it forward?`, `ip route get ${dst}`],
    box: { role: 'router', words: `the next hop ${hop}`, address: hop },
  };
}

function refused(dst: string, end: { ttl: number; address: string; words: string }): Story {
  const firewall = /prohibit|filter/i.test(end.words);
  return {
    title: `${dst} does not answer: ${end.address} (hop ${end.ttl}) refuses the packet (${end.words})`,
    why:
      `${end.address} answered the walk with "${end.words}": ` +
      (firewall
        ? `a firewall rule there (a REJECT) refuses packets to ${dst} from this host. `
        : `it has no route to ${dst} (or an unreachable route), so the packet goes no further. `) +
      `The fix is on ${end.address}, not here.`,
    fix: firewall
      ? [
          `# on ${end.address}: find the rule that rejects ${dst}`,
          'nft list ruleset',
          'iptables -S',
        ]
      : [`# on ${end.address}: which route it has for ${dst}`, `ip route get ${dst}`],
    box: { role: 'router', words: `${end.address} (hop ${end.ttl})`, address: end.address },
  };
}

function storyOf(
  host: HostState,
  ping: PingProbeResult,
  decision: RouteDecision,
  trace: PathTraceResult | undefined,
): Story {
  const dst = ping.target;
  const src = sourceOf(host, ping, decision);
  const role = hostRole(host);
  const viaTunnel =
    role.vpnClient && decision.dev !== null && role.vpnInterfaces.includes(decision.dev);
  const end = trace?.end;
  const viaDefault =
    decision.route?.dst === 'default' && decision.gateway !== null && isPrivateAddress(dst);
  if (end?.kind === 'dies' && end.after && viaDefault && end.after.address === decision.gateway)
    return diesAfterDefaultGateway(dst, end.after, src);
  if (end?.kind === 'dies' && end.after) return diesAfter(dst, end.after, src, viaTunnel);
  if (end?.kind === 'dies') return nothingAnswered(dst, decision);
  if (end?.kind === 'refused') return refused(dst, end);
  if (end?.kind === 'reached') {
    return {
      severity: 'warning',
      title: `${dst} answered the walk (hop ${end.ttl}) but not the pings`,
      why:
        `The path reaches ${dst}: it answered the walk's probes at hop ${end.ttl}. The pings ` +
        `sent just before got no answer: loss that comes and goes (a link that drops packets, ` +
        `ICMP rate limits on ${dst}), or a path that only now works. Run the doctor again, or ` +
        `"netdoctor trace ${dst}" to watch the loss per hop.`,
      fix: [],
    };
  }
  const why = end?.kind === 'failed' ? `the walk could not run: ${end.problem}` : 'no walk ran';
  return {
    title: `${dst} does not answer, and this host cannot tell where the path fails`,
    why:
      `The ping got no answer and ${why}, so there is no last box to name. Walk the path ` +
      `yourself ("netdoctor trace --once ${dst}", apt-get install mtr-tiny or traceroute) and ` +
      `run the doctor on the last box that answers.`,
    fix: [],
  };
}

const DOCS: CodeDocs = {
  'path-fails-beyond': {
    title: 'the destination does not answer, and nothing on this host explains it',
    severity: {
      error:
        'the path breaks beyond this host: answers stop at a box, or a router refuses the packet',
      warning: 'the walk reached the destination after all: loss, not a break',
    },
    means:
      "The doctor's ping got no answer and no other rule found a cause on this host; its walk of the path (`trace --once`) shows where answers stop.",
    matters:
      'A failed probe is never followed by "no problems found": the fault is on another box, and this finding says which box to look at and what to run there.',
    proof:
      "From the doctor's probes: the ping of the destination, then one walk of the path hop by hop, naming the last box that answered.",
    fix: "Whatever the story names: for a VPN client, a return route on the LAN's gateway or the LAN server toward the VPN's network; otherwise the commands to run on the last box that answered to find which cause it is.",
    box: 'the box past the last one that answered (named in the finding)',
  },
};

export const pathFailsBeyondRule: Rule = {
  id: 'path-fails-beyond',
  topic: 'path',
  codes: ['path-fails-beyond'],
  docs: DOCS,
  last: true,
  run: ({ host, path, probes }, earlier = []) => {
    const ping = probes?.ping;
    if (!host || !path || !ping || ping.answered || ping.target !== path.query.dst) return [];
    if (earlier.some((f) => f.severity === 'error' && EXPLAINS_A_DEAD_PATH.has(f.code))) return [];
    const trace = probes.trace?.target === ping.target ? probes.trace : undefined;
    const story = storyOf(host, ping, path.decision, trace);
    return [
      {
        code: 'path-fails-beyond',
        severity: story.severity ?? 'error',
        title: safeText(story.title),
        why: safeText(story.why),
        evidence: [...pingEvidence(ping), ...(trace ? lines(trace.command, trace.lines) : [])],
        fix: story.fix,
        ...(story.box ? { box: story.box } : {}),
        subject: safeText(ping.target),
      },
    ];
  },
};
