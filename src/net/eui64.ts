/**
 * IPv6 interface identifiers made from a MAC (modified EUI-64, RFC 4291 appendix A): the
 * MAC split in two around ff:fe, with the universal/local bit flipped. A link-local address
 * such as fe80::ba27:ebff:fe00:10 therefore names its host's MAC, b8:27:eb:00:00:10.
 * Hosts with privacy or stable-privacy addresses do not follow it, so the neighbour table's
 * lladdr stays the authority; this is the cross-check.
 */
import { Address6 } from 'ip-address';

/** The MAC an EUI-64 interface identifier was made from, or null when it is not one. */
export function macFromEui64(ipv6: string): string | null {
  let groups: string[];
  try {
    groups = new Address6(ipv6.split('%')[0] ?? ipv6).canonicalForm().split(':');
  } catch {
    return null;
  }
  const iid = groups.slice(4).join('');
  if (iid.length !== 16 || iid.slice(6, 10) !== 'fffe') return null;
  const first = (parseInt(iid.slice(0, 2), 16) ^ 0x02).toString(16).padStart(2, '0');
  const hex = first + iid.slice(2, 6) + iid.slice(10, 16);
  return hex.replace(/(..)(?!$)/g, '$1:');
}

export function isLinkLocalV6(ipv6: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(ipv6);
}
