/**
 * The Doctor panel's slice: the list's selection, an opened finding and where it is
 * scrolled, the question line (its text, whether keys go to it, its refusal), the question
 * asked, the probes shown and waiting for `y`, and the last thing to tell the person. Pure;
 * the probes themselves are a job.
 */
import type { AppView } from '../../panel-module.js';
import type { ArpingFlavour } from '../../../parse/tool-versions.js';
import type { ProbePlan } from '../../../probes/doctor/plan.js';
import { parseQuestion, type Question } from './question.js';

/** Longer questions are not questions: the line stops taking characters here. */
export const QUESTION_TEXT_MAX = 80;

/** The plan shown to the person, waiting for `y`. */
export interface PendingProbes {
  readonly question: Question;
  readonly plan: ProbePlan;
  readonly arping: ArpingFlavour | null;
}

export interface DoctorView {
  /** The selected finding in the list. */
  readonly selected: number;
  /** The selected finding opened (why, evidence, fix) instead of the list. */
  readonly detail: boolean;
  readonly detailScroll: number;
  /** Keys are text for the question line, not commands (digits and q are text). */
  readonly editing: boolean;
  readonly text: string;
  readonly refusal: string | null;
  /** The path asked (`doctor --to`); null: the host as a whole. */
  readonly question: Question | null;
  /** Probes planned and shown, sent on `y`. */
  readonly pending: PendingProbes | null;
  readonly message: string | null;
}

export const initialDoctorView: DoctorView = {
  selected: 0,
  detail: false,
  detailScroll: 0,
  editing: false,
  text: '',
  refusal: null,
  question: null,
  pending: null,
  message: null,
};

export type DoctorAction =
  /** Up/down: the selection in the list, the scroll of an opened finding. `max` is the last index. */
  | { readonly type: 'move'; readonly by: number; readonly max: number }
  | { readonly type: 'edge'; readonly to: 'top' | 'bottom'; readonly max: number }
  | { readonly type: 'open' }
  | { readonly type: 'escape' }
  | { readonly type: 'ask-open' }
  /** Characters typed (or pasted) on the question line. */
  | { readonly type: 'ask-type'; readonly input: string }
  | { readonly type: 'ask-erase' }
  | { readonly type: 'ask-submit' }
  | { readonly type: 'ask-cancel' }
  | { readonly type: 'pending'; readonly pending: PendingProbes | null }
  | { readonly type: 'message'; readonly message: string | null };

/** What typing may add: printable characters only (no escapes from a paste), up to the max. */
export function typed(text: string, input: string): string {
  return [...(text + input.replace(/\p{C}/gu, ''))].slice(0, QUESTION_TEXT_MAX).join('');
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, Math.max(0, max)));

export function doctorReducer(v: DoctorView, action: DoctorAction, _app: AppView): DoctorView {
  switch (action.type) {
    case 'move':
      return v.detail
        ? { ...v, detailScroll: clamp(v.detailScroll + action.by, action.max) }
        : { ...v, selected: clamp(v.selected + action.by, action.max) };
    case 'edge': {
      const at = action.to === 'top' ? 0 : action.max;
      return v.detail
        ? { ...v, detailScroll: clamp(at, action.max) }
        : { ...v, selected: clamp(at, action.max) };
    }
    case 'open':
      return v.detail || v.pending ? v : { ...v, detail: true, detailScroll: 0, message: null };
    case 'escape':
      // One step back at a time: the finding, the probes shown, a message, the question.
      if (v.detail) return { ...v, detail: false };
      if (v.pending) return { ...v, pending: null };
      if (v.message) return { ...v, message: null };
      if (v.question) return { ...v, question: null, selected: 0 };
      return v;
    case 'ask-open':
      // The last question stays on the line, so a refused one is corrected, not retyped.
      return { ...v, editing: true, refusal: null, message: null, detail: false };
    case 'ask-type':
      return { ...v, text: typed(v.text, action.input), refusal: null };
    case 'ask-erase':
      return { ...v, text: [...v.text].slice(0, -1).join(''), refusal: null };
    case 'ask-submit': {
      const answer = parseQuestion(v.text);
      // A refusal keeps the line open under its reason; a question closes it and is shown.
      if (answer.kind === 'refused') return { ...v, refusal: answer.reason };
      return {
        ...v,
        editing: false,
        refusal: null,
        question: answer.question,
        pending: null,
        selected: 0,
        detail: false,
      };
    }
    case 'ask-cancel':
      return { ...v, editing: false, refusal: null };
    case 'pending':
      if (!action.pending && !v.pending) return v;
      return { ...v, pending: action.pending, message: null, detail: false };
    case 'message':
      return { ...v, message: action.message };
  }
}
