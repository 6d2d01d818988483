/**
 * Which checks the doctor runs for a path, and their exact commands, decided before anything
 * is sent: ping the destination; ARP for the next hop; the return-path probe, the
 * destination pinged from each relevant local address (the kernel's own choice, the VPN
 * side's address, and on a router its other interfaces' addresses); and, only when the ping
 * gets no answer, one walk of the path (`trace --once`) to find the last box that answers.
 * Pure.
 */
import type { HostState } from '../../state/host-state.js';
import type { RouteDecision } from '../../net/route-decision.js';
import { hostRole, isLocalAddress, localNets } from '../../net/role.js';
import { selectableSources } from '../../net/source-addresses.js';
import { arpingArgv } from '../../parse/arping-argv.js';
import type { ArpingFlavour } from '../../parse/tool-versions.js';
import type { PlannedProbe } from './types.js';

/** Three echo requests 0.2 s apart, each waited for 1 s: about 1.5 s when nobody answers. */
export function pingArgv(target: string, source: string | null): string[] {
  return [
    'ping',
    '-n',
    '-c',
    '3',
    '-i',
    '0.2',
    '-W',
    '1',
    ...(source ? ['-I', source] : []),
    target,
  ];
}

const MAX_SOURCES = 4;

/** The local addresses a return-path probe pings from, the kernel's choice first. */
export function returnPathSources(host: HostState, decision: RouteDecision): string[] {
  const role = hostRole(host);
  const family = decision.family === 'inet6' ? 'inet6' : 'inet';
  const nets = localNets(host, family);
  const out: string[] = [];
  const add = (a: string | null | undefined) => {
    if (a && !out.includes(a) && out.length < MAX_SOURCES) out.push(a);
  };
  add(decision.prefsrc);
  // An address a policy rule's `from` or a route's `src` picks out may leave by another
  // table: its replies can die while the kernel's own choice works.
  for (const s of selectableSources(host)) add(s.address);
  for (const n of nets) if (role.vpnInterfaces.includes(n.iface)) add(n.address);
  for (const v of role.vpnNetworks) add(nets.find((n) => n.iface === v.iface)?.address);
  const forwards =
    family === 'inet' ? host.sysctls.ipForward === 1 : host.sysctls.ipv6Forward === 1;
  if (forwards) for (const n of nets) if (n.iface !== decision.dev) add(n.address);
  return out;
}

export interface ProbePlan {
  readonly probes: PlannedProbe[];
  /** Checks left out, and why, in words. */
  readonly skipped: string[];
}

export function planDoctorProbes(
  host: HostState,
  decision: RouteDecision,
  arping: ArpingFlavour | null,
): ProbePlan {
  const dest = decision.query.dst;
  const probes: PlannedProbe[] = [];
  const skipped: string[] = [];
  const v6 = decision.family === 'inet6';
  if (isLocalAddress(host, dest)) {
    return { probes, skipped: [`${dest} is this host's own address: nothing to probe`] };
  }
  // A --from that is not ours asks about a packet this host forwards: it cannot send from
  // that address, so the probes send from its own and say so.
  const asked = decision.query.src ?? null;
  const src = asked !== null && isLocalAddress(host, asked) ? asked : null;
  if (asked !== null && src === null) {
    skipped.push(
      `--from ${asked} is not an address of this host: the probes send from this host's own address`,
    );
  }
  probes.push({
    id: 'ping',
    kind: 'ping',
    title: `ping: 3 ICMP echo requests to ${dest}${src ? ` from ${src}` : ''}`,
    argv: pingArgv(dest, src),
    target: dest,
    source: src,
    iface: decision.dev,
  });

  const iface = decision.dev ? host.interfaces.find((i) => i.name === decision.dev) : undefined;
  const nextHop = decision.gateway ?? (decision.type === 'unicast' ? dest : null);
  if (v6) {
    skipped.push(
      'ARP for the next hop: IPv6 has no ARP; the ping and the walk say whether the next hop forwards',
    );
  } else if (decision.type !== 'unicast' || !iface || !nextHop) {
    skipped.push('ARP for the next hop: the route has no next hop on a link');
  } else if (iface.mac === null) {
    skipped.push(`ARP for the next hop: ${iface.name} has no link-layer address (a tunnel)`);
  } else if (arping === null || arping === 'unknown') {
    skipped.push(
      'ARP for the next hop: no arping netdoctor knows (apt-get install iputils-arping)',
    );
  } else {
    const source = decision.prefsrc ?? localNets(host).find((n) => n.iface === iface.name)?.address;
    if (!source) skipped.push(`ARP for the next hop: ${iface.name} has no IPv4 address`);
    else
      probes.push({
        id: 'arp',
        kind: 'arp',
        title: `arp: 2 ARP requests for ${nextHop} on ${iface.name} from ${source}`,
        argv: arpingArgv(arping, {
          kind: 'ping',
          iface: iface.name,
          source,
          target: nextHop,
          count: 2,
          timeoutS: 2,
        }),
        target: nextHop,
        source,
        iface: iface.name,
      });
  }

  const sources = asked ? [] : returnPathSources(host, decision);
  if (asked) skipped.push('return path: --from chooses the one source');
  else if (sources.length < 2) {
    skipped.push(
      'return path: this host has one address towards the destination, nothing to compare',
    );
  } else {
    const nets = localNets(host, v6 ? 'inet6' : 'inet');
    for (const s of sources) {
      probes.push({
        id: `return-path ${s}`,
        kind: 'return-path',
        title: `return path: 3 ICMP echo requests to ${dest} from ${s}`,
        argv: pingArgv(dest, s),
        target: dest,
        source: s,
        iface: nets.find((n) => n.address === s)?.iface ?? null,
      });
    }
  }
  probes.push(walkProbe(dest, src));
  return { probes, skipped };
}

/** The path walked once, like traceroute: planned always, sent only when the ping fails. */
function walkProbe(dest: string, src: string | null): PlannedProbe {
  return {
    id: 'trace',
    kind: 'trace',
    title: `trace: if ${dest} does not answer, walk the path once to find the last box that answers`,
    argv: ['netdoctor', 'trace', '--once', '--no-names', ...(src ? ['--from', src] : []), dest],
    target: dest,
    source: src,
    iface: null,
    onlyIfPingFails: true,
  };
}

/** The checks a run surely sends (the walk only follows a ping that got no answer). */
export function sureProbes(plan: ProbePlan): PlannedProbe[] {
  return plan.probes.filter((p) => !p.onlyIfPingFails);
}

/** "4 checks": those surely sent (the walk's own title says when it follows). */
export function probeCountWords(plan: ProbePlan): string {
  const n = sureProbes(plan).length;
  return `${n} check${n === 1 ? '' : 's'}`;
}
