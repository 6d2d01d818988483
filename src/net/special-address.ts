/**
 * Addresses that name no one host: a packet sent there goes to every host of a group or a
 * link, or nowhere. A trace follows one path to one host, so these are refused before
 * anything is sent. Pure: what the address itself says, before any prefix is known.
 */
import type { IpValue } from './cidr.js';

const V4_ALL_ONES = 0xffffffffn;

/** Why `v` is no single host's address, in words ("a multicast address (224.0.0.0/4)"), or null. */
export function notOneHost(v: IpValue): string | null {
  if (v.family === 'inet') {
    if (v.value >> 24n === 0n) {
      return v.value === 0n
        ? 'the unspecified address (0.0.0.0: the kernel sends it to itself, as 127.0.0.1)'
        : "an address of 'this network' (0.0.0.0/8), which no packet may be sent to";
    }
    if (v.value === V4_ALL_ONES) return 'the limited broadcast address (every host on the link)';
    if (v.value >> 28n === 0xen) return 'a multicast address (224.0.0.0/4)';
    return null;
  }
  if (v.value === 0n) return 'the unspecified address (::)';
  if (v.value >> 120n === 0xffn) return 'a multicast address (ff00::/8)';
  return null;
}
