/** Sightings every backend makes the same way: this host itself, and the neighbour table. */
import type { NeighbourRecord } from '../../parse/ip-neigh.js';
import { prefixContains, type Prefix4 } from '../../net/prefix.js';
import { isValidState } from './pacing.js';
import type { ScanTarget, Sighting, SightingVia } from './types.js';

/** This host's own addresses inside the swept prefix. */
export function selfSightings(target: ScanTarget, at: number): Sighting[] {
  return target.localAddresses
    .filter((ip) => prefixContains(target.prefix, ip))
    .map((ip) => ({
      iface: target.iface,
      ip,
      mac: target.localMac,
      rttMs: null,
      at,
      via: 'self',
      state: null,
    }));
}

/**
 * The valid entries of one interface's neighbour table, IPv4 ones only inside the prefix
 * (IPv6 neighbours of the link are all on it). INCOMPLETE and FAILED entries have no MAC
 * and prove nothing.
 */
export function tableSightings(
  records: readonly NeighbourRecord[],
  iface: string,
  prefix: Prefix4,
  via: (n: NeighbourRecord) => SightingVia,
): Sighting[] {
  const at = Date.now();
  return records.flatMap((n): Sighting[] => {
    if (n.dev !== iface || n.lladdr === null || !isValidState(n.states)) return [];
    if (n.family === 'inet' && !prefixContains(prefix, n.dst)) return [];
    return [
      { iface, ip: n.dst, mac: n.lladdr, rttMs: null, at, via: via(n), state: n.states[0] ?? null },
    ];
  });
}

/** Table entries that were there before we asked, or answered the IPv6 echo. */
export const viaTable = (n: NeighbourRecord): SightingVia =>
  n.family === 'inet' ? 'table' : 'ndp';
