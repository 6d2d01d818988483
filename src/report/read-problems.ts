/**
 * What a command could not read: the sources that failed and the records dropped from them,
 * limited to the sources that command used. `vlan` does not warn about the firewall it never
 * looked at; it does warn when `ip -j -d link show` is broken, whatever it then says.
 */
import type { ParseWarning } from '../parse/warnings.js';
import type { HostState } from '../state/host-state.js';
import {
  BRIDGE_VLAN_SOURCE,
  FIREWALL_SOURCES,
  IP_SOURCES,
  LEGACY_FIREWALL_SOURCES,
  VLAN_PROC_DIR,
  commandKey,
  type IpSource,
} from '../snapshot/sources.js';
import { line, type Section } from './document.js';

const ipKeys = (...names: IpSource[]): string[] => names.map((n) => commandKey(IP_SOURCES[n]));
const FIREWALL_KEYS = [
  ...Object.values(FIREWALL_SOURCES),
  ...Object.values(LEGACY_FIREWALL_SOURCES),
].map(commandKey);
const ALL_IP = Object.keys(IP_SOURCES) as IpSource[];

/** Whether a source (a snapshot key) is one the command read. */
export type SourceScope = (source: string) => boolean;

const among =
  (keys: readonly string[], prefixes: readonly string[] = []): SourceScope =>
  (source) =>
    keys.includes(source) || prefixes.some((p) => source.startsWith(p));

/** The sources each command reads, by what its code looks at in the host. */
export const SOURCE_SCOPES = {
  /** overview, doctor: the whole host (the role reads the firewall, OpenVPN, the tools). */
  host: () => true,
  /** route: the routing state, the settings the kernel's checks read, and the filter. */
  route: among([...ipKeys(...ALL_IP), ...FIREWALL_KEYS], ['/proc/sys/net/']),
  /** vlan: links and addresses, the 8021q module's files, the bridges' VLANs. */
  vlan: among([...ipKeys('link', 'addr'), commandKey(BRIDGE_VLAN_SOURCE)], [`${VLAN_PROC_DIR}/`]),
  /** plan --from-host: interfaces, addresses and routes. */
  plan: among(ipKeys('link', 'addr', 'route4', 'route6')),
  /** scan and scan --watch read only these (takeRoutingSnapshot). */
  scan: among(ipKeys('link', 'addr', 'route4')),
  /** garp: where the address is, the gateway, its neighbour entry. */
  garp: among(ipKeys('link', 'addr', 'route4', 'neigh')),
} as const satisfies Record<string, SourceScope>;

export type ScopeName = keyof typeof SOURCE_SCOPES;

/** The failed sources, then the dropped records, of the sources in `scope`. */
export function readProblems(state: HostState, scope: ScopeName): ParseWarning[] {
  const used = SOURCE_SCOPES[scope];
  return [...state.sourceErrors, ...state.warnings].filter((w) => used(w.source));
}

/** Read problems as the lines a report prints (`SOURCE: MESSAGE`). */
export function readProblemLines(problems: readonly ParseWarning[]): string[] {
  return problems.map((w) => `${w.source}: ${w.message}`);
}

/**
 * The "Could not read" section every command that read the host prints last (none when all
 * was read): an answer never hides what it could not use.
 */
export function readProblemsSections(state: HostState, scope: ScopeName): Section[] {
  const problems = readProblems(state, scope);
  if (!problems.length) return [];
  return [
    {
      title: 'Could not read',
      lines: readProblemLines(problems).map((t) => line(t, 'warn')),
    },
  ];
}
