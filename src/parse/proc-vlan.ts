/**
 * Parses the 8021q module's /proc files (net/8021q/vlanproc.c): `/proc/net/vlan/config`,
 * the table of every VLAN device, and `/proc/net/vlan/<dev>`, one device's VID, flags,
 * counters and priority maps. The kernel has printed these lines the same way since 2.4,
 * save the width of `dev->priv_flags` (%hx, %llx, %x) and, in some trees, a colon after the
 * counter names; both are read.
 */
import type { ParseWarning } from './warnings.js';

/** One row of /proc/net/vlan/config: `eth1.1234      | 1234  | eth1`. */
export interface VlanConfigEntry {
  readonly device: string;
  readonly vid: number;
  readonly parent: string;
}

export interface VlanConfig {
  /** `Name-Type: VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD` (how vconfig names new VLANs). */
  readonly nameType: string | null;
  readonly entries: readonly VlanConfigEntry[];
}

/** A VLAN priority map entry: `from:to` (skb priority ↔ 802.1p PCP). */
export interface QosMapping {
  readonly from: number;
  readonly to: number;
}

/** The counters of a VLAN device as /proc/net/vlan/<dev> shows them. */
export interface VlanCounters {
  readonly rxFrames: number;
  readonly rxBytes: number;
  /** `Broadcast/Multicast Rcvd`. */
  readonly rxMulticast: number;
  readonly txFrames: number;
  readonly txBytes: number;
}

/** /proc/net/vlan/<dev>, read. */
export interface VlanDeviceProc {
  readonly device: string;
  readonly vid: number;
  readonly reorderHdr: boolean;
  /** `dev->priv_flags` as printed (hex, without 0x). */
  readonly privFlags: string;
  readonly counters: VlanCounters;
  /** `Device: eth1`: the parent (real device). */
  readonly parent: string | null;
  /** `INGRESS priority mappings: 0:0 1:0 ...`: PCP → skb priority, all eight. */
  readonly ingress: readonly QosMapping[];
  /** `EGRESS priority mappings: 5:3 ...`: skb priority → PCP, only those set. */
  readonly egress: readonly QosMapping[];
}

export function parseVlanConfig(
  text: string,
  source = '/proc/net/vlan/config',
): { config: VlanConfig; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  const entries: VlanConfigEntry[] = [];
  let nameType: string | null = null;
  for (const raw of text.split('\n')) {
    const l = raw.trimEnd();
    if (l.trim() === '' || /^VLAN Dev name\s*\|/.test(l)) continue;
    const nt = /^Name-Type:\s*(\S+)/.exec(l);
    if (nt) {
      nameType = nt[1] ?? null;
      continue;
    }
    // "%-15s| %d  | %s": the name is padded to 15; the greedy first group keeps a '|' in a name.
    const m = /^(.*\S)\s*\|\s*(\d+)\s*\|\s*(\S+)$/.exec(l);
    if (!m) {
      warnings.push({ source, message: `unreadable line: ${l}` });
      continue;
    }
    entries.push({ device: m[1] ?? '', vid: Number(m[2]), parent: m[3] ?? '' });
  }
  return { config: { nameType, entries }, warnings };
}

const COUNTER_LABELS: Readonly<Record<string, keyof VlanCounters>> = {
  'total frames received': 'rxFrames',
  'total bytes received': 'rxBytes',
  'Broadcast/Multicast Rcvd': 'rxMulticast',
  'total frames transmitted': 'txFrames',
  'total bytes transmitted': 'txBytes',
};

function mappings(text: string): QosMapping[] {
  return [...text.matchAll(/(\d+):(\d+)/g)].map((m) => ({ from: Number(m[1]), to: Number(m[2]) }));
}

/** Parses /proc/net/vlan/<dev>; null (with a warning) when the header line is missing. */
export function parseVlanDevice(
  text: string,
  source: string,
): { record: VlanDeviceProc | null; warnings: ParseWarning[] } {
  const lines = text.split('\n');
  const header =
    /^(\S+)\s+VID:\s*(\d+)\s+REORDER_HDR:\s*(\d+)\s+dev->priv_flags:\s*([0-9a-fA-F]+)/.exec(
      lines[0] ?? '',
    );
  if (!header) {
    return { record: null, warnings: [{ source, message: 'no "VID:" header line' }] };
  }
  const counters: Record<keyof VlanCounters, number> = {
    rxFrames: 0,
    rxBytes: 0,
    rxMulticast: 0,
    txFrames: 0,
    txBytes: 0,
  };
  let parent: string | null = null;
  let ingress: QosMapping[] = [];
  let egress: QosMapping[] = [];
  for (const raw of lines.slice(1)) {
    const counter = /^\s*(.+?):?\s+(\d+)\s*$/.exec(raw);
    const key = counter ? COUNTER_LABELS[counter[1] ?? ''] : undefined;
    if (counter && key) {
      counters[key] = Number(counter[2]);
      continue;
    }
    const dev = /^\s*Device:\s*(\S+)/.exec(raw);
    if (dev) parent = dev[1] ?? null;
    const ing = /^\s*INGRESS priority mappings:(.*)$/.exec(raw);
    if (ing) ingress = mappings(ing[1] ?? '');
    const eg = /^\s*EGRESS priority mappings:(.*)$/.exec(raw);
    if (eg) egress = mappings(eg[1] ?? '');
  }
  return {
    record: {
      device: header[1] ?? '',
      vid: Number(header[2]),
      reorderHdr: header[3] === '1',
      privFlags: header[4] ?? '',
      counters,
      parent,
      ingress,
      egress,
    },
    warnings: [],
  };
}
