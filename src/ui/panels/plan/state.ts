/**
 * The Plan panel's slice: the plan loaded, the selected cell of the matrix (row sends to
 * column), the file question line, and the --prove question. Pure; --prove itself is a job.
 */
import type { Plan } from '../../../plan/types.js';
import { closeLine, openLine, questionLine, type QuestionLine } from '../../question/line.js';

/** A path longer than this is not a path one types. */
export const PATH_MAX = 1024;

/** What P asks before it builds anything: how much, how long. */
export interface ProveAsk {
  readonly namespaces: number;
  readonly pairs: number;
  readonly seconds: number;
}

export interface PlanView {
  readonly plan: Plan | null;
  /** The selected cell: row `row` sends to column `col` (indexes into plan.networks). */
  readonly row: number;
  readonly col: number;
  /** The file question line: while open, keys are its text. */
  readonly line: QuestionLine;
  /** Why the last path could not be opened (FILE:LINE:COL: ...), shown under the line. */
  readonly pathError: string | null;
  /** A file is being read. */
  readonly reading: boolean;
  /** P asked; Enter or P again starts, Esc does not. */
  readonly ask: ProveAsk | null;
  /** The last thing to tell the person (a refusal, a hint). */
  readonly message: string | null;
  /**
   * The app's scroll position when the selected pair last changed: the text under the
   * matrix is shown from there, so a new pair's path starts at its top.
   */
  readonly base: number;
}

export const initialPlanView: PlanView = {
  plan: null,
  row: 0,
  col: 1,
  line: questionLine(PATH_MAX),
  pathError: null,
  reading: false,
  ask: null,
  message: null,
  base: 0,
};

export type PlanAction =
  | { readonly type: 'loaded'; readonly plan: Plan }
  | { readonly type: 'move'; readonly rows: number; readonly cols: number }
  | { readonly type: 'open' }
  /** The question line after a key. */
  | { readonly type: 'line'; readonly line: QuestionLine }
  /** Esc on the question line (it has closed): a read under way is forgotten. */
  | { readonly type: 'close' }
  | { readonly type: 'reading' }
  | { readonly type: 'read-failed'; readonly error: string }
  | { readonly type: 'ask'; readonly ask: ProveAsk }
  | { readonly type: 'escape' }
  | { readonly type: 'message'; readonly message: string | null }
  | { readonly type: 'rebase'; readonly scroll: number };

/**
 * One step along an axis. The diagonal (a network to itself) is stepped over; at the edge,
 * where it cannot be, the two trade places: down from (a, b) onto (b, b) lands on (b, a).
 */
function step(at: number, by: number, other: number, size: number): [number, number] {
  const next = Math.max(0, Math.min(size - 1, at + by));
  if (next !== other) return [next, other];
  const beyond = next + Math.sign(by);
  return beyond >= 0 && beyond < size ? [beyond, other] : [next, at];
}

export function planReducer(v: PlanView, action: PlanAction): PlanView {
  switch (action.type) {
    case 'loaded':
      return {
        ...v,
        plan: action.plan,
        row: 0,
        col: action.plan.networks.length > 1 ? 1 : 0,
        line: closeLine(v.line),
        pathError: null,
        reading: false,
        ask: null,
        message: null,
      };
    case 'move': {
      const size = v.plan?.networks.length ?? 0;
      if (size < 2) return v;
      let [row, col] = [v.row, v.col];
      if (action.rows) [row, col] = step(row, action.rows, col, size);
      if (action.cols) [col, row] = step(col, action.cols, row, size);
      return row === v.row && col === v.col ? v : { ...v, row, col };
    }
    case 'open':
      return { ...v, line: openLine(v.line), pathError: null, ask: null, message: null };
    case 'line':
      return { ...v, line: action.line, pathError: null };
    case 'close':
      return { ...v, line: closeLine(v.line), reading: false, pathError: null };
    case 'reading':
      return { ...v, reading: true, pathError: null };
    case 'read-failed':
      // The line stays open with the path, so the person fixes the file or the path.
      return { ...v, reading: false, pathError: action.error };
    case 'ask':
      return { ...v, ask: action.ask, message: null };
    case 'escape':
      if (v.ask) return { ...v, ask: null };
      return v.message ? { ...v, message: null } : v;
    case 'message':
      return { ...v, message: action.message, ask: null };
    case 'rebase':
      return action.scroll === v.base ? v : { ...v, base: action.scroll };
  }
}
