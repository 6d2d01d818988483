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
import { closeLine, openLine, questionLine, type QuestionLine } from '../../question/line.js';

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
  /** The question line: while open, keys are its text (digits and q too). */
  readonly line: QuestionLine;
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
  line: questionLine(QUESTION_TEXT_MAX),
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
  /** The question line after a key. */
  | { readonly type: 'line'; readonly line: QuestionLine }
  | { readonly type: 'ask-submit' }
  | { readonly type: 'pending'; readonly pending: PendingProbes | null }
  | { readonly type: 'message'; readonly message: string | null };

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
      // The last question is offered, so a refused one is corrected, not retyped.
      return { ...v, line: openLine(v.line), refusal: null, message: null, detail: false };
    case 'line':
      return { ...v, line: action.line, refusal: null };
    case 'ask-submit': {
      const answer = parseQuestion(v.line.text);
      // A refusal keeps the line open under its reason; a question closes it and is shown.
      if (answer.kind === 'refused') return { ...v, refusal: answer.reason };
      return {
        ...v,
        line: closeLine(v.line),
        refusal: null,
        question: answer.question,
        pending: null,
        selected: 0,
        detail: false,
      };
    }
    case 'pending':
      if (!action.pending && !v.pending) return v;
      return { ...v, pending: action.pending, message: null, detail: false };
    case 'message':
      return { ...v, message: action.message };
  }
}
