/** Parses `ip -j addr show`: the addresses of every interface. */
import { parseIpJson, str, strings, type JsonObject } from './ip-json.js';
import type { ParseWarning, Parsed } from './warnings.js';
import { isAddress, isInterfaceName, isPrefixLength, quoted } from './checks.js';

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

/**
 * One interface's addresses. An address the kernel could not have printed (a prefixlen of
 * the wrong type or range, a local that is not an address) is left out with a warning that
 * names the element and the field; the interface's other addresses stay.
 */
function mapInterfaceAddresses(source: string, warnings: ParseWarning[]) {
  return (o: JsonObject, index: number): AddressRecord[] | string => {
    const ifname = str(o, 'ifname');
    if (ifname === undefined) return 'no ifname';
    if (!isInterfaceName(ifname)) return `ifname: not an interface name: ${quoted(ifname)}`;
    const rawInfos = o['addr_info'];
    if (rawInfos !== undefined && !Array.isArray(rawInfos)) return 'addr_info: not a list';
    const infos = Array.isArray(rawInfos) ? (rawInfos as unknown[]) : [];
    const out: AddressRecord[] = [];
    infos.forEach((raw, j) => {
      const where = `element ${index} (${ifname}) addr_info ${j}`;
      const bad = (message: string) => warnings.push({ source, message: `${where}: ${message}` });
      if (!raw || typeof raw !== 'object') return bad('not an object');
      const a = raw as JsonObject;
      const family = str(a, 'family');
      // Other families (ipx, link, mpls) are not ours to show; they are not damage.
      if (family !== 'inet' && family !== 'inet6') {
        if (family === undefined) bad('no family');
        return;
      }
      const local = a['local'];
      if (typeof local !== 'string' || !isAddress(local, family)) {
        return bad(
          `local: not an ${family === 'inet' ? 'IPv4' : 'IPv6'} address: ${quoted(local)}`,
        );
      }
      const prefixlen = a['prefixlen'];
      if (!isPrefixLength(prefixlen, family)) {
        return bad(`prefixlen: not a prefix length for ${family}: ${quoted(prefixlen)}`);
      }
      const peer = str(a, 'address') ?? null;
      if (peer !== null && !isAddress(peer, family)) {
        return bad(`address (peer): not an address: ${quoted(peer)}`);
      }
      const flags = [
        'dynamic',
        'noprefixroute',
        'tentative',
        'dadfailed',
        'deprecated',
        'secondary',
      ]
        .filter((f) => a[f] === true)
        .concat(strings(a, 'flags'));
      out.push({
        ifname,
        family,
        local,
        prefixlen,
        scope: str(a, 'scope') ?? 'global',
        label: str(a, 'label') ?? null,
        peer,
        flags,
      });
    });
    return out;
  };
}

export function parseIpAddr(text: string, source = 'ip -j addr show'): Parsed<AddressRecord> {
  const warnings: ParseWarning[] = [];
  const parsed = parseIpJson(text, source, mapInterfaceAddresses(source, warnings));
  return { records: parsed.records.flat(), warnings: [...parsed.warnings, ...warnings] };
}
