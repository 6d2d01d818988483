/**
 * Who holds which address across the hosts of a path question, and who sits on which
 * network: built once per question in one pass over every host's addresses and links, so a
 * walk over a thousand hosts asks a map rather than scanning them all at every hop.
 */
import { cidrContains, ipValue, parseCidr, type Cidr } from '../net/cidr.js';
import type { PathHost } from './types.js';

export interface AddressOwner {
  readonly hostIndex: number;
  readonly ifname: string;
  readonly local: string;
  /** The network the address is on (its peer's for a point-to-point address). */
  readonly net: Cidr | null;
}

export interface InterfaceRef {
  readonly hostIndex: number;
  readonly ifname: string;
}

/** `family:value`: one key however the address is written. */
export function addressKey(address: string): string | null {
  const v = ipValue(address);
  return v ? `${v.family}:${v.value}` : null;
}

/** Loopback and link-local addresses mean something on one box or one link only. */
function sharedScope(scope: string): boolean {
  return scope === 'global' || scope === 'site';
}

export class HostIndex {
  private readonly byAddress = new Map<string, AddressOwner[]>();
  private readonly byMac = new Map<string, InterfaceRef[]>();
  /** Every shared-scope address, for "who is on this network" (proxy ARP). */
  private readonly all: AddressOwner[] = [];

  constructor(readonly hosts: readonly PathHost[]) {
    hosts.forEach((h, hostIndex) => {
      for (const i of h.state?.interfaces ?? []) {
        if (i.mac && i.mac !== '00:00:00:00:00:00') {
          const mac = i.mac.toLowerCase();
          const list = this.byMac.get(mac);
          if (list) list.push({ hostIndex, ifname: i.name });
          else this.byMac.set(mac, [{ hostIndex, ifname: i.name }]);
        }
        for (const a of i.addresses) {
          if (!sharedScope(a.scope)) continue;
          const key = addressKey(a.local);
          if (key === null) continue;
          const owner: AddressOwner = {
            hostIndex,
            ifname: i.name,
            local: a.local,
            net: parseCidr(a.peer ?? `${a.local}/${a.prefixlen}`, a.family),
          };
          const list = this.byAddress.get(key);
          if (list) list.push(owner);
          else this.byAddress.set(key, [owner]);
          this.all.push(owner);
        }
      }
    });
  }

  /** Every host interface holding the address, in the order the hosts were given. */
  owners(address: string): readonly AddressOwner[] {
    const key = addressKey(address);
    return key === null ? [] : (this.byAddress.get(key) ?? []);
  }

  /** The interfaces with this link-layer address (a VLAN shares its parent's). */
  byLinkAddress(mac: string): readonly InterfaceRef[] {
    return this.byMac.get(mac.toLowerCase()) ?? [];
  }

  /** The networks a host's interface is on. */
  networksOf(hostIndex: number, ifname: string): Cidr[] {
    const out: Cidr[] = [];
    for (const a of this.hosts[hostIndex]?.state?.interfaces.find((i) => i.name === ifname)
      ?.addresses ?? []) {
      if (!sharedScope(a.scope)) continue;
      const net = parseCidr(a.peer ?? `${a.local}/${a.prefixlen}`, a.family);
      if (net) out.push(net);
    }
    return out;
  }

  /** Other hosts' interfaces with an address on one of these networks (at most one per interface). */
  onNetworks(nets: readonly Cidr[], except: number): AddressOwner[] {
    const seen = new Set<string>();
    const out: AddressOwner[] = [];
    for (const o of this.all) {
      if (o.hostIndex === except) continue;
      const id = `${o.hostIndex}\u0000${o.ifname}`;
      if (seen.has(id) || !nets.some((n) => cidrContains(n, o.local))) continue;
      seen.add(id);
      out.push(o);
    }
    return out;
  }
}
