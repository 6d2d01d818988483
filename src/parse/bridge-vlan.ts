/**
 * Parses `bridge -j -d vlan show`: each bridge port's VLANs, PVID and untagged egress
 * (iproute2 bridge/vlan.c). Two shapes are in the wild: since 2018 an array of
 * `{ifname, vlans: [{vlan, vlanEnd?, flags?: ["PVID", "Egress Untagged"]}]}`; before, an
 * object keyed by interface name whose values are those `vlans` arrays. Both are read.
 */
import type { ParseWarning, Parsed } from './warnings.js';
import { readJson, type JsonObject } from './ip-json.js';

export interface BridgeVlanEntry {
  readonly vid: number;
  /** The last VID of a range (`vlanEnd`), null for a single VLAN. */
  readonly vidEnd: number | null;
  /** Untagged frames that arrive on this port are put in this VLAN. */
  readonly pvid: boolean;
  /** Frames of this VLAN leave this port without a tag. */
  readonly untagged: boolean;
  /** With -d on newer iproute2: the per-VLAN STP state (forwarding, blocking, ...). */
  readonly state: string | null;
}

export interface BridgePortVlans {
  readonly ifname: string;
  readonly vlans: readonly BridgeVlanEntry[];
}

function entry(raw: unknown): BridgeVlanEntry | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as JsonObject;
  const vid = o['vlan'];
  if (typeof vid !== 'number') return null;
  const end = o['vlanEnd'];
  const flags = Array.isArray(o['flags']) ? o['flags'] : [];
  const state = o['state'];
  return {
    vid,
    vidEnd: typeof end === 'number' ? end : null,
    pvid: flags.includes('PVID'),
    untagged: flags.includes('Egress Untagged'),
    state: typeof state === 'string' ? state : null,
  };
}

function port(ifname: string, list: unknown, source: string, warnings: ParseWarning[]) {
  const vlans: BridgeVlanEntry[] = [];
  for (const raw of Array.isArray(list) ? list : []) {
    const e = entry(raw);
    if (e) vlans.push(e);
    else warnings.push({ source, message: `${ifname}: an entry without "vlan"` });
  }
  return { ifname, vlans };
}

export function parseBridgeVlan(
  text: string,
  source = 'bridge -j -d vlan show',
): Parsed<BridgePortVlans> {
  const warnings: ParseWarning[] = [];
  const records: BridgePortVlans[] = [];
  // A kernel without bridge VLAN support makes bridge print "[" and fail: not JSON.
  const read = readJson(text, source);
  if (!('data' in read)) return { records, warnings: read.warnings };
  const data = read.data;
  if (Array.isArray(data)) {
    for (const item of data) {
      const o = item && typeof item === 'object' ? (item as JsonObject) : {};
      const ifname = o['ifname'];
      if (typeof ifname !== 'string') {
        warnings.push({ source, message: 'a port without "ifname"' });
        continue;
      }
      records.push(port(ifname, o['vlans'], source, warnings));
    }
  } else if (data && typeof data === 'object') {
    for (const [ifname, list] of Object.entries(data as JsonObject)) {
      records.push(port(ifname, list, source, warnings));
    }
  } else {
    warnings.push({ source, message: 'output is neither an array nor an object' });
  }
  return { records, warnings };
}
