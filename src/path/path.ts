/**
 * `netdoctor path SRC DEST` without the collection: the forward walk SRC→DEST and the
 * return walk DEST→SRC over the hosts given, and what they conclude. Pure.
 */
import { ipValue } from '../net/cidr.js';
import { unreadFindings, walkFindings } from './findings.js';
import { HostIndex } from './owners.js';
import type { PathAnswer, PathHost } from './types.js';
import { walk } from './walk.js';

export function answerPath(hosts: readonly PathHost[], src: string, dst: string): PathAnswer {
  return answerPathWith(new HostIndex(hosts), src, dst);
}

/** The same over an index built once (the panel asks many questions of one set). */
export function answerPathWith(index: HostIndex, src: string, dst: string): PathAnswer {
  const forward = walk(index, 'forward', src, dst);
  const back = walk(index, 'return', dst, src);
  return {
    src,
    dst,
    forward,
    back,
    findings: [
      ...walkFindings(index, forward, back),
      ...walkFindings(index, back, forward),
      ...unreadFindings(index),
    ],
  };
}

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
