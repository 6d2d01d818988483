/**
 * The VLAN domain, pure: which interfaces are VLANs, on which parent, nested for QinQ (an
 * 802.1Q VLAN on an 802.1ad one), with their counters; rates from two reads; and bridges
 * seen as switches. Read from the kernel's state (link kind, info_data, /proc/net/vlan),
 * never from names: `eth1.1234` may be a veth, and `uplink` may be VLAN 1234.
 */
import type { HostState, InterfaceState } from '../state/host-state.js';
import type { QosMapping, VlanCounters } from '../parse/proc-vlan.js';
import type { BridgeVlanEntry } from '../parse/bridge-vlan.js';

export interface VlanNode {
  readonly name: string;
  readonly id: number;
  readonly protocol: string;
  /** The lower device, as the kernel names it; null when neither source names one. */
  readonly parent: string | null;
  readonly adminUp: boolean;
  readonly carrier: boolean;
  readonly operstate: string;
  readonly mtu: number | null;
  readonly mac: string | null;
  /** `A/LEN` of every address on it. */
  readonly addresses: readonly string[];
  readonly flags: readonly string[];
  readonly ingressQos: readonly QosMapping[];
  readonly egressQos: readonly QosMapping[];
  /** From /proc/net/vlan/<dev>; null when 8021q's file was not read. */
  readonly counters: VlanCounters | null;
  /** VLANs stacked on this one (QinQ: 802.1Q inside 802.1ad). */
  readonly children: readonly VlanNode[];
}

/** A device that carries VLANs (not itself a VLAN), with its VLANs under it. */
export interface VlanParent {
  readonly name: string;
  /** False when a VLAN names a parent that this host does not list. */
  readonly exists: boolean;
  readonly adminUp: boolean;
  readonly carrier: boolean;
  readonly mtu: number | null;
  readonly kind: string | null;
  readonly vlans: readonly VlanNode[];
}

/** An interface that is a VLAN, with where that was read. */
export interface VlanLink {
  readonly iface: InterfaceState;
  readonly id: number;
  readonly protocol: string;
  readonly parent: string | null;
}

/** Every VLAN interface: kind `vlan` in `ip -d link`, or listed in /proc/net/vlan/config. */
export function vlanLinks(host: HostState): VlanLink[] {
  const config = host.vlanProc.config?.entries ?? [];
  const out: VlanLink[] = [];
  for (const iface of host.interfaces) {
    const row = config.find((e) => e.device === iface.name);
    if (iface.kind !== 'vlan' && !iface.vlan && !row) continue;
    const id = iface.vlan?.id ?? row?.vid;
    if (id === undefined) continue;
    out.push({
      iface,
      id,
      protocol: iface.vlan?.protocol ?? '802.1Q',
      parent: iface.link ?? row?.parent ?? null,
    });
  }
  return out;
}

function node(link: VlanLink, host: HostState, all: readonly VlanLink[]): VlanNode {
  const proc = host.vlanProc.devices.find((d) => d.device === link.iface.name);
  const i = link.iface;
  return {
    name: i.name,
    id: link.id,
    protocol: link.protocol,
    parent: link.parent,
    adminUp: i.adminUp,
    carrier: i.carrier,
    operstate: i.operstate,
    mtu: i.mtu,
    mac: i.mac,
    addresses: i.addresses.map((a) => `${a.local}/${a.prefixlen}`),
    flags: i.vlan?.flags ?? (proc?.reorderHdr ? ['REORDER_HDR'] : []),
    // ip -d prints only the mappings that were set; /proc prints all eight ingress slots.
    ingressQos: i.vlan?.ingressQos ?? proc?.ingress.filter((m) => m.to !== 0) ?? [],
    egressQos: i.vlan?.egressQos ?? proc?.egress ?? [],
    counters: proc?.counters ?? null,
    children: all.filter((c) => c.parent === i.name).map((c) => node(c, host, all)),
  };
}

/** Each parent with its VLANs, VLANs on VLANs nested under them; parents in host order. */
export function vlanTree(host: HostState): VlanParent[] {
  const links = vlanLinks(host);
  const isVlan = new Set(links.map((l) => l.iface.name));
  const parents: string[] = [];
  for (const l of links) {
    const p = l.parent ?? '?';
    if (!isVlan.has(p) && !parents.includes(p)) parents.push(p);
  }
  const order = (n: string) => {
    const i = host.interfaces.findIndex((x) => x.name === n);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return parents
    .sort((a, b) => order(a) - order(b))
    .map((name) => {
      const iface = host.interfaces.find((x) => x.name === name);
      return {
        name,
        exists: iface !== undefined,
        adminUp: iface?.adminUp ?? false,
        carrier: iface?.carrier ?? false,
        mtu: iface?.mtu ?? null,
        kind: iface?.kind ?? null,
        vlans: links
          .filter((l) => (l.parent ?? '?') === name)
          .sort((a, b) => a.id - b.id)
          .map((l) => node(l, host, links)),
      };
    });
}

/** Every VLAN of the tree, depth first. */
export function flattenVlans(tree: readonly VlanParent[]): VlanNode[] {
  const walk = (n: VlanNode): VlanNode[] => [n, ...n.children.flatMap(walk)];
  return tree.flatMap((p) => p.vlans.flatMap(walk));
}

export interface VlanRates {
  readonly name: string;
  readonly rxFramesPerSec: number;
  readonly rxBytesPerSec: number;
  readonly txFramesPerSec: number;
  readonly txBytesPerSec: number;
}

/**
 * Rates from two reads of the counters `seconds` apart. A counter that went down (the VLAN
 * was re-created between the reads) gives no rate rather than a negative one.
 */
export function vlanRates(before: HostState, after: HostState, seconds: number): VlanRates[] {
  if (!(seconds > 0)) return [];
  const out: VlanRates[] = [];
  for (const b of after.vlanProc.devices) {
    const a = before.vlanProc.devices.find((d) => d.device === b.device);
    if (!a) continue;
    const d = (k: keyof VlanCounters) => b.counters[k] - a.counters[k];
    if ((['rxFrames', 'rxBytes', 'txFrames', 'txBytes'] as const).some((k) => d(k) < 0)) continue;
    out.push({
      name: b.device,
      rxFramesPerSec: d('rxFrames') / seconds,
      rxBytesPerSec: d('rxBytes') / seconds,
      txFramesPerSec: d('txFrames') / seconds,
      txBytesPerSec: d('txBytes') / seconds,
    });
  }
  return out;
}

/** A bridge port as a switch port: which VLANs, which one untagged frames join, which leave untagged. */
export interface SwitchPort {
  readonly name: string;
  readonly vlans: readonly BridgeVlanEntry[];
  /** The VLAN untagged frames arriving here are put in; null: untagged frames are dropped. */
  readonly pvid: number | null;
  /** VLANs whose frames leave this port without a tag. */
  readonly untagged: readonly string[];
  /** VLANs whose frames leave this port with their 802.1Q tag. */
  readonly tagged: readonly string[];
}

export interface SwitchView {
  readonly bridge: string;
  /** vlan_filtering on: the bridge honours these tables; off: it ignores tags (one LAN). */
  readonly vlanFiltering: boolean | null;
  /** The bridge device itself (its own port toward this host's stack), when listed. */
  readonly self: SwitchPort | null;
  readonly ports: readonly SwitchPort[];
}

function vidText(v: BridgeVlanEntry): string {
  return v.vidEnd !== null ? `${v.vid}-${v.vidEnd}` : String(v.vid);
}

function switchPort(name: string, vlans: readonly BridgeVlanEntry[]): SwitchPort {
  return {
    name,
    vlans,
    pvid: vlans.find((v) => v.pvid)?.vid ?? null,
    untagged: vlans.filter((v) => v.untagged).map(vidText),
    tagged: vlans.filter((v) => !v.untagged).map(vidText),
  };
}

/** Bridges with their ports' VLAN tables; a port is matched to its bridge by `master`. */
export function switchViews(host: HostState): SwitchView[] {
  const table = host.bridgeVlans.ports;
  const bridges = host.interfaces.filter(
    (i) =>
      i.kind === 'bridge' ||
      table.some(
        (p) =>
          p.ifname === i.name &&
          i.master === null &&
          host.interfaces.some((x) => x.master === i.name),
      ),
  );
  return bridges
    .map((br) => {
      const self = table.find((p) => p.ifname === br.name);
      const ports = host.interfaces
        .filter((i) => i.master === br.name)
        .map((i) => switchPort(i.name, table.find((p) => p.ifname === i.name)?.vlans ?? []));
      return {
        bridge: br.name,
        vlanFiltering: br.bridge?.vlanFiltering ?? null,
        self: self ? switchPort(br.name, self.vlans) : null,
        ports,
      };
    })
    .filter((v) => v.self !== null || v.ports.some((p) => p.vlans.length > 0));
}

/** What a device plugged into this port must do, in one sentence. */
export function portAdvice(port: SwitchPort, filtering: boolean | null): string {
  if (filtering === false) {
    return 'VLAN filtering is off on this bridge: it forwards frames as they are, tagged or not, all in one LAN.';
  }
  if (port.vlans.length === 0) return 'No VLAN on this port: the bridge drops every frame from it.';
  const parts: string[] = [];
  if (port.pvid !== null) {
    parts.push(`send untagged frames to be in VLAN ${port.pvid}`);
  } else {
    parts.push('tag every frame (untagged frames are dropped: no PVID)');
  }
  if (port.tagged.length > 0) {
    parts.push(
      `tag frames with ${port.tagged.length > 1 ? 'VLANs' : 'VLAN'} ${port.tagged.join(', ')} (a VLAN interface per ID)`,
    );
  }
  return `A device here must ${parts.join(', and ')}.`;
}
