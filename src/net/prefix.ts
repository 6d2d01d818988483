/**
 * IPv4 prefixes as a sweep sees them: parsing what a person typed, the addresses worth
 * probing, and whether an address lies inside. Pure, over ip-address.
 */
import { Address4 } from 'ip-address';

export interface Prefix4 {
  /** The network address, e.g. 203.0.113.0. */
  readonly network: string;
  readonly length: number;
  /** `network/length`. */
  readonly cidr: string;
  readonly first: bigint;
  readonly last: bigint;
}

/** `a.b.c.d/n` (or a bare address, /32) as the prefix it lies in; null when invalid. */
export function parsePrefix4(text: string): Prefix4 | null {
  if (!/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(text)) return null;
  let a: Address4;
  try {
    a = new Address4(text.includes('/') ? text : `${text}/32`);
  } catch {
    return null;
  }
  if (a.subnetMask < 0 || a.subnetMask > 32) return null;
  const first = a.startAddress().bigInt();
  const last = a.endAddress().bigInt();
  const network = Address4.fromBigInt(first).address;
  return { network, length: a.subnetMask, cidr: `${network}/${a.subnetMask}`, first, last };
}

export function ipv4ToBigInt(address: string): bigint | null {
  try {
    return new Address4(address).bigInt();
  } catch {
    return null;
  }
}

export function bigIntToIpv4(value: bigint): string {
  return Address4.fromBigInt(value).address;
}

export function prefixContains(prefix: Prefix4, address: string): boolean {
  const v = ipv4ToBigInt(address);
  return v !== null && v >= prefix.first && v <= prefix.last;
}

/** `inner` lies wholly inside `outer`. */
export function prefixWithin(inner: Prefix4, outer: Prefix4): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

/** How many addresses a sweep would probe: all but network and broadcast (not on /31, /32). */
export function hostCount(prefix: Prefix4): number {
  const size = Number(prefix.last - prefix.first + 1n);
  return prefix.length >= 31 ? size : size - 2;
}

/** The addresses a sweep probes, in order, lazily (a /16 has 65534). */
export function* hostAddresses(prefix: Prefix4): Generator<string> {
  const edge = prefix.length < 31;
  const from = edge ? prefix.first + 1n : prefix.first;
  const to = edge ? prefix.last - 1n : prefix.last;
  for (let v = from; v <= to; v++) yield bigIntToIpv4(v);
}
