/**
 * HostState: the typed view of one host, built from a raw snapshot on load. Everything the
 * UI and the rules read about a host comes from here.
 */
import type { Snapshot } from '../snapshot/types.js';
import {
  BRIDGE_VLAN_SOURCE,
  IP_SOURCES,
  OPENVPN_CONFIG_DIRS,
  VLAN_CONFIG,
  VLAN_PROC_DIR,
  commandKey,
  isOpenVpnConfigKey,
} from '../snapshot/sources.js';
import {
  parseVlanConfig,
  parseVlanDevice,
  type VlanConfig,
  type VlanDeviceProc,
} from '../parse/proc-vlan.js';
import { parseBridgeVlan, type BridgePortVlans } from '../parse/bridge-vlan.js';
import {
  parseOpenVpnCcd,
  parseOpenVpnConfig,
  type OpenVpnCcdFile,
  type OpenVpnConfig,
} from '../parse/openvpn.js';
import { parseIpLink, type LinkRecord } from '../parse/ip-link.js';
import { parseIpAddr, type AddressRecord } from '../parse/ip-addr.js';
import { parseIpRoute, type RouteRecord } from '../parse/ip-route.js';
import { parseIpRule, type RuleRecord } from '../parse/ip-rule.js';
import { parseIpNeigh, type NeighbourRecord } from '../parse/ip-neigh.js';
import { parseSysctls, type Sysctls } from '../parse/sysctl.js';
import { parseToolVersions, type ToolInfo } from '../parse/tool-versions.js';
import type { ParseWarning } from '../parse/warnings.js';
import { readFirewall, type FirewallState } from './firewall-state.js';
import { quoted } from '../parse/checks.js';
import { naturalOrder } from '../text/natural-order.js';

export interface InterfaceState extends LinkRecord {
  readonly addresses: readonly AddressRecord[];
}

export interface HostMeta {
  readonly hostname: string;
  readonly kernel: string;
  readonly netns: string | null;
  readonly takenAt: string;
  readonly root: boolean;
  readonly netdoctorVersion: string;
  /** How it was reached when not this host: `r1 via ssh` (--ssh). */
  readonly via?: string;
}

/**
 * What /proc/net/vlan said: `loaded` (8021q is in the kernel), `absent` (read, and ENOENT:
 * no 8021q), `unreadable` (another error), `not-collected` (an older snapshot never read it).
 */
export interface VlanProcState {
  readonly status: 'loaded' | 'absent' | 'unreadable' | 'not-collected';
  /** The error as recorded (ENOENT, EACCES), when not loaded. */
  readonly error: string | null;
  readonly config: VlanConfig | null;
  /** /proc/net/vlan/<dev> of each VLAN device that was read. */
  readonly devices: readonly VlanDeviceProc[];
}

/** What `bridge -j -d vlan show` said: read, failed (with why), or not in the snapshot. */
export interface BridgeVlanState {
  readonly status: 'read' | 'failed' | 'not-collected';
  readonly error: string | null;
  readonly ports: readonly BridgePortVlans[];
}

/** What the snapshot says of OpenVPN: which config directories exist, and the configs read. */
export interface OpenVpnState {
  /** Each config directory looked at; `present` false when it is absent or unreadable. */
  readonly dirs: readonly { readonly path: string; readonly present: boolean }[];
  readonly configs: readonly OpenVpnConfig[];
  /**
   * Each client-config-dir a config names: `present` false when the snapshot holds no
   * listing of it that could be read (absent, unreadable, or a snapshot older than the read).
   */
  readonly clientDirs: readonly OpenVpnClientDir[];
}

export interface OpenVpnClientDir {
  readonly path: string;
  readonly present: boolean;
  readonly files: readonly OpenVpnCcdFile[];
}

export interface HostState {
  readonly meta: HostMeta;
  readonly interfaces: readonly InterfaceState[];
  readonly routes: readonly RouteRecord[];
  readonly rules: readonly RuleRecord[];
  readonly neighbours: readonly NeighbourRecord[];
  readonly sysctls: Sysctls;
  readonly tools: readonly ToolInfo[];
  /** The 8021q module's view (/proc/net/vlan). */
  readonly vlanProc: VlanProcState;
  /** Bridge ports' VLANs. */
  readonly bridgeVlans: BridgeVlanState;
  /** OpenVPN configs; absent in snapshots taken before netdoctor read them. */
  readonly openvpn?: OpenVpnState;
  /** The packet filter's rules (nft, iptables), and how each source fared. */
  readonly firewall?: FirewallState;
  /** Sources that failed to run or could not be read, in words. */
  readonly sourceErrors: readonly ParseWarning[];
  readonly warnings: readonly ParseWarning[];
}

/** Parses every source of a snapshot; a missing or broken source leaves a warning. */
export function buildHostState(snapshot: Snapshot): HostState {
  const warnings: ParseWarning[] = [];
  const sourceErrors: ParseWarning[] = [];
  const text = (argv: readonly string[]): string => {
    const key = commandKey(argv);
    const record = snapshot.sources[key];
    if (!record) {
      sourceErrors.push({ source: key, message: 'not in this snapshot' });
      return '';
    }
    if (record.error || record.exitCode !== 0) {
      const reason =
        record.error ?? record.stderr.trim().split('\n')[0] ?? `exit ${record.exitCode}`;
      sourceErrors.push({ source: key, message: reason || `exit ${record.exitCode}` });
    }
    return record.stdout;
  };
  const take = <T>(parsed: { records: T[]; warnings: ParseWarning[] }): T[] => {
    warnings.push(...parsed.warnings);
    return parsed.records;
  };

  const parsedLinks = parseIpLink(text(IP_SOURCES.link));
  const links = take(parsedLinks);
  // A link dropped for a bad field: what names it would point at an interface that "does not
  // exist" (and the Doctor would route via it). Those records go too, each with a warning.
  const gone = new Set(
    (parsedLinks.droppedNames ?? []).filter((n) => !links.some((l) => l.name === n)),
  );
  const dependent = <T>(
    source: string,
    records: T[],
    devs: (r: T) => (string | null)[],
    what: (r: T) => string,
  ): T[] =>
    records.filter((r) => {
      const dev = devs(r).find((d) => d !== null && gone.has(d));
      if (dev === undefined) return true;
      warnings.push({
        source,
        message: `${what(r)} dropped: its interface ${quoted(dev)} was dropped from ${commandKey(IP_SOURCES.link)}`,
      });
      return false;
    });
  const addresses = dependent(
    commandKey(IP_SOURCES.addr),
    take(parseIpAddr(text(IP_SOURCES.addr))),
    (a) => [a.ifname],
    (a) => `address ${a.local}/${a.prefixlen}`,
  );
  const routesOf = (argv: readonly string[], family: 'inet' | 'inet6') =>
    dependent(
      commandKey(argv),
      take(parseIpRoute(text(argv), family)),
      (r) => [r.dev, ...r.nexthops.map((h) => h.dev)],
      (r) => `route ${r.dst} (table ${r.table})`,
    );
  const routes = [...routesOf(IP_SOURCES.route4, 'inet'), ...routesOf(IP_SOURCES.route6, 'inet6')];
  const rules = [
    ...take(parseIpRule(text(IP_SOURCES.rule4), 'inet')),
    ...take(parseIpRule(text(IP_SOURCES.rule6), 'inet6')),
  ];
  const neighbours = dependent(
    commandKey(IP_SOURCES.neigh),
    take(parseIpNeigh(text(IP_SOURCES.neigh))),
    (n) => [n.dev],
    (n) => `neighbour ${n.dst}`,
  );

  const files: Record<string, string> = {};
  for (const [key, record] of Object.entries(snapshot.sources)) {
    if (record.kind === 'file' && record.exitCode === 0) files[key] = record.stdout;
  }
  const { sysctls, warnings: sysctlWarnings } = parseSysctls(files);
  warnings.push(...sysctlWarnings);

  const vlanProc = readVlanProc(snapshot, warnings);
  const bridgeVlans = readBridgeVlans(snapshot, warnings);

  const byInterface = new Map<string, AddressRecord[]>();
  for (const a of addresses) {
    const list = byInterface.get(a.ifname);
    if (list) list.push(a);
    else byInterface.set(a.ifname, [a]);
  }
  const configs = Object.keys(files)
    .filter(isOpenVpnConfigKey)
    .sort()
    .map((key) => {
      const parsed = parseOpenVpnConfig(files[key] ?? '', key);
      warnings.push(...parsed.warnings);
      return parsed.config;
    });
  const openvpn: OpenVpnState = {
    dirs: OPENVPN_CONFIG_DIRS.flatMap((path) => {
      const record = snapshot.sources[path];
      return record ? [{ path, present: record.exitCode === 0 }] : [];
    }),
    configs,
    clientDirs: [...new Set(configs.flatMap((c) => c.clientConfigDir ?? []))].map((path) =>
      readClientDir(path, files, warnings),
    ),
  };

  const firewall = readFirewall(snapshot, warnings);
  // "Could not read the filter" must show: it is not "no filter". A tool that is not
  // installed is no error.
  for (const s of firewall.sources) {
    if (s.status === 'no-permission' || s.status === 'failed') {
      sourceErrors.push({ source: s.key, message: s.message ?? s.status });
    }
  }

  return {
    meta: {
      hostname: snapshot.host.hostname,
      kernel: snapshot.host.kernel,
      netns: snapshot.host.netns ?? null,
      takenAt: snapshot.takenAt,
      root: snapshot.host.uid === 0,
      netdoctorVersion: snapshot.netdoctorVersion,
    },
    // Grouped once: filtering every address for every link was quadratic (20,000
    // interfaces took seconds).
    interfaces: links.map((link) => ({ ...link, addresses: byInterface.get(link.name) ?? [] })),
    routes,
    rules,
    neighbours,
    sysctls,
    tools: parseToolVersions(snapshot.sources),
    vlanProc,
    bridgeVlans,
    openvpn,
    firewall,
    sourceErrors,
    warnings,
  };
}

function readVlanProc(snapshot: Snapshot, warnings: ParseWarning[]): VlanProcState {
  const record = snapshot.sources[VLAN_CONFIG];
  if (!record) return { status: 'not-collected', error: null, config: null, devices: [] };
  if (record.exitCode !== 0 || record.error) {
    const error = record.error ?? 'unreadable';
    return {
      status: error === 'ENOENT' ? 'absent' : 'unreadable',
      error,
      config: null,
      devices: [],
    };
  }
  const parsed = parseVlanConfig(record.stdout, VLAN_CONFIG);
  warnings.push(...parsed.warnings);
  const devices: VlanDeviceProc[] = [];
  for (const [key, rec] of Object.entries(snapshot.sources)) {
    if (!key.startsWith(`${VLAN_PROC_DIR}/`) || key === VLAN_CONFIG) continue;
    if (rec.kind !== 'file' || rec.exitCode !== 0) continue;
    const dev = parseVlanDevice(rec.stdout, key);
    warnings.push(...dev.warnings);
    if (dev.record) devices.push(dev.record);
  }
  return { status: 'loaded', error: null, config: parsed.config, devices };
}

function readBridgeVlans(snapshot: Snapshot, warnings: ParseWarning[]): BridgeVlanState {
  const key = commandKey(BRIDGE_VLAN_SOURCE);
  const record = snapshot.sources[key];
  // Older snapshots never ran it: say so. A kernel without bridge VLANs makes it fail
  // ("Operation not supported"): that is kept here for the VLAN report, not counted among
  // the host's broken sources, which the Overview shows on every host.
  if (!record) return { status: 'not-collected', error: null, ports: [] };
  if (record.error || record.exitCode !== 0) {
    const error =
      record.error ?? (record.stderr.trim().split('\n')[0] || `exit ${record.exitCode}`);
    return { status: 'failed', error, ports: [] };
  }
  const parsed = parseBridgeVlan(record.stdout, key);
  warnings.push(...parsed.warnings);
  return { status: 'read', error: null, ports: parsed.records };
}

/** The tables that are in use: those with routes, or named by a rule. Main first. */
export function tablesInUse(state: HostState): string[] {
  const order = (t: string) => (t === 'main' ? 0 : t === 'local' ? 2 : 1);
  const names = new Set<string>([
    ...state.routes.map((r) => r.table),
    ...state.rules.flatMap((r) => (r.table ? [r.table] : [])),
  ]);
  return [...names].sort((a, b) => order(a) - order(b) || naturalOrder(a, b));
}

/** A client-config-dir from its listing record and the files under it. */
function readClientDir(
  path: string,
  files: Readonly<Record<string, string>>,
  warnings: ParseWarning[],
): OpenVpnClientDir {
  const listing = files[path];
  if (listing === undefined) return { path, present: false, files: [] };
  const names = listing.split('\n').filter((n) => n !== '' && !n.includes('/'));
  return {
    path,
    present: true,
    files: names.flatMap((name) => {
      const text = files[`${path}/${name}`];
      if (text === undefined) return [];
      const parsed = parseOpenVpnCcd(text, `${path}/${name}`);
      warnings.push(...parsed.warnings);
      return [parsed.file];
    }),
  };
}
