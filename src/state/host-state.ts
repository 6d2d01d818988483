/**
 * HostState: the typed view of one host, built from a raw snapshot on load. Everything the
 * UI and the rules read about a host comes from here.
 */
import type { Snapshot } from '../snapshot/types.js';
import {
  IP_SOURCES,
  OPENVPN_CONFIG_DIRS,
  commandKey,
  isOpenVpnConfigKey,
} from '../snapshot/sources.js';
import { parseOpenVpnConfig, type OpenVpnConfig } from '../parse/openvpn.js';
import { parseIpLink, type LinkRecord } from '../parse/ip-link.js';
import { parseIpAddr, type AddressRecord } from '../parse/ip-addr.js';
import { parseIpRoute, type RouteRecord } from '../parse/ip-route.js';
import { parseIpRule, type RuleRecord } from '../parse/ip-rule.js';
import { parseIpNeigh, type NeighbourRecord } from '../parse/ip-neigh.js';
import { parseSysctls, type Sysctls } from '../parse/sysctl.js';
import { parseToolVersions, type ToolInfo } from '../parse/tool-versions.js';
import type { ParseWarning } from '../parse/warnings.js';

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
}

/** What the snapshot says of OpenVPN: which config directories exist, and the configs read. */
export interface OpenVpnState {
  /** Each config directory looked at; `present` false when it is absent or unreadable. */
  readonly dirs: readonly { readonly path: string; readonly present: boolean }[];
  readonly configs: readonly OpenVpnConfig[];
}

export interface HostState {
  readonly meta: HostMeta;
  readonly interfaces: readonly InterfaceState[];
  readonly routes: readonly RouteRecord[];
  readonly rules: readonly RuleRecord[];
  readonly neighbours: readonly NeighbourRecord[];
  readonly sysctls: Sysctls;
  readonly tools: readonly ToolInfo[];
  /** OpenVPN configs; absent in snapshots taken before netdoctor read them. */
  readonly openvpn?: OpenVpnState;
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

  const links = take(parseIpLink(text(IP_SOURCES.link)));
  const addresses = take(parseIpAddr(text(IP_SOURCES.addr)));
  const routes = [
    ...take(parseIpRoute(text(IP_SOURCES.route4), 'inet')),
    ...take(parseIpRoute(text(IP_SOURCES.route6), 'inet6')),
  ];
  const rules = [
    ...take(parseIpRule(text(IP_SOURCES.rule4), 'inet')),
    ...take(parseIpRule(text(IP_SOURCES.rule6), 'inet6')),
  ];
  const neighbours = take(parseIpNeigh(text(IP_SOURCES.neigh)));

  const files: Record<string, string> = {};
  for (const [key, record] of Object.entries(snapshot.sources)) {
    if (record.kind === 'file' && record.exitCode === 0) files[key] = record.stdout;
  }
  const { sysctls, warnings: sysctlWarnings } = parseSysctls(files);
  warnings.push(...sysctlWarnings);

  const openvpn: OpenVpnState = {
    dirs: OPENVPN_CONFIG_DIRS.flatMap((path) => {
      const record = snapshot.sources[path];
      return record ? [{ path, present: record.exitCode === 0 }] : [];
    }),
    configs: Object.keys(files)
      .filter(isOpenVpnConfigKey)
      .sort()
      .map((key) => {
        const parsed = parseOpenVpnConfig(files[key] ?? '', key);
        warnings.push(...parsed.warnings);
        return parsed.config;
      }),
  };

  return {
    meta: {
      hostname: snapshot.host.hostname,
      kernel: snapshot.host.kernel,
      netns: snapshot.host.netns ?? null,
      takenAt: snapshot.takenAt,
      root: snapshot.host.uid === 0,
      netdoctorVersion: snapshot.netdoctorVersion,
    },
    interfaces: links.map((link) => ({
      ...link,
      addresses: addresses.filter((a) => a.ifname === link.name),
    })),
    routes,
    rules,
    neighbours,
    sysctls,
    tools: parseToolVersions(snapshot.sources),
    openvpn,
    sourceErrors,
    warnings,
  };
}

/** The tables that are in use: those with routes, or named by a rule. Main first. */
export function tablesInUse(state: HostState): string[] {
  const order = (t: string) => (t === 'main' ? 0 : t === 'local' ? 2 : 1);
  const names = new Set<string>([
    ...state.routes.map((r) => r.table),
    ...state.rules.flatMap((r) => (r.table ? [r.table] : [])),
  ]);
  return [...names].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b, 'en', { numeric: true }),
  );
}
