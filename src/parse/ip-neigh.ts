/** Parses `ip -j neigh show`: the ARP (IPv4) and NDP (IPv6) neighbour tables. */
import { parseIpJson, str, type JsonObject } from './ip-json.js';
import type { Parsed } from './warnings.js';
import type { Family } from './ip-addr.js';
import {
  flagField,
  isAddress,
  isInterfaceName,
  isLinkAddress,
  quoted,
  stringsField,
} from './checks.js';

/** The NUD states and flags `ip neigh` prints in "state". */
const STATES = new Set([
  'INCOMPLETE',
  'REACHABLE',
  'STALE',
  'DELAY',
  'PROBE',
  'FAILED',
  'NOARP',
  'PERMANENT',
  'NONE',
]);

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
  if (!isAddress(dst)) return `dst: not an IPv4 or IPv6 address: ${quoted(dst)}`;
  if (!isInterfaceName(dev)) return `dev: not an interface name: ${quoted(dev)}`;
  const lladdr = o['lladdr'];
  if (lladdr !== undefined && (typeof lladdr !== 'string' || !isLinkAddress(lladdr))) {
    return `lladdr: not a link-layer address: ${quoted(lladdr)}`;
  }
  const states = stringsField(o, 'state', 'a neighbour state', STATES);
  const router = flagField(o, 'router');
  return {
    family: dst.includes(':') ? 'inet6' : 'inet',
    dst,
    dev,
    lladdr: lladdr ?? null,
    states,
    router,
  };
}

export function parseIpNeigh(text: string, source = 'ip -j neigh show'): Parsed<NeighbourRecord> {
  return parseIpJson(text, source, mapNeighbour);
}
