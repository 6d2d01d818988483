/** Parses `ip -j -d link show`: interfaces with their kind, master and VLAN details. */
import { num, obj, parseIpJson, str, strings, type JsonObject } from './ip-json.js';
import type { Parsed } from './warnings.js';
import { isInterfaceName, isLinkAddress, quoted } from './checks.js';

export interface VlanInfo {
  /** 802.1Q VLAN ID (1..4094 valid). */
  readonly id: number;
  readonly protocol: string;
}

export interface LinkRecord {
  readonly index: number;
  readonly name: string;
  readonly flags: readonly string[];
  /** Administratively up (`ip link set X up`). */
  readonly adminUp: boolean;
  /** The driver reports a carrier (LOWER_UP). */
  readonly carrier: boolean;
  readonly operstate: string;
  readonly mtu: number | null;
  /** Link-layer address, null on interfaces without one (tun, loopback shows zeros). */
  readonly mac: string | null;
  readonly linkType: string;
  /** The link kind from `-d` (veth, bridge, vlan, macvlan, tun, ...), null for plain devices. */
  readonly kind: string | null;
  /** The bridge or bond this interface is enslaved to. */
  readonly master: string | null;
  /** The lower device named by iproute2: a VLAN's or macvlan's parent, or a veth's peer. */
  readonly link: string | null;
  /** True when the lower device lives in another namespace (veth peers of a lab). */
  readonly linkInOtherNamespace: boolean;
  readonly vlan: VlanInfo | null;
}

function vlanInfo(linkinfo: JsonObject | undefined): VlanInfo | null {
  if (str(linkinfo ?? {}, 'info_kind') !== 'vlan') return null;
  const data = obj(linkinfo ?? {}, 'info_data') ?? {};
  const id = num(data, 'id');
  return id === undefined ? null : { id, protocol: str(data, 'protocol') ?? '802.1Q' };
}

export function mapLink(o: JsonObject): LinkRecord | string {
  const index = num(o, 'ifindex');
  const name = str(o, 'ifname');
  if (index === undefined || name === undefined) return 'no ifindex or ifname';
  if (!Number.isInteger(index) || index < 1)
    return `ifindex: not an interface index: ${quoted(index)}`;
  if (!isInterfaceName(name)) return `ifname: not an interface name: ${quoted(name)}`;
  const mtu = o['mtu'];
  if (
    mtu !== undefined &&
    (!Number.isInteger(mtu) || (mtu as number) < 0 || (mtu as number) > 0xffffffff)
  ) {
    return `mtu: not an MTU: ${quoted(mtu)}`;
  }
  const flags = strings(o, 'flags');
  const linkinfo = obj(o, 'linkinfo');
  const address = str(o, 'address');
  if (address !== undefined && address !== '' && !isLinkAddress(address)) {
    return `address: not a link-layer address: ${quoted(address)}`;
  }
  const linkType = str(o, 'link_type') ?? 'unknown';
  return {
    index,
    name,
    flags,
    adminUp: flags.includes('UP'),
    carrier: flags.includes('LOWER_UP'),
    operstate: str(o, 'operstate') ?? 'UNKNOWN',
    mtu: num(o, 'mtu') ?? null,
    mac: address && linkType !== 'loopback' && linkType !== 'none' ? address : null,
    linkType,
    kind: str(linkinfo ?? {}, 'info_kind') ?? null,
    master: str(o, 'master') ?? null,
    link: str(o, 'link') ?? null,
    linkInOtherNamespace: num(o, 'link_netnsid') !== undefined,
    vlan: vlanInfo(linkinfo),
  };
}

export function parseIpLink(text: string, source = 'ip -j -d link show'): Parsed<LinkRecord> {
  return parseIpJson(text, source, mapLink);
}
