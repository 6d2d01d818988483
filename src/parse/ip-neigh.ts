/** Parses `ip -j neigh show`: the ARP (IPv4) and NDP (IPv6) neighbour tables. */
import { parseIpJson, str, strings, type JsonObject } from './ip-json.js';
import type { Parsed } from './warnings.js';
import type { Family } from './ip-addr.js';

export interface NeighbourRecord {
  readonly family: Family;
  readonly dst: string;
  readonly dev: string;
  /** The link-layer address; absent while INCOMPLETE or FAILED. */
  readonly lladdr: string | null;
  /** REACHABLE, STALE, DELAY, PROBE, INCOMPLETE, FAILED, PERMANENT, NOARP. */
  readonly states: readonly string[];
  /** The neighbour said it is a router (IPv6 NDP). */
  readonly router: boolean;
}

function mapNeighbour(o: JsonObject): NeighbourRecord | string {
  const dst = str(o, 'dst');
  const dev = str(o, 'dev');
  if (!dst || !dev) return 'no dst or dev';
  return {
    family: dst.includes(':') ? 'inet6' : 'inet',
    dst,
    dev,
    lladdr: str(o, 'lladdr') ?? null,
    states: strings(o, 'state'),
    router: o['router'] !== undefined && o['router'] !== false,
  };
}

export function parseIpNeigh(text: string, source = 'ip -j neigh show'): Parsed<NeighbourRecord> {
  return parseIpJson(text, source, mapNeighbour);
}
