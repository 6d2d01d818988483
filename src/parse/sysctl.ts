/** Reads the forwarding and ARP settings out of the /proc/sys files a snapshot holds. */
import {
  READ_INTERFACE_SYSCTLS,
  IPV4_CONF_DIR,
  IPV6_CONF_DIR,
  IPV6_INTERFACE_SYSCTLS,
  type InterfaceSysctl,
  type Ipv6InterfaceSysctl,
} from '../snapshot/sources.js';
import type { ParseWarning } from './warnings.js';
import { isKernelInt, quoted } from './checks.js';

export type InterfaceSysctls = Partial<Record<InterfaceSysctl, number>>;
export type Ipv6InterfaceSysctls = Partial<Record<Ipv6InterfaceSysctl, number>>;

export interface Sysctls {
  /** net.ipv4.ip_forward; null when the snapshot lacks it. */
  readonly ipForward: number | null;
  /** net.ipv6.conf.all.forwarding. */
  readonly ipv6Forward: number | null;
  /** net.ipv4.neigh.default.gc_thresh3: the neighbour table's hard limit. */
  readonly neighGcThresh3: number | null;
  /** Per interface, including the pseudo-interfaces `all` and `default`. */
  readonly interfaces: Readonly<Record<string, InterfaceSysctls>>;
  /** IPv6's per interface (absent from snapshots taken before netdoctor read them). */
  readonly ipv6Interfaces?: Readonly<Record<string, Ipv6InterfaceSysctls>>;
}

/** A /proc/sys value: one integer on one line, in the range of the kernel's C int. */
export function parseSysctlValue(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d{1,11}$/.test(t)) return null;
  const v = Number(t);
  return isKernelInt(v) ? v : null;
}

type FileTexts = Readonly<Record<string, string | undefined>>;

export function parseSysctls(files: FileTexts): { sysctls: Sysctls; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  const value = (path: string): number | null => {
    const text = files[path];
    if (text === undefined) return null;
    const v = parseSysctlValue(text);
    if (v === null)
      warnings.push({
        source: path,
        message: /^-?\d+$/.test(text.trim())
          ? `out of the kernel's range (a C int): ${quoted(text.trim())}`
          : `not an integer: ${JSON.stringify(text.trim())}`,
      });
    return v;
  };
  const interfaces: Record<string, InterfaceSysctls> = {};
  const pattern = new RegExp(`^${IPV4_CONF_DIR}/([^/]+)/([^/]+)$`);
  for (const path of Object.keys(files).sort()) {
    const m = pattern.exec(path);
    if (!m?.[1] || !m[2]) continue;
    const name = m[2] as InterfaceSysctl;
    if (!READ_INTERFACE_SYSCTLS.includes(name)) continue;
    const v = value(path);
    if (v !== null) (interfaces[m[1]] ??= {})[name] = v;
  }
  const ipv6Interfaces: Record<string, Ipv6InterfaceSysctls> = {};
  const v6pattern = new RegExp(`^${IPV6_CONF_DIR}/([^/]+)/([^/]+)$`);
  for (const path of Object.keys(files).sort()) {
    const m = v6pattern.exec(path);
    if (!m?.[1] || !m[2]) continue;
    const name = m[2] as Ipv6InterfaceSysctl;
    if (!IPV6_INTERFACE_SYSCTLS.includes(name)) continue;
    const v = value(path);
    if (v !== null) (ipv6Interfaces[m[1]] ??= {})[name] = v;
  }
  return {
    sysctls: {
      ...(Object.keys(ipv6Interfaces).length > 0 ? { ipv6Interfaces } : {}),
      ipForward: value('/proc/sys/net/ipv4/ip_forward'),
      ipv6Forward: value('/proc/sys/net/ipv6/conf/all/forwarding'),
      neighGcThresh3: value('/proc/sys/net/ipv4/neigh/default/gc_thresh3'),
      interfaces,
    },
    warnings,
  };
}

/**
 * The value the kernel acts on for an interface. For rp_filter the kernel uses the larger
 * of `all` and the interface's own; for proxy_arp and forwarding, either being on (`all`
 * for forwarding is the switch); for arp_ignore and arp_announce, the larger; for
 * accept_local, src_valid_mark and send_redirects, either being on (0/1: the larger).
 */
export function effectiveSysctl(
  sysctls: Sysctls,
  ifname: string,
  name: InterfaceSysctl,
): number | null {
  const own = sysctls.interfaces[ifname]?.[name];
  const all = sysctls.interfaces['all']?.[name];
  if (own === undefined && all === undefined) return null;
  if (name === 'proxy_arp') return (own ?? 0) || (all ?? 0) ? 1 : 0;
  return Math.max(own ?? 0, all ?? 0);
}
