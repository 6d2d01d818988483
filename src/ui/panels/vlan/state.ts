/**
 * The VLAN panel's slice: the "make one" question line (its text, whether keys go to it,
 * its answer) and the last thing to tell the person. Pure; the live rates are a job.
 */
import type { AppView } from '../../panel-module.js';
import { answerMake, type MakeAnswer } from './make.js';

/** Longer questions are not questions: the line stops taking characters here. */
export const MAKE_TEXT_MAX = 64;

export interface VlanView {
  /** Keys are text for the question line, not commands (digits do not switch panels). */
  readonly editing: boolean;
  readonly text: string;
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
  editing: false,
  text: '',
  answer: null,
  base: 0,
  reportAt: 0,
  message: null,
};

export type VlanAction =
  | { readonly type: 'make-open' }
  /** Characters typed (or pasted) on the question line. */
  | { readonly type: 'make-type'; readonly input: string }
  | { readonly type: 'make-erase' }
  | { readonly type: 'make-submit'; readonly scroll: number }
  | { readonly type: 'plan-close'; readonly scroll: number }
  /** The app's scroll position went above the base (k, g): the base follows it. */
  | { readonly type: 'rebase'; readonly scroll: number }
  | { readonly type: 'make-cancel' }
  | { readonly type: 'escape' }
  | { readonly type: 'message'; readonly message: string | null };

/** What typing may add: printable characters only (no escapes from a paste), up to the max. */
export function typed(text: string, input: string): string {
  return (text + input.replace(/\p{C}/gu, '')).slice(0, MAKE_TEXT_MAX);
}

export function vlanReducer(v: VlanView, action: VlanAction, app: AppView): VlanView {
  switch (action.type) {
    case 'make-open':
      // The last question stays, so a refused one is corrected rather than typed again.
      return { ...v, editing: true, answer: null, message: null };
    case 'make-type':
      return { ...v, text: typed(v.text, action.input), answer: null };
    case 'make-erase':
      return { ...v, text: [...v.text].slice(0, -1).join(''), answer: null };
    case 'make-submit': {
      const answer = answerMake(v.text, app.host, app.origin);
      // A refusal keeps the line open under its reason; a plan closes it and is shown.
      if (answer.kind === 'refused') return { ...v, answer };
      return {
        ...v,
        editing: false,
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
    case 'make-cancel':
      return { ...v, editing: false, answer: null };
    case 'escape':
      // Closing a plan needs the scroll position: the component sends plan-close for it.
      return v.message ? { ...v, message: null } : v;
    case 'message':
      return { ...v, message: action.message };
  }
}
