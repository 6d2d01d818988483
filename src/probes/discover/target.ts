/**
 * From what the person typed (--iface, --cidr, --backend, --force) and this host's
 * interfaces, the list of sweeps to run, or a one-line UsageError saying what is wrong and
 * what to type instead. Pure: it reads the HostState the caller loaded, and sends nothing.
 */
import type { AddressRecord } from '../../parse/ip-addr.js';
import type { LinkRecord } from '../../parse/ip-link.js';
import type { RouteRecord } from '../../parse/ip-route.js';
import type { HostState } from '../../state/host-state.js';
import { UsageError } from '../../usage-error.js';
import { defaultGateways } from '../../net/default-gateways.js';
import {
  hostCount,
  ipv4ToBigInt,
  parsePrefix4,
  prefixWithin,
  type Prefix4,
} from '../../net/prefix.js';
import type { BackendName, ScanTarget } from './types.js';

export interface TargetRequest {
  readonly ifaces: readonly string[];
  readonly cidr?: string;
  readonly backend: BackendName;
  readonly force: boolean;
}

/** The largest prefix swept without --force: a /16, 65534 addresses. */
export const MAX_PREFIX_WITHOUT_FORCE = 16;
const IFNAME = /^[A-Za-z0-9_.:@-]{1,15}$/;

function connectedPrefix(a: AddressRecord): Prefix4 | null {
  return a.family === 'inet' && a.peer === null ? parsePrefix4(`${a.local}/${a.prefixlen}`) : null;
}

function targetFor(
  facts: HostState,
  link: LinkRecord,
  prefix: Prefix4,
  onLink: boolean,
): ScanTarget {
  const own = facts.interfaces.find((i) => i.name === link.name)?.addresses ?? [];
  return {
    iface: link.name,
    prefix,
    onLink,
    localAddresses: own.filter((a) => a.family === 'inet').map((a) => a.local),
    localMac: link.mac,
    gateways: defaultGateways(facts, 'inet', link.name),
    ipv6: own.some((a) => a.family === 'inet6' && a.scope === 'link'),
  };
}

function checkSize(prefix: Prefix4, force: boolean): void {
  if (prefix.length < MAX_PREFIX_WITHOUT_FORCE && !force) {
    throw new UsageError(
      `refusing to sweep ${prefix.cidr}: ${hostCount(prefix)} addresses, more than a /16; add --force if you mean it`,
    );
  }
}

export function resolveTargets(facts: HostState, req: TargetRequest): ScanTarget[] {
  for (const name of req.ifaces) {
    if (!IFNAME.test(name)) throw new UsageError(`not an interface name: ${JSON.stringify(name)}`);
    if (!facts.interfaces.some((l) => l.name === name)) {
      const known = facts.interfaces.map((l) => l.name).join(', ');
      throw new UsageError(`no interface named ${name} here (interfaces: ${known || 'none'})`);
    }
  }
  // A sweep goes out of the interface it names or not at all. A down interface has no
  // connected route, so the kernel would hand every datagram to the default gateway.
  for (const name of req.ifaces) {
    const link = facts.interfaces.find((l) => l.name === name);
    if (link && !link.adminUp) {
      throw new UsageError(`${name} is down: bring it up first (ip link set ${name} up)`);
    }
    if (link && !link.carrier && req.backend !== 'passive') {
      throw new UsageError(
        `${name} has no carrier (cable unplugged or no peer): nothing sent on it would arrive; check the link, then ip link set ${name} up`,
      );
    }
  }
  let wanted: Prefix4 | null = null;
  if (req.cidr !== undefined) {
    // A bare address is refused rather than read as a /32: the person more often meant its
    // network, and a sweep of one host should be asked for as such.
    if (!req.cidr.includes('/') && parsePrefix4(req.cidr) !== null) {
      throw new UsageError(
        `--cidr ${req.cidr} is an address, not a prefix: write ${req.cidr}/32 for this one host, or its network (e.g. ${req.cidr.replace(/\.\d+$/, '.0')}/24)`,
      );
    }
    wanted = parsePrefix4(req.cidr);
    if (!wanted)
      throw new UsageError(
        `not an IPv4 CIDR: ${req.cidr} (expected a.b.c.d/n, e.g. 192.168.1.0/24)`,
      );
    // Host bits set: the person typed an address of the network, maybe their own. `ip route`
    // refuses such a prefix, and so does a sweep: which they meant is theirs to say.
    const typed = req.cidr.split('/')[0] ?? '';
    if (ipv4ToBigInt(typed) !== wanted.first) {
      throw new UsageError(
        `--cidr ${req.cidr} has host bits set: its network is ${wanted.cidr}; write that to sweep the network, or ${typed}/32 for the one host`,
      );
    }
    checkSize(wanted, req.force);
  }
  const usable = (l: LinkRecord) =>
    l.linkType !== 'loopback' && l.adminUp && (l.carrier || req.backend === 'passive');
  const links = req.ifaces.length
    ? facts.interfaces.filter((l) => req.ifaces.includes(l.name))
    : facts.interfaces.filter(usable);
  const targets: ScanTarget[] = [];
  for (const link of links) {
    const connected = link.addresses
      .map(connectedPrefix)
      .filter((p): p is Prefix4 => p !== null && p.length <= 30);
    if (wanted) {
      const onLink = connected.some((p) => prefixWithin(wanted, p));
      if (onLink || req.ifaces.length) targets.push(targetFor(facts, link, wanted, onLink));
      continue;
    }
    const seen = new Set<string>();
    for (const p of connected) {
      if (seen.has(p.cidr)) continue;
      seen.add(p.cidr);
      checkSize(p, req.force);
      targets.push(targetFor(facts, link, p, true));
    }
  }
  if (targets.length === 0) {
    if (wanted) {
      const gw = defaultGateways(facts, 'inet')[0];
      const iface = facts.routes.find((r) => r.dst === 'default' && r.gateway === gw)?.dev ?? 'IF';
      throw new UsageError(
        `${wanted.cidr} is not on-link on any interface: name one with --iface (e.g. --iface ${iface}) and use --backend arp-scan to ARP for it there`,
      );
    }
    throw new UsageError(
      req.ifaces.length
        ? `${req.ifaces.join(', ')} has no IPv4 prefix to sweep: give one with --cidr`
        : 'no interface that is up has an IPv4 prefix to sweep: name one with --iface and --cidr',
    );
  }
  if (req.backend === 'kernel') {
    const off = targets.find((t) => !t.onLink);
    if (off) {
      throw new UsageError(
        `${off.prefix.cidr} is not on-link on ${off.iface}: the kernel would hand these datagrams to the gateway and ARP only for it, so the kernel backend would find nothing; use --backend arp-scan (root or CAP_NET_RAW), which ARPs for them on ${off.iface} directly`,
      );
    }
    for (const t of targets) {
      const problem = sweepRouteProblem(facts.interfaces, facts.routes, t);
      if (problem)
        throw new UsageError(`refusing to sweep ${t.prefix.cidr} on ${t.iface}: ${problem}`);
    }
  }
  return targets;
}

/**
 * Why a sweep of `target` could leave by another interface, or null when it cannot: the
 * interface must be up with a carrier, and the main table must send the whole prefix out of
 * it directly (a connected route, no gateway), with no more specific route inside the prefix
 * that leaves elsewhere. Checked before every batch, so a link that drops or a route that
 * changes mid-sweep stops the sweep instead of sending the rest to a gateway.
 */
export function sweepRouteProblem(
  links: readonly LinkRecord[],
  routes: readonly RouteRecord[],
  target: ScanTarget,
): string | null {
  if (!target.onLink) return null; // arp-scan's own raw socket: no route is used
  const { iface, prefix } = target;
  const link = links.find((l) => l.name === iface);
  if (!link) return `${iface} is gone`;
  if (!link.adminUp) return `${iface} went down (ip link set ${iface} up)`;
  if (!link.carrier) return `${iface} lost its carrier`;
  const main = routes.filter(
    (r) => r.table === 'main' && r.family === 'inet' && r.dst !== 'default',
  );
  const covering = main
    .map((r) => ({ r, p: parsePrefix4(r.dst.includes('/') ? r.dst : `${r.dst}/32`) }))
    .filter((x): x is { r: RouteRecord; p: Prefix4 } => x.p !== null);
  const direct = (r: RouteRecord) =>
    r.dev === iface && r.gateway === null && r.nexthops.length === 0 && r.type === 'unicast';
  const connected = covering.some(({ r, p }) => direct(r) && prefixWithin(prefix, p));
  if (!connected) {
    return `no route sends ${prefix.cidr} directly out of ${iface}: its datagrams would go to a gateway`;
  }
  const elsewhere = covering.find(
    ({ r, p }) => prefixWithin(p, prefix) && p.length > prefix.length && !direct(r),
  );
  if (elsewhere) {
    const via = elsewhere.r.gateway
      ? `via ${elsewhere.r.gateway}`
      : `dev ${elsewhere.r.dev ?? '?'}`;
    return `${elsewhere.r.dst} inside ${prefix.cidr} is routed ${via}, not out of ${iface}: sweep a narrower --cidr`;
  }
  return null;
}
