/** Parses `ip -j addr show`: the addresses of every interface. */
import { num, parseIpJson, str, strings, type JsonObject } from './ip-json.js';
import type { Parsed } from './warnings.js';

export type Family = 'inet' | 'inet6';

export interface AddressRecord {
  readonly ifname: string;
  readonly family: Family;
  readonly local: string;
  readonly prefixlen: number;
  /** host, link, global, site. */
  readonly scope: string;
  /** The address label: `eth1:1234` is an alias label, not a VLAN. */
  readonly label: string | null;
  /** The far end of a point-to-point address (`ip addr add A peer B`). */
  readonly peer: string | null;
  readonly flags: readonly string[];
}

function mapInterfaceAddresses(o: JsonObject): AddressRecord[] | string {
  const ifname = str(o, 'ifname');
  if (ifname === undefined) return 'no ifname';
  const infos = Array.isArray(o['addr_info']) ? (o['addr_info'] as unknown[]) : [];
  const out: AddressRecord[] = [];
  for (const raw of infos) {
    if (!raw || typeof raw !== 'object') continue;
    const a = raw as JsonObject;
    const family = str(a, 'family');
    const local = str(a, 'local');
    const prefixlen = num(a, 'prefixlen');
    if ((family !== 'inet' && family !== 'inet6') || !local || prefixlen === undefined) continue;
    const flags = ['dynamic', 'noprefixroute', 'tentative', 'dadfailed', 'deprecated', 'secondary']
      .filter((f) => a[f] === true)
      .concat(strings(a, 'flags'));
    out.push({
      ifname,
      family,
      local,
      prefixlen,
      scope: str(a, 'scope') ?? 'global',
      label: str(a, 'label') ?? null,
      peer: str(a, 'address') ?? null,
      flags,
    });
  }
  return out;
}

export function parseIpAddr(text: string, source = 'ip -j addr show'): Parsed<AddressRecord> {
  const parsed = parseIpJson(text, source, mapInterfaceAddresses);
  return { records: parsed.records.flat(), warnings: parsed.warnings };
}
