/**
 * The Path panel's slice: the hosts of a path question and its answer (both walks), the
 * hop selected across the two walks (forward hops first), and whether that hop's box
 * decision is open. Pure: the answer is worked out once, when the hosts arrive.
 */
import { answerPath, type PathEnds } from '../../../diagnose/path-answer.js';
import type { PathAnswer, PathHop, PathHost } from '../../../path/types.js';

export interface PathView {
  readonly hosts: readonly PathHost[];
  readonly answer: PathAnswer | null;
  /** Index into forward hops then return hops. */
  readonly selected: number;
  /** Enter: the selected hop's decision on its box, instead of the walks. */
  readonly open: boolean;
}

export const initialPathView: PathView = { hosts: [], answer: null, selected: 0, open: false };

export type PathAction =
  | {
      readonly type: 'loaded';
      readonly hosts: readonly PathHost[];
      readonly src: string;
      readonly dst: string;
      readonly ends?: PathEnds;
    }
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'open' }
  | { readonly type: 'close' };

/** Every hop of both walks, in the order the selection walks them. */
export function allHops(a: PathAnswer | null): PathHop[] {
  return a ? [...a.forward.hops, ...a.back.hops] : [];
}

export function pathReducer(v: PathView, action: PathAction): PathView {
  switch (action.type) {
    case 'loaded':
      return {
        hosts: action.hosts,
        answer: answerPath(action.hosts, action.src, action.dst, action.ends),
        selected: 0,
        open: false,
      };
    case 'move': {
      const n = allHops(v.answer).length;
      if (n === 0) return v;
      return { ...v, selected: Math.max(0, Math.min(n - 1, v.selected + action.by)) };
    }
    case 'open':
      return allHops(v.answer).length > 0 ? { ...v, open: !v.open } : v;
    case 'close':
      return { ...v, open: false };
  }
}
