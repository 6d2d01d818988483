/**
 * The question line every panel asks with (Route's `/`, Doctor's `/`, VLAN's `m`, Plan's `o`,
 * Discover's filter): one editing model, pure, a key in and the line (and what the panel
 * must do: submit, cancel) out. Readline's habits: Ctrl-A/E and Home/End, Left/Right,
 * Backspace and Delete, Ctrl-U/K/W, Up/Down through the panel's own questions. The last
 * question is offered when the line opens: Enter asks it again, typing replaces it, an
 * editing key (Right, End, Backspace...) takes it for editing. A paste is text, its newlines
 * spaces. Positions count graphemes, so an emoji or an accented letter moves as one.
 */
import { graphemes } from '../../text/width.js';
import type { KeyPress } from '../input/keys.js';

export interface QuestionLine {
  readonly open: boolean;
  readonly text: string;
  /** Where the next character goes, in graphemes from the start. */
  readonly cursor: number;
  /** The text is the last question, offered: typing replaces it, an editing key takes it. */
  readonly offered: boolean;
  /** Questions asked on this line, oldest first (the same one twice in a row kept once). */
  readonly history: readonly string[];
  /** While Up/Down walk the history: the entry shown; null: the line being typed. */
  readonly recall: number | null;
  /** The line as typed before Up went into the history, given back by Down. */
  readonly draft: string;
  /** Longer text is not a question: the line stops taking characters here (graphemes). */
  readonly max: number;
}

export type LineEffect = 'submit' | 'cancel' | null;

export interface LineStep {
  readonly line: QuestionLine;
  readonly effect: LineEffect;
}

/** What the keys do on a question line, for the help (kept beside what they do). */
export const LINE_KEYS: readonly (readonly [keys: string, help: string])[] = [
  ['enter', 'ask (on the last question offered: ask it again)'],
  ['escape', 'close the line'],
  ['←/→ home/end', 'move (ctrl+a, ctrl+e, ctrl+b, ctrl+f too)'],
  ['backspace/del', 'erase a character'],
  ['ctrl+u/k/w', 'erase before the cursor / after it / the word before'],
  ['↑/↓', 'the questions asked before on this panel'],
  ['ctrl+c', 'quit'],
];

/** Questions kept per line. */
export const HISTORY_MAX = 50;

export function questionLine(max: number): QuestionLine {
  return {
    open: false,
    text: '',
    cursor: 0,
    offered: false,
    history: [],
    recall: null,
    draft: '',
    max,
  };
}

/** Opens the line offering the last question (or empty when there is none). */
export function openLine(l: QuestionLine): QuestionLine {
  const last = l.history.at(-1);
  const text = last ?? '';
  return {
    ...l,
    open: true,
    text,
    cursor: graphemes(text).length,
    offered: last !== undefined,
    recall: last === undefined ? null : l.history.length - 1,
    draft: '',
  };
}

/** Closes the line (the text is dropped: the history keeps what was asked). */
export function closeLine(l: QuestionLine): QuestionLine {
  return { ...l, open: false, text: '', cursor: 0, offered: false, recall: null, draft: '' };
}

// Controls (a paste's tab, escape bytes) and the Unicode controls that reorder text are not
// typed; zero-width joiners are, so a family emoji stays one.
// eslint-disable-next-line no-control-regex
const UNTYPED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text as a line takes it: a paste's line breaks and tabs are spaces, other controls gone. */
export function typeable(text: string): string {
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(UNTYPED, '');
}

const set = (l: QuestionLine, parts: readonly string[], cursor: number): QuestionLine => ({
  ...l,
  text: parts.join(''),
  cursor: Math.max(0, Math.min(cursor, parts.length)),
  offered: false,
  recall: null,
});

/** The start of the word before the cursor, as readline's Ctrl-W finds it (spaces bound it). */
function wordStart(parts: readonly string[], cursor: number): number {
  let i = cursor;
  while (i > 0 && parts[i - 1] === ' ') i -= 1;
  while (i > 0 && parts[i - 1] !== ' ') i -= 1;
  return i;
}

function recall(l: QuestionLine, at: number | null): QuestionLine {
  const text = at === null ? l.draft : (l.history[at] ?? '');
  return { ...l, text, cursor: graphemes(text).length, offered: false, recall: at };
}

function insert(l: QuestionLine, typed: string): QuestionLine {
  const add = graphemes(typeable(typed));
  if (add.length === 0) return l;
  // The offered question goes when typing starts: the new text replaces it.
  const base = l.offered ? [] : graphemes(l.text);
  const cursor = l.offered ? 0 : l.cursor;
  const room = Math.max(0, l.max - base.length);
  const taken = add.slice(0, room);
  return set(l, [...base.slice(0, cursor), ...taken, ...base.slice(cursor)], cursor + taken.length);
}

/** One key on an open line. Keys that mean nothing here (Tab, PgUp) change nothing. */
export function editLine(l: QuestionLine, key: KeyPress): LineStep {
  const same: LineStep = { line: l, effect: null };
  if (!l.open) return same;
  const parts = graphemes(l.text);
  const at = l.cursor;
  const step = (line: QuestionLine): LineStep => ({ line, effect: null });
  switch (key.name) {
    case 'enter': {
      const asked = l.text.trim();
      const history =
        asked && l.history.at(-1) !== asked ? [...l.history, asked].slice(-HISTORY_MAX) : l.history;
      return { line: { ...l, history, offered: false, recall: null, draft: '' }, effect: 'submit' };
    }
    case 'escape':
      return { line: closeLine(l), effect: 'cancel' };
    case 'backspace':
    case 'ctrl+h':
      return at === 0
        ? step({ ...l, offered: false })
        : step(set(l, [...parts.slice(0, at - 1), ...parts.slice(at)], at - 1));
    case 'delete':
    case 'ctrl+d':
      return step(set(l, [...parts.slice(0, at), ...parts.slice(at + 1)], at));
    case 'left':
    case 'ctrl+b':
      return step(set(l, parts, at - 1));
    case 'right':
    case 'ctrl+f':
      return step(set(l, parts, at + 1));
    case 'home':
    case 'ctrl+a':
      return step(set(l, parts, 0));
    case 'end':
    case 'ctrl+e':
      return step(set(l, parts, parts.length));
    case 'ctrl+u':
      return step(set(l, parts.slice(at), 0));
    case 'ctrl+k':
      return step(set(l, parts.slice(0, at), at));
    case 'ctrl+w':
    case 'meta+backspace': {
      const from = wordStart(parts, at);
      return step(set(l, [...parts.slice(0, from), ...parts.slice(at)], from));
    }
    case 'up': {
      if (l.history.length === 0) return same;
      if (l.recall === null) return step(recall({ ...l, draft: l.text }, l.history.length - 1));
      return step(recall(l, Math.max(0, l.recall - 1)));
    }
    case 'down': {
      if (l.recall === null) return same;
      const later = l.recall + 1;
      return step(recall(l, later < l.history.length ? later : null));
    }
    default:
      return key.text ? step(insert(l, key.text)) : same;
  }
}
