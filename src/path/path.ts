/** The ends of a `netdoctor path` question as typed: an address, or a host's name. Pure. */
import { ipValue } from '../net/cidr.js';
import type { PathHost } from './types.js';

/**
 * An end of the question as typed: an address, or the name of a host of the set (its
 * first global address of the family of the other end, IPv4 first). Null when neither.
 */
export function resolveEnd(
  hosts: readonly PathHost[],
  text: string,
  family?: 'inet' | 'inet6',
): string | null {
  if (ipValue(text)) return text;
  const host = hosts.find((h) => h.name === text);
  const addresses = (host?.state?.interfaces ?? []).flatMap((i) =>
    i.addresses.filter((a) => a.scope === 'global' && !a.flags.includes('secondary')),
  );
  const pick =
    addresses.find((a) => a.family === (family ?? 'inet')) ??
    (family === undefined ? addresses[0] : undefined);
  return pick?.local ?? null;
}
