import { describe, expect, it } from 'vitest';
import { keysOf, type KeyPress } from '../input/keys.js';
import {
  closeLine,
  editLine,
  openLine,
  questionLine,
  type LineEffect,
  type QuestionLine,
} from './line.js';
import { promptLine } from './view.js';

/** Every key of the chunks, in order: the line and the effects they gave. */
function typed(
  l: QuestionLine,
  ...chunks: string[]
): { line: QuestionLine; effects: LineEffect[] } {
  const effects: LineEffect[] = [];
  let line = l;
  for (const k of chunks.flatMap((c) => keysOf(c))) {
    const step = editLine(line, k);
    line = step.line;
    if (step.effect) effects.push(step.effect);
  }
  return { line, effects };
}

const fresh = () => openLine(questionLine(96));
const asked = (...questions: string[]) =>
  questions.reduce((l, q) => closeLine(typed(openLine(l), q, '\r').line), questionLine(96));
const key = (name: string): KeyPress => ({ name, text: '' });

describe('the question line', () => {
  it('takes text and Enter from one chunk: the Enter submits', () => {
    const { line, effects } = typed(fresh(), '8.8.8.8\r');
    expect(line.text).toBe('8.8.8.8');
    expect(effects).toEqual(['submit']);
    expect(line.history).toEqual(['8.8.8.8']);
  });

  it('erases one character per DEL, thirty in one chunk', () => {
    const { line } = typed(fresh(), 'x'.repeat(40), '\u007f'.repeat(30));
    expect(line.text).toBe('x'.repeat(10));
    expect(typed(fresh(), 'ab', '\b').line.text).toBe('a');
  });

  it('moves and edits like readline: Left/Right, Home/End, Ctrl-A/E, Delete', () => {
    const at = typed(fresh(), '203.0.113.7', '\u001b[H', '1', '\u001b[F', '9').line;
    expect(at.text).toBe('1203.0.113.79');
    const mid = typed(
      fresh(),
      'abcd',
      '\u001b[D\u001b[D',
      'X',
      '\u0001\u001b[3~',
      '\u0005',
      '!',
    ).line;
    expect(mid.text).toBe('bXcd!');
    expect(typed(fresh(), 'ab\u001b[C\u001b[C\u001b[Dz').line.text).toBe('azb');
  });

  it('Ctrl-U clears before the cursor, Ctrl-K after it, Ctrl-W the word before it', () => {
    expect(typed(fresh(), '10.0.0.1 from 10.0.0.2', '\u0015').line.text).toBe('');
    expect(typed(fresh(), 'abc def', '\u001b[D\u001b[D\u001b[D', '\u0015').line.text).toBe('def');
    expect(typed(fresh(), 'abc def', '\u001b[D\u001b[D\u001b[D', '\u000b').line.text).toBe('abc ');
    expect(typed(fresh(), '1.1.1.1 from 10.0.0.2  ', '\u0017').line.text).toBe('1.1.1.1 from ');
    expect(typed(fresh(), '1.1.1.1 from', '\u001b\u007f').line.text).toBe('1.1.1.1 ');
  });

  it('offers the last question: Enter asks it again, typing replaces it', () => {
    const before = asked('8.8.8.8');
    const offered = openLine(before);
    expect(offered).toMatchObject({ text: '8.8.8.8', offered: true });
    const again = typed(offered, '\r');
    expect(again.effects).toEqual(['submit']);
    expect(again.line.text).toBe('8.8.8.8');
    expect(again.line.history).toEqual(['8.8.8.8']);
    expect(typed(openLine(before), '1.1.1.1').line.text).toBe('1.1.1.1');
    expect(typed(openLine(before), '\u001b[200~9.9.9.9\u001b[201~').line.text).toBe('9.9.9.9');
  });

  it('an editing key takes the offered question for editing', () => {
    const before = asked('8.8.8.8');
    expect(typed(openLine(before), '\u001b[F', ' from 10.0.0.2').line.text).toBe(
      '8.8.8.8 from 10.0.0.2',
    );
    expect(typed(openLine(before), '\u001b[D', '9').line.text).toBe('8.8.8.98');
    expect(typed(openLine(before), '\u007f').line.text).toBe('8.8.8.');
    expect(typed(openLine(before), '\u0001', '1').line.text).toBe('18.8.8.8');
  });

  it('walks the questions asked with Up and Down, and comes back to what was typed', () => {
    const before = asked('1.1.1.1', '2.2.2.2', '3.3.3.3');
    let l = typed(openLine(before), 'x').line;
    expect(l.text).toBe('x');
    l = typed(l, '\u001b[A').line;
    expect(l.text).toBe('3.3.3.3');
    l = typed(l, '\u001b[A\u001b[A\u001b[A').line;
    expect(l.text).toBe('1.1.1.1');
    l = typed(l, '\u001b[B').line;
    expect(l.text).toBe('2.2.2.2');
    l = typed(l, '\u001b[B\u001b[B').line;
    expect(l.text).toBe('x');
    // From the offered question, Up goes to the one before it.
    expect(typed(openLine(before), '\u001b[A').line.text).toBe('2.2.2.2');
  });

  it('takes a paste as text: its newlines are spaces and do not submit', () => {
    const { line, effects } = typed(fresh(), '\u001b[200~203.0.113.7\nfrom\t10.0.0.2\u001b[201~');
    expect(line.text).toBe('203.0.113.7 from 10.0.0.2');
    expect(effects).toEqual([]);
  });

  it('Esc cancels and closes; keys on a closed line change nothing', () => {
    const { line, effects } = typed(fresh(), 'abc\u001b');
    expect(effects).toEqual(['cancel']);
    expect(line.open).toBe(false);
    expect(editLine(line, key('a')).line).toBe(line);
  });

  it('stops at its length and moves over an emoji as one character', () => {
    expect(typed(openLine(questionLine(5)), 'abcdefgh').line.text).toBe('abcde');
    const l = typed(fresh(), 'a👨‍👩‍👧b', '\u001b[D\u001b[D\u007f').line;
    expect(l.text).toBe('👨‍👩‍👧b');
  });
});

describe('promptLine', () => {
  it('draws the cursor where it is, and keeps it in sight on a long line', () => {
    const l = typed(fresh(), 'abcd\u001b[D\u001b[D').line;
    expect(promptLine('q> ', l, '  Enter', 80)).toBe('q> ab▏cd  Enter');
    const long = typed(fresh(), '東'.repeat(60)).line;
    const shown = promptLine('route to> ', long, '  Enter: answer', 80);
    expect(shown).toContain('東▏');
    expect(shown.startsWith('route to> …')).toBe(true);
  });

  it('says what Enter does on an offered question', () => {
    expect(promptLine('q> ', openLine(asked('8.8.8.8')), '  Enter', 80)).toContain(
      '8.8.8.8▏  Enter: ask again  type: replace',
    );
  });
});
