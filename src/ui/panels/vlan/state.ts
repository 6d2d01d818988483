/**
 * The VLAN panel's slice: the "make one" question line (its text, whether keys go to it,
 * its answer) and the last thing to tell the person. Pure; the live rates are a job.
 */
import type { AppView } from '../../panel-module.js';
import { answerMake, type MakeAnswer } from './make.js';
import { closeLine, openLine, questionLine, type QuestionLine } from '../../question/line.js';

/** Longer questions are not questions: the line stops taking characters here. */
export const MAKE_TEXT_MAX = 64;

export interface VlanView {
  /** The "make one" question line: while open, keys are its text (digits are not panels). */
  readonly line: QuestionLine;
  /** The answer to the last Enter: a plan shown in place of the report, or a refusal. */
  readonly answer: MakeAnswer | null;
  /**
   * Subtracted from the app's scroll position (the global keys move it) for what is shown,
   * so a plan opens at its top wherever the report was, and Esc brings the report back
   * where it was left. Kept between 0 and that position (see `rebase`), so g is the top.
   */
  readonly base: number;
  /** The report's first line when the plan opened. */
  readonly reportAt: number;
  readonly message: string | null;
}

export const initialVlanView: VlanView = {
  line: questionLine(MAKE_TEXT_MAX),
  answer: null,
  base: 0,
  reportAt: 0,
  message: null,
};

export type VlanAction =
  | { readonly type: 'make-open' }
  /** The question line after a key. */
  | { readonly type: 'line'; readonly line: QuestionLine }
  | { readonly type: 'make-submit'; readonly scroll: number }
  | { readonly type: 'plan-close'; readonly scroll: number }
  /** The app's scroll position went above the base (k, g): the base follows it. */
  | { readonly type: 'rebase'; readonly scroll: number }
  | { readonly type: 'escape' }
  | { readonly type: 'message'; readonly message: string | null };

export function vlanReducer(v: VlanView, action: VlanAction, app: AppView): VlanView {
  switch (action.type) {
    case 'make-open':
      // The last question is offered, so a refused one is corrected rather than typed again.
      return { ...v, line: openLine(v.line), answer: null, message: null };
    case 'line':
      return { ...v, line: action.line, answer: null };
    case 'make-submit': {
      const answer = answerMake(v.line.text, app.host, app.origin);
      // A refusal keeps the line open under its reason; a plan closes it and is shown.
      if (answer.kind === 'refused') return { ...v, answer };
      return {
        ...v,
        line: closeLine(v.line),
        answer,
        base: action.scroll,
        reportAt: Math.max(0, action.scroll - v.base),
      };
    }
    case 'plan-close':
      if (v.answer?.kind !== 'plan') return v;
      return { ...v, answer: null, base: Math.max(0, action.scroll - v.reportAt) };
    case 'rebase':
      return action.scroll < v.base ? { ...v, base: Math.max(0, action.scroll) } : v;
    case 'escape':
      // Closing a plan needs the scroll position: the component sends plan-close for it.
      return v.message ? { ...v, message: null } : v;
    case 'message':
      return { ...v, message: action.message };
  }
}
