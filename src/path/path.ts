/**
 * `netdoctor path SRC DEST` without the collection: the forward walk SRC→DEST and the
 * return walk DEST→SRC over the hosts given, and what they conclude. Pure.
 */
import { ipValue } from '../net/cidr.js';
import { unreadFindings, walkFindings } from './findings.js';
import { HostIndex } from './owners.js';
import type { PathAnswer, PathHost } from './types.js';
import { walk } from './walk.js';

/** The hosts the person named as the ends (indexes into the hosts), when they named them. */
export interface PathEnds {
  readonly srcHost?: number;
  readonly dstHost?: number;
}

export function answerPath(
  hosts: readonly PathHost[],
  src: string,
  dst: string,
  ends: PathEnds = {},
): PathAnswer {
  return answerPathWith(new HostIndex(hosts), src, dst, ends);
}

/** The same over an index built once (the panel asks many questions of one set). */
export function answerPathWith(
  index: HostIndex,
  src: string,
  dst: string,
  ends: PathEnds = {},
): PathAnswer {
  const forward = walk(index, 'forward', src, dst, ends.srcHost);
  const back = walk(index, 'return', dst, src, ends.dstHost);
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
