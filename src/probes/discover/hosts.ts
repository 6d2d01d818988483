/**
 * The discovered hosts: sightings merged into one record per (interface, address), with the
 * vendor, the flags a person scans the table for, and the duplicate-ip findings. Pure: the
 * CLI and the TUI's reducer both fold events through these functions.
 */
import {
  isLocallyAdministered,
  isRaspberryPi,
  lookupVendor,
  normaliseMac,
  type Vendor,
} from '../../net/mac.js';
import { isLinkLocalV6, macFromEui64 } from '../../net/eui64.js';
import type { Finding } from '../../diagnose/finding.js';
import type { DuplicateSighting } from '../../diagnose/rule.js';
import { diagnose } from '../../diagnose/diagnose.js';
import type { NameSource, Sighting, SightingVia } from './types.js';

export type HostFlag = 'self' | 'gateway' | 'raspberry-pi' | 'local-mac' | 'duplicate-ip';

export interface DiscoveredHost {
  readonly iface: string;
  readonly ip: string;
  readonly family: 'inet' | 'inet6';
  /** The first MAC seen answering for this address. */
  readonly mac: string | null;
  /** Every MAC seen answering for it: two or more is a duplicate IP. */
  readonly macs: readonly string[];
  readonly vendor: Vendor | null;
  readonly name: string | null;
  /** Where the name came from: reverse DNS, /etc/hosts or mDNS. */
  readonly nameSource?: NameSource | null;
  readonly flags: readonly HostFlag[];
  /** The best (lowest) round-trip time seen, ms. */
  readonly rttMs: number | null;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly via: SightingVia;
  readonly state: string | null;
  /** IPv6 neighbours with the same MAC on the same interface (link-local EUI-64 and others). */
  readonly ipv6: readonly string[];
}

/** What decides the flags that are not about the MAC. */
export interface HostContext {
  readonly selfAddresses: ReadonlySet<string>;
  readonly gateways: ReadonlySet<string>;
}

export const EMPTY_CONTEXT: HostContext = { selfAddresses: new Set(), gateways: new Set() };

/** The flags' context of a sweep: the targets' own addresses and their gateways. */
export function targetContext(
  targets: readonly {
    readonly localAddresses: readonly string[];
    readonly gateways: readonly string[];
  }[],
): HostContext {
  return {
    selfAddresses: new Set(targets.flatMap((t) => t.localAddresses)),
    gateways: new Set(targets.flatMap((t) => t.gateways)),
  };
}

function flagsOf(
  ip: string,
  macs: readonly string[],
  via: SightingVia,
  ctx: HostContext,
): readonly HostFlag[] {
  let set = 0;
  if (via === 'self' || ctx.selfAddresses.has(ip)) set |= FLAG_BIT.self;
  if (ctx.gateways.has(ip)) set |= FLAG_BIT.gateway;
  if (macs.some((m) => isRaspberryPi(m))) set |= FLAG_BIT['raspberry-pi'];
  if (macs.some((m) => isLocallyAdministered(m))) set |= FLAG_BIT['local-mac'];
  if (macs.length > 1) set |= FLAG_BIT['duplicate-ip'];
  return FLAG_LISTS[set]!;
}

/** The flags in the order a host lists them, each as a bit of flagsOf's set. */
const FLAG_ORDER = ['self', 'gateway', 'raspberry-pi', 'local-mac', 'duplicate-ip'] as const;
const FLAG_BIT = Object.fromEntries(FLAG_ORDER.map((f, i) => [f, 1 << i])) as Record<
  HostFlag,
  number
>;
/**
 * Every set of flags as one frozen list, shared by the hosts that have it: a sweep of 10,000
 * hosts made 10,000 lists, and the young collections after it copied each of them.
 */
const FLAG_LISTS: readonly (readonly HostFlag[])[] = Array.from(
  { length: 1 << FLAG_ORDER.length },
  (_, set) => Object.freeze(FLAG_ORDER.filter((f) => (set & FLAG_BIT[f]) !== 0)),
);
/** No addresses: one frozen list for every host without (most have no IPv6 twin). */
const NONE: readonly string[] = Object.freeze([]);

/** One host's record after a sighting: a new record when there was none. */
export function mergeSighting(
  old: DiscoveredHost | undefined,
  s: Sighting,
  ctx: HostContext = EMPTY_CONTEXT,
): DiscoveredHost {
  const mac = s.mac === null ? null : normaliseMac(s.mac);
  if (old === undefined) {
    const macs = mac ? [mac] : NONE;
    return {
      iface: s.iface,
      ip: s.ip,
      family: s.ip.includes(':') ? 'inet6' : 'inet',
      mac,
      macs,
      vendor: mac ? lookupVendor(mac) : null,
      name: null,
      nameSource: null,
      flags: flagsOf(s.ip, macs, s.via, ctx),
      rttMs: s.rttMs,
      firstSeen: s.at,
      lastSeen: s.at,
      via: s.via,
      state: s.state,
      ipv6: NONE,
    };
  }
  const news = mac !== null && !old.macs.includes(mac);
  // A MAC only the neighbour table held is no second holder of the address: an answer from
  // another MAC means the table's was stale (the address moved, or that host is gone), and
  // a table's MAC beside a proved one is the same stale word. Two MACs that both answered
  // are a duplicate.
  const oldProved = old.via !== 'table';
  const proved = s.via !== 'table';
  if (news && oldProved && !proved) return old;
  const replaces = news && !oldProved;
  const macs = !news ? old.macs : replaces ? [mac] : [...old.macs, mac];
  const rttMs =
    old.rttMs === null ? s.rttMs : s.rttMs === null ? old.rttMs : Math.min(old.rttMs, s.rttMs);
  // A proof from this sweep outranks an entry merely found in the table.
  const via = !oldProved && proved ? s.via : old.via;
  return {
    ...old,
    mac: replaces ? mac : (old.mac ?? mac),
    macs,
    vendor: replaces ? lookupVendor(mac) : (old.vendor ?? (mac ? lookupVendor(mac) : null)),
    flags: flagsOf(old.ip, macs, via, ctx),
    rttMs,
    lastSeen: Math.max(old.lastSeen, s.at),
    via,
    // The table's state was the stale MAC's.
    state: replaces ? s.state : (s.state ?? old.state),
  };
}

/** The key of a host record: one per (interface, address). */
export const hostKey = (iface: string, ip: string) => `${iface} ${ip}`;

/** Folds one sighting into the list (a new list; the old one is left as it was). */
export function addSighting(
  hosts: readonly DiscoveredHost[],
  s: Sighting,
  ctx: HostContext = EMPTY_CONTEXT,
): readonly DiscoveredHost[] {
  const at = hosts.findIndex((h) => hostKey(h.iface, h.ip) === hostKey(s.iface, s.ip));
  if (at < 0) return [...hosts, mergeSighting(undefined, s, ctx)];
  const next = [...hosts];
  next[at] = mergeSighting(hosts[at], s, ctx);
  return next;
}

export function addName(
  hosts: readonly DiscoveredHost[],
  ip: string,
  name: string,
  source: NameSource | null = null,
): readonly DiscoveredHost[] {
  return hosts.map((h) =>
    h.ip === ip && h.name === null ? { ...h, name, nameSource: source } : h,
  );
}

/**
 * The list as shown: IPv6 neighbours folded into the IPv4 host with the same MAC (their
 * addresses listed with it); IPv6 neighbours with no IPv4 twin stay rows of their own,
 * unless the sweep was narrowed to a prefix they cannot be known to lie in.
 */
export function visibleHosts(
  hosts: readonly DiscoveredHost[],
  keepIpv6Only = true,
): DiscoveredHost[] {
  const v4 = hosts.filter((h) => h.family === 'inet');
  const byMac = new Map<string, number>();
  v4.forEach((h, i) => {
    for (const m of h.macs) byMac.set(`${h.iface} ${m}`, i);
  });
  // A host that gains no address stays the same object: the list is made again for every
  // frame of a sweep, and copying 10,000 hosts each time was garbage that outlived young
  // collections (and the table's per-host row cache, keyed by the object, missed).
  const out = [...v4];
  const joined = new Map<number, string[]>();
  for (const h of hosts) {
    if (h.family !== 'inet6') continue;
    const mac = h.mac ?? (isLinkLocalV6(h.ip) ? macFromEui64(h.ip) : null);
    const twin = mac === null ? undefined : byMac.get(`${h.iface} ${mac}`);
    if (twin !== undefined) {
      const ipv6 = joined.get(twin) ?? [...v4[twin]!.ipv6];
      ipv6.push(h.ip);
      joined.set(twin, ipv6);
    } else if (keepIpv6Only) out.push(h.ipv6.length === 0 ? h : { ...h, ipv6: NONE });
  }
  for (const [i, ipv6] of joined) out[i] = { ...v4[i]!, ipv6 };
  return out.sort(compareAddresses);
}

/**
 * An IPv4 address as a number, remembered: sorting 10,000 rows compares each address about
 * 14 times, and splitting the text every time was most of a frame.
 */
const ipv4Numbers = new Map<string, number>();
function ipv4Number(ip: string): number {
  let n = ipv4Numbers.get(ip);
  if (n === undefined) {
    n = ip.split('.').reduce((acc, part) => acc * 256 + (Number(part) || 0), 0);
    if (ipv4Numbers.size > 200_000) ipv4Numbers.clear();
    ipv4Numbers.set(ip, n);
  }
  return n;
}

/** IPv4 before IPv6, then numerically. */
export function compareAddresses(a: DiscoveredHost, b: DiscoveredHost): number {
  if (a.family !== b.family) return a.family === 'inet' ? -1 : 1;
  if (a.family === 'inet') {
    const d = ipv4Number(a.ip) - ipv4Number(b.ip);
    return d !== 0 ? d : a.iface.localeCompare(b.iface);
  }
  return a.ip.localeCompare(b.ip) || a.iface.localeCompare(b.iface);
}

/** What the duplicate check printed for one address: its command, lines and table entry. */
export interface DuplicateEvidence {
  readonly source: string;
  readonly lines: readonly string[];
  readonly current: string | null;
}

/**
 * The addresses answered by two or more MACs, as the duplicate-ip rule reads them: with the
 * check's own evidence (arping's reply lines) where it ran, else one line per MAC.
 */
export function duplicateSightings(
  hosts: readonly DiscoveredHost[],
  source: string,
  evidence: ReadonlyMap<string, DuplicateEvidence> = new Map(),
): DuplicateSighting[] {
  return hosts
    .filter((h) => h.macs.length > 1)
    .map((h) => {
      const seen = evidence.get(hostKey(h.iface, h.ip));
      return {
        ip: h.ip,
        iface: h.iface,
        macs: h.macs,
        current: seen?.current ?? null,
        source: seen?.source ?? source,
        lines: seen?.lines ?? h.macs.map((m) => `${h.ip}\t${m}`),
      };
    });
}

/** One `duplicate-ip` finding per address answered by two or more MACs. */
export function duplicateFindings(
  hosts: readonly DiscoveredHost[],
  source: string,
  evidence: ReadonlyMap<string, DuplicateEvidence> = new Map(),
): Finding[] {
  return diagnose(
    { host: null, probes: { duplicates: duplicateSightings(hosts, source, evidence) } },
    ['l2'],
  );
}
