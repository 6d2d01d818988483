/**
 * Whether a link resolves its neighbours at all. A tun device, a point-to-point link or one
 * set `arp off` carries the NOARP flag: the kernel sends straight onto it and keeps no
 * ARP/NDP entry (at most a NOARP one), so a missing or unanswered entry there means nothing.
 * Pure.
 */
import type { HostState } from '../state/host-state.js';

export function resolvesNeighbours(host: Pick<HostState, 'interfaces'>, dev: string): boolean {
  const i = host.interfaces.find((x) => x.name === dev);
  if (!i) return true;
  return !i.flags.includes('NOARP') && i.linkType !== 'none';
}
