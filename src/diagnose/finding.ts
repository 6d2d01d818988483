/**
 * A Finding is what netdoctor concludes. Its `code` is a stable contract (FINDINGS.md):
 * scripts match on it in --json output, and tests assert it.
 */
export type Severity = 'error' | 'warning' | 'info';

export const FINDING_CODES = [
  'no-route',
  'route-blackhole',
  'route-unreachable',
  'route-prohibit',
  'interface-down',
  'next-hop-unresolved',
  'source-route-broken',
  'private-via-default-gateway',
  'return-route-missing',
  'path-fails-beyond',
  'firewall-drops',
  'forwarding-disabled',
  'ipv6-ra-ignored',
  'rp-filter-drop',
  'proxy-arp-needed',
  'duplicate-ip',
  'gateway-mac-changed',
  'gateway-kept-old-mac',
  'tool-missing',
  'routing-table-unused',
  'rule-table-empty',
  'vlan-support-missing',
  'vlan-id-invalid',
  'vlan-parent-down',
  'vlan-down',
  'vlan-mtu-exceeds-parent',
  'vlan-alias-confusion',
  'plan-missing-route',
  'plan-asymmetric',
  'plan-overlapping-cidr',
  'plan-duplicate-address',
  'plan-next-hop-not-on-link',
  'plan-loop',
  'plan-kernel-disagrees',
  'openvpn-iroute-missing',
  'vpn-remote-via-tunnel',
  'path-loop',
  'path-leaves-hosts',
  'path-host-unread',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** A line of real output that proves a finding, with where it came from. */
export interface Evidence {
  /** The command line or file path (a snapshot key), or the probe that saw it. */
  readonly source: string;
  readonly text: string;
}

/**
 * Which box of the path a fix is applied on, worked out from this host's place on the path:
 * a fix for the LAN's gateway typed on the VPN client does nothing. Absent: this host.
 */
export type BoxRole =
  'this-host' | 'vpn-client' | 'vpn-server' | 'lan-host' | 'lan-gateway' | 'router' | 'destination';

export interface FixBox {
  readonly role: BoxRole;
  /** In words, with the address or name when known: "the LAN's gateway 192.168.50.1". */
  readonly words: string;
  /** The box's address, when known. */
  readonly address?: string;
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** One line. */
  readonly title: string;
  /** Plain language: what the packet does, and who drops it. */
  readonly why: string;
  readonly evidence: readonly Evidence[];
  /** Commands to copy; empty where there is no safe one. Alternatives follow a `#` line. */
  readonly fix: readonly string[];
  /** The box the first (best) fix belongs on; absent when it is this host. */
  readonly box?: FixBox;
  /** The interface, address, route or host it is about. */
  readonly subject: string;
  /**
   * The host it is on, as the person named it (`netdoctor path`: the snapshot's file name,
   * the --ssh target, the inventory name); absent for the one host a command reads.
   */
  readonly host?: string;
}

/** Exit code 1 is for findings of severity error. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes; stable within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
