/**
 * IPv4 and IPv6 prefixes as numbers, for matching: parse a CIDR (or `default`), test
 * whether an address lies inside, and pick the longest match. The one piece the route
 * resolver, the plan simulator and the rules share. Pure, over ip-address.
 */
import { Address4, Address6 } from 'ip-address';

export type IpFamily = 'inet' | 'inet6';

export interface Cidr {
  readonly family: IpFamily;
  readonly length: number;
  readonly first: bigint;
  readonly last: bigint;
  /** As written canonically: `10.0.0.0/8`, `2001:db8::/32`. */
  readonly text: string;
}

export interface IpValue {
  readonly family: IpFamily;
  readonly value: bigint;
}

/** An address as a number with its family; null when it is not an address. */
export function ipValue(address: string): IpValue | null {
  if (address.includes('/')) return null;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    if (!Address4.isValid(address)) return null;
    return { family: 'inet', value: new Address4(address).bigInt() };
  }
  if (address.includes(':') && Address6.isValid(address)) {
    return { family: 'inet6', value: new Address6(address).bigInt() };
  }
  return null;
}

/** The canonical text of an address number. */
export function ipText(v: IpValue): string {
  return v.family === 'inet'
    ? Address4.fromBigInt(v.value).address
    : Address6.fromBigInt(v.value).correctForm();
}

/**
 * `a.b.c.d/n`, `x::/n`, a bare address (a host prefix), or `default` (0/0 of `family`).
 * Null when it is none of these. Host bits set (`10.0.0.5/24`) are allowed and cleared, as
 * `ip route` does not allow but `ip addr` does; callers that must refuse them compare text.
 */
export function parseCidr(text: string, family: IpFamily = 'inet'): Cidr | null {
  if (text === 'default' || text === 'all') {
    const bits = family === 'inet' ? 32 : 128;
    return {
      family,
      length: 0,
      first: 0n,
      last: (1n << BigInt(bits)) - 1n,
      text: family === 'inet' ? '0.0.0.0/0' : '::/0',
    };
  }
  const [addr, len, extra] = text.split('/');
  if (addr === undefined || extra !== undefined) return null;
  const v = ipValue(addr);
  if (!v) return null;
  const bits = v.family === 'inet' ? 32 : 128;
  if (len !== undefined && !/^\d{1,3}$/.test(len)) return null;
  const length = len === undefined ? bits : Number(len);
  if (length > bits) return null;
  const hostBits = BigInt(bits - length);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << hostBits) - 1n);
  const first = v.value & mask;
  const last = first | ((1n << hostBits) - 1n);
  return {
    family: v.family,
    length,
    first,
    last,
    text: `${ipText({ family: v.family, value: first })}/${length}`,
  };
}

export function cidrContains(cidr: Cidr, address: string | IpValue): boolean {
  const v = typeof address === 'string' ? ipValue(address) : address;
  return v !== null && v.family === cidr.family && v.value >= cidr.first && v.value <= cidr.last;
}

/** `a` and `b` share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/**
 * The items whose prefix holds the address and is longest, in the order given (the caller
 * breaks ties: metric, type). Items without a prefix (null) never match.
 */
export function longestMatches<T>(
  items: readonly T[],
  prefixOf: (item: T) => Cidr | null,
  address: string | IpValue,
): T[] {
  const v = typeof address === 'string' ? ipValue(address) : address;
  if (!v) return [];
  let best = -1;
  let found: T[] = [];
  for (const item of items) {
    const p = prefixOf(item);
    if (!p || !cidrContains(p, v)) continue;
    if (p.length > best) {
      best = p.length;
      found = [item];
    } else if (p.length === best) found.push(item);
  }
  return found;
}
