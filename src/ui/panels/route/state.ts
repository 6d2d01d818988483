/**
 * The Route panel's slice: the question line (its text, whether keys go to it, its refusal),
 * the question answered last, which view shows (the decision, or the trace's hop table) and
 * the last thing to tell the person. Pure: the decision is worked out from the host when it
 * is drawn, the kernel's answer and the trace are jobs.
 */
import type { RouteQuery } from '../../../net/route-decision.js';
import type { Question } from './question.js';
import { closeLine, openLine, questionLine, type QuestionLine } from '../../question/line.js';

/** Longer questions are not questions: the line stops taking characters here. */
export const QUESTION_TEXT_MAX = 96;

export type RouteViewName = 'decision' | 'trace';

export interface RouteView {
  /** The question line: while open, keys are its text (digits do not switch panels). */
  readonly line: QuestionLine;
  /** Why the last Enter was refused; the line stays open under it. */
  readonly refusal: string | null;
  /** The question answered last. */
  readonly query: RouteQuery | null;
  /** Counts the answers, so the kernel's reply is matched to its question. */
  readonly asked: number;
  readonly view: RouteViewName;
  /**
   * Subtracted from the app's scroll position (the global keys move it) for what is shown,
   * so each new answer or view opens at its top. Kept between 0 and that position.
   */
  readonly base: number;
  /** A new answer or view waits to be opened at its top: the base takes the scroll then. */
  readonly reset: boolean;
  readonly message: string | null;
}

export const initialRouteView: RouteView = {
  line: questionLine(QUESTION_TEXT_MAX),
  refusal: null,
  query: null,
  asked: 0,
  view: 'decision',
  base: 0,
  reset: false,
  message: null,
};

export type RouteAction =
  | { readonly type: 'ask-open' }
  /** The question line after a key. */
  | { readonly type: 'line'; readonly line: QuestionLine }
  /** Enter: the question as read (by parseQuestion). */
  | { readonly type: 'ask-submit'; readonly question: Question }
  | { readonly type: 'show'; readonly view: RouteViewName }
  | { readonly type: 'toggle-view' }
  /**
   * The app's scroll position now: a pending reset takes it as the base, and a position
   * above the base (k, g) moves the base with it.
   */
  | { readonly type: 'rebase'; readonly scroll: number }
  | { readonly type: 'escape' }
  | { readonly type: 'message'; readonly message: string | null };

export function routeReducer(v: RouteView, action: RouteAction): RouteView {
  switch (action.type) {
    case 'ask-open':
      // The last question is offered: Enter asks it again, an edit key corrects it.
      return { ...v, line: openLine(v.line), refusal: null, message: null };
    case 'line':
      return { ...v, line: action.line, refusal: null };
    case 'ask-submit':
      if (action.question.kind === 'refused') return { ...v, refusal: action.question.reason };
      return {
        ...v,
        line: closeLine(v.line),
        refusal: null,
        query: action.question.query,
        asked: v.asked + 1,
        view: 'decision',
        reset: true,
        message: null,
      };
    case 'show':
      return v.view === action.view ? v : { ...v, view: action.view, reset: true };
    case 'toggle-view':
      return { ...v, view: v.view === 'decision' ? 'trace' : 'decision', reset: true };
    case 'rebase':
      if (v.reset) return { ...v, base: Math.max(0, action.scroll), reset: false };
      return action.scroll < v.base ? { ...v, base: Math.max(0, action.scroll) } : v;
    case 'escape':
      return v.message ? { ...v, message: null } : v;
    case 'message':
      return { ...v, message: action.message };
  }
}
