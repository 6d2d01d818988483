/**
 * What a snapshot reads, in one list. The key of each source in the snapshot is the exact
 * command line or file path, so a person reading the JSON knows how to reproduce it.
 */
import { TOOLS } from '../catalog/tools.js';

export const IP_SOURCES = {
  link: ['ip', '-j', '-d', 'link', 'show'],
  addr: ['ip', '-j', 'addr', 'show'],
  route4: ['ip', '-j', '-4', 'route', 'show', 'table', 'all'],
  route6: ['ip', '-j', '-6', 'route', 'show', 'table', 'all'],
  rule4: ['ip', '-j', '-4', 'rule', 'show'],
  rule6: ['ip', '-j', '-6', 'rule', 'show'],
  neigh: ['ip', '-j', 'neigh', 'show'],
} as const satisfies Record<string, readonly string[]>;

export type IpSource = keyof typeof IP_SOURCES;

/** Each command's time in a snapshot (they run side by side). */
export const SNAPSHOT_COMMAND_TIMEOUT_MS = 5000;

/**
 * The commands a snapshot starts at once, in its order: `ip` and `bridge`, the tools'
 * versions (left out when the TUI reads them after its first frame), the packet filter.
 * Whatever these answer may ask for more (arping's --help, the legacy iptables-save).
 */
export function snapshotCommands(toolVersions: boolean): {
  readonly ip: readonly (readonly string[])[];
  readonly tools: readonly (readonly string[])[];
  readonly firewall: readonly (readonly string[])[];
} {
  return {
    ip: [...Object.values(IP_SOURCES), BRIDGE_VLAN_SOURCE],
    tools: toolVersions ? TOOLS.map(versionArgv) : [],
    firewall: Object.values(FIREWALL_SOURCES),
  };
}

/** The snapshot key of a command: its argv joined by spaces. */
export function commandKey(argv: readonly string[]): string {
  return argv.join(' ');
}

/** The argv that reports a tool's version (some tools report through a sibling). */
export function versionArgv(tool: (typeof TOOLS)[number]): string[] {
  return [tool.versionFrom ?? tool.name, ...tool.versionArgs];
}

/** Habets' arping answers -V with usage; its --help names it. Asked only when -V says nothing of iputils. */
export const ARPING_HELP_ARGV = ['arping', '--help'] as const;

export const GLOBAL_SYSCTLS = [
  '/proc/sys/net/ipv4/ip_forward',
  '/proc/sys/net/ipv6/conf/all/forwarding',
  '/proc/sys/net/ipv4/neigh/default/gc_thresh3',
] as const;

/** Per-interface settings that decide forwarding and ARP behaviour. */
export const INTERFACE_SYSCTLS = [
  'forwarding',
  'rp_filter',
  'proxy_arp',
  'arp_ignore',
  'arp_announce',
] as const;

/**
 * Read too, not shown in the overview's table: what the kernel's source validation
 * (fib_validate_source) reads besides rp_filter, for the route resolver.
 */
export const SOURCE_CHECK_SYSCTLS = ['accept_local', 'src_valid_mark', 'send_redirects'] as const;

/** Every per-interface file a snapshot reads. */
export const READ_INTERFACE_SYSCTLS = [...INTERFACE_SYSCTLS, ...SOURCE_CHECK_SYSCTLS] as const;

export type InterfaceSysctl = (typeof READ_INTERFACE_SYSCTLS)[number];

export const IPV4_CONF_DIR = '/proc/sys/net/ipv4/conf';
export const IPV6_CONF_DIR = '/proc/sys/net/ipv6/conf';

/**
 * Per-interface IPv6 settings: forwarding, and accept_ra (with forwarding on, the kernel
 * ignores router advertisements unless accept_ra is 2).
 */
export const IPV6_INTERFACE_SYSCTLS = ['forwarding', 'accept_ra'] as const;
export type Ipv6InterfaceSysctl = (typeof IPV6_INTERFACE_SYSCTLS)[number];

export function ipv6SysctlPath(ifname: string, name: Ipv6InterfaceSysctl): string {
  return `${IPV6_CONF_DIR}/${ifname}/${name}`;
}
export const VLAN_PROC_DIR = '/proc/net/vlan';
export const VLAN_CONFIG = '/proc/net/vlan/config';

/** Each bridge port's VLANs (PVID, untagged egress); fails on kernels without bridge VLANs. */
export const BRIDGE_VLAN_SOURCE = ['bridge', '-j', '-d', 'vlan', 'show'] as const;

/** The snapshot key of one VLAN device's /proc file. */
export function vlanDevicePath(ifname: string): string {
  return `${VLAN_PROC_DIR}/${ifname}`;
}

export function interfaceSysctlPath(ifname: string, name: InterfaceSysctl): string {
  return `${IPV4_CONF_DIR}/${ifname}/${name}`;
}

/**
 * OpenVPN configs: a VPN server's `server` and `push "route …"` lines say which networks it
 * serves, a client's `client` and `remote` lines which server it uses. Debian's openvpn reads
 * /etc/openvpn/*.conf, /etc/openvpn/server/*.conf and /etc/openvpn/client/*.conf. The
 * directory's own record lists the configs found, or says it is absent (ENOENT). Key
 * material is taken out before a config is stored (openvpn-redact.ts).
 */
export const OPENVPN_DIR = '/etc/openvpn';
export const OPENVPN_CONFIG_DIRS = [
  OPENVPN_DIR,
  `${OPENVPN_DIR}/server`,
  `${OPENVPN_DIR}/client`,
] as const;
/** A config is a few KiB; more than this is not one, and is cut. */
export const OPENVPN_MAX_BYTES = 256 * 1024;
export const OPENVPN_MAX_FILES = 32;
/**
 * A server's client-config-dir: one small file per client (`iroute`, `ifconfig-push`). Its
 * record lists the files read, one a line; each file is a record under the directory.
 */
export const OPENVPN_CCD_MAX_FILES = 256;
export const OPENVPN_CCD_MAX_BYTES = 16 * 1024;

/** Whether a snapshot key is an OpenVPN config file that collect() read. */
export function isOpenVpnConfigKey(key: string): boolean {
  return (
    OPENVPN_CONFIG_DIRS.some(
      (dir) => key.startsWith(`${dir}/`) && !key.slice(dir.length + 1).includes('/'),
    ) && key.endsWith('.conf')
  );
}

/**
 * The packet filter. nft reads every nftables table, iptables-nft's included, but shows
 * iptables' compat matches (conntrack, icmp type) as opaque `xt` expressions, so the
 * iptables-save texts are read too: they spell those tables in full. Reading either needs
 * CAP_NET_ADMIN (root); without it the record keeps the tool's "Operation not permitted".
 */
export const FIREWALL_SOURCES = {
  nft: ['nft', '-j', 'list', 'ruleset'],
  iptables: ['iptables-save', '-c'],
  ip6tables: ['ip6tables-save', '-c'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Rules in the legacy (x_tables) kernel, which nft never shows: read only when
 * iptables-nft-save warns that such tables are present.
 */
export const LEGACY_FIREWALL_SOURCES = {
  iptables: ['iptables-legacy-save', '-c'],
  ip6tables: ['ip6tables-legacy-save', '-c'],
} as const satisfies Record<string, readonly string[]>;

/** The warning iptables-nft-save prints (on stderr) when legacy tables hold rules too. */
export const LEGACY_TABLES_WARNING = /ip6?tables-legacy tables present/;
