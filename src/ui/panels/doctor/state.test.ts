import { describe, expect, it } from 'vitest';
import type { AppView } from '../../panel-module.js';
import {
  doctorReducer,
  initialDoctorView,
  QUESTION_TEXT_MAX,
  type DoctorAction,
  type DoctorView,
} from './state.js';
import { editLine } from '../../question/line.js';
import { keysOf } from '../../input/keys.js';

const app = {} as AppView;
const run = (v: DoctorView, ...actions: DoctorAction[]) =>
  actions.reduce((s, a) => doctorReducer(s, a, app), v);
/** Keys on the open question line, as the App gives them to it. */
const keys = (v: DoctorView, chunk: string) =>
  keysOf(chunk).reduce((s, k) => run(s, { type: 'line', line: editLine(s.line, k).line }), v);

describe('doctorReducer', () => {
  it('moves the selection within the list, and the scroll within an opened finding', () => {
    const v = run(initialDoctorView, { type: 'move', by: 5, max: 3 });
    expect(v.selected).toBe(3);
    expect(run(v, { type: 'move', by: -10, max: 3 }).selected).toBe(0);
    const opened = run(v, { type: 'open' }, { type: 'move', by: 4, max: 10 });
    expect(opened).toMatchObject({ detail: true, selected: 3, detailScroll: 4 });
    expect(run(opened, { type: 'edge', to: 'bottom', max: 10 }).detailScroll).toBe(10);
    expect(run(opened, { type: 'escape' })).toMatchObject({ detail: false, selected: 3 });
  });

  it('asks a question: typed text, a refusal keeps the line open, a question closes it', () => {
    let v = keys(run(initialDoctorView, { type: 'ask-open' }), '10.0.0.x');
    v = run(v, { type: 'ask-submit' });
    expect(v.line.open).toBe(true);
    expect(v.refusal).toMatch(/not an IP address/);
    v = run(keys(v, '\u007f1'), { type: 'ask-submit' });
    expect(v).toMatchObject({ line: { open: false }, question: { to: '10.0.0.1', from: null } });
    // Esc steps back: a message, then the question (the host as a whole).
    v = run(v, { type: 'message', message: 'hi' }, { type: 'escape' });
    expect(v).toMatchObject({ message: null, question: { to: '10.0.0.1' } });
    expect(run(v, { type: 'escape' }).question).toBeNull();
  });

  it('takes printable characters only, up to the maximum', () => {
    const v = keys(run(initialDoctorView, { type: 'ask-open' }), `1\u001b[2J0${'9'.repeat(200)}`);
    expect(v.line.text.startsWith('109')).toBe(true);
    expect([...v.line.text]).toHaveLength(QUESTION_TEXT_MAX);
  });

  it('n or Esc drops the probes shown; Enter does not open a finding under them', () => {
    const pending = {
      question: { to: '10.0.0.1', from: null },
      plan: { probes: [], skipped: [] },
      arping: null,
    };
    const v = run(initialDoctorView, { type: 'pending', pending }, { type: 'open' });
    expect(v).toMatchObject({ detail: false, pending });
    expect(run(v, { type: 'escape' }).pending).toBeNull();
    expect(run(v, { type: 'pending', pending: null }).pending).toBeNull();
    expect(run(initialDoctorView, { type: 'pending', pending: null })).toBe(initialDoctorView);
  });
});
