/** The addresses the ARP repair panel offers: this host's IPv4 addresses on Ethernet links. */
import type { HostState } from '../../../state/host-state.js';

export interface ArpCandidate {
  readonly ip: string;
  readonly prefixlen: number;
  readonly iface: string;
}

export function arpCandidates(host: HostState): ArpCandidate[] {
  return host.interfaces
    .filter((i) => i.linkType === 'ether' && i.name !== 'lo')
    .flatMap((i) =>
      i.addresses
        .filter((a) => a.family === 'inet' && a.scope !== 'host')
        .map((a) => ({ ip: a.local, prefixlen: a.prefixlen, iface: i.name })),
    );
}
