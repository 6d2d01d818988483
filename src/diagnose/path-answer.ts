/**
 * `netdoctor path SRC DEST` without the collection: the forward walk SRC→DEST and the
 * return walk DEST→SRC over the hosts given (src/path/walk.ts), and what the path rule
 * concludes from them. Pure.
 */
import { HostIndex } from '../path/owners.js';
import type { PathAnswer, PathHost } from '../path/types.js';
import { walk } from '../path/walk.js';
import { diagnose } from './diagnose.js';

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
    findings: diagnose({ host: null, walks: { index, forward, back } }, ['hosts']),
  };
}
