/** Parses `ip -j -d link show`: interfaces with their kind, master and VLAN details. */
import { num, obj, parseIpJson, str, type JsonObject } from './ip-json.js';
import type { Parsed } from './warnings.js';
import {
  BadField,
  intField,
  isInterfaceName,
  isLinkAddress,
  quoted,
  stringField,
  stringsField,
} from './checks.js';

export interface VlanInfo {
  /** 802.1Q VLAN ID (1..4094 valid). */
  readonly id: number;
  /** `802.1Q` (a customer tag) or `802.1ad` (a service tag, the outer one of QinQ). */
  readonly protocol: string;
  /** REORDER_HDR, GVRP, MVRP, LOOSE_BINDING, BRIDGE_BINDING (and hex for unknown bits). */
  readonly flags: readonly string[];
  /** `ingress-qos-map`: 802.1p PCP of a received frame → skb priority. */
  readonly ingressQos: readonly { readonly from: number; readonly to: number }[];
  /** `egress-qos-map`: skb priority → PCP of a sent frame. */
  readonly egressQos: readonly { readonly from: number; readonly to: number }[];
}

/** A bridge's VLAN settings from `-d` (info_data): is it a VLAN-aware switch? */
export interface BridgeInfo {
  readonly vlanFiltering: boolean | null;
  readonly vlanProtocol: string | null;
  readonly defaultPvid: number | null;
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
  /** For a bridge: its VLAN filtering settings; null for anything else. */
  readonly bridge?: BridgeInfo | null;
}

/**
 * iproute2 prints the protocol through ll_proto_n2a ("802.1Q", "802.1ad"), old versions
 * without IFLA_VLAN_PROTOCOL print "802.1q", and an unknown table prints hex ("0x88a8").
 */
export function vlanProtocolName(raw: string | undefined): string {
  const p = (raw ?? '802.1Q').toLowerCase();
  if (p === '802.1q' || p === '0x8100' || p === '8100') return '802.1Q';
  if (p === '802.1ad' || p === '0x88a8' || p === '88a8') return '802.1ad';
  return raw ?? '802.1Q';
}

function qosMap(data: JsonObject, key: string): { from: number; to: number }[] {
  const list = data[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((m: unknown) => {
    const o = m && typeof m === 'object' ? (m as JsonObject) : {};
    const from = num(o, 'from');
    const to = num(o, 'to');
    return from === undefined || to === undefined ? [] : [{ from, to }];
  });
}

function bridgeInfo(linkinfo: JsonObject | undefined): BridgeInfo | null {
  if (str(linkinfo ?? {}, 'info_kind') !== 'bridge') return null;
  const data = obj(linkinfo ?? {}, 'info_data') ?? {};
  const filtering = num(data, 'vlan_filtering');
  return {
    vlanFiltering: filtering === undefined ? null : filtering !== 0,
    vlanProtocol: str(data, 'vlan_protocol') ?? null,
    defaultPvid: num(data, 'vlan_default_pvid') ?? null,
  };
}

function vlanInfo(linkinfo: JsonObject | undefined): VlanInfo | null {
  if (str(linkinfo ?? {}, 'info_kind') !== 'vlan') return null;
  const data = obj(linkinfo ?? {}, 'info_data') ?? {};
  const id = num(data, 'id');
  if (id === undefined) return null;
  return {
    id,
    protocol: vlanProtocolName(str(data, 'protocol')),
    // Printed as strings; an unknown bit is printed as a hex number.
    flags: Array.isArray(data['flags']) ? data['flags'].map(String) : [],
    ingressQos: qosMap(data, 'ingress_qos'),
    egressQos: qosMap(data, 'egress_qos'),
  };
}

/** IF_OPER_* as ip prints them. */
const OPERSTATES: ReadonlySet<string> = new Set([
  'UNKNOWN',
  'NOTPRESENT',
  'DOWN',
  'LOWERLAYERDOWN',
  'TESTING',
  'DORMANT',
  'UP',
]);

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
  const flags = stringsField(o, 'flags', 'a link flag');
  const operstate = stringField(o, 'operstate', 'an operational state', (x) => OPERSTATES.has(x));
  const linkType = stringField(o, 'link_type', 'a link type', (x) => /^[\w/.-]{1,32}$/.test(x));
  const master = stringField(o, 'master', 'an interface name', isInterfaceName);
  const lower = stringField(o, 'link', 'an interface name', isInterfaceName);
  const netnsid = intField(o, 'link_netnsid', -1, 0x7fffffff, 'a namespace id');
  if (o['linkinfo'] !== undefined && obj(o, 'linkinfo') === undefined) {
    throw new BadField('linkinfo', `not an object: ${quoted(o['linkinfo'])}`);
  }
  const linkinfo = obj(o, 'linkinfo');
  const kind = stringField(linkinfo ?? {}, 'info_kind', 'a link kind', (x) =>
    /^[\w.-]{1,32}$/.test(x),
  );
  if (kind === 'vlan') {
    intField(obj(linkinfo ?? {}, 'info_data') ?? {}, 'id', 0, 4095, 'a VLAN id (0..4095)');
  }
  const address = str(o, 'address');
  if (address !== undefined && address !== '' && !isLinkAddress(address)) {
    return `address: not a link-layer address: ${quoted(address)}`;
  }
  return {
    index,
    name,
    flags,
    adminUp: flags.includes('UP'),
    carrier: flags.includes('LOWER_UP'),
    operstate: operstate ?? 'UNKNOWN',
    mtu: num(o, 'mtu') ?? null,
    mac: address && linkType !== 'loopback' && linkType !== 'none' ? address : null,
    linkType: linkType ?? 'unknown',
    kind: kind ?? null,
    master: master ?? null,
    link: lower ?? null,
    linkInOtherNamespace: netnsid !== undefined,
    vlan: vlanInfo(linkinfo),
    bridge: bridgeInfo(linkinfo),
  };
}

export function parseIpLink(text: string, source = 'ip -j -d link show'): Parsed<LinkRecord> {
  return parseIpJson(text, source, mapLink);
}
