import { describe, expect, it } from 'vitest';
import type { AppView } from '../../panel-module.js';
import { doctorReducer, initialDoctorView, QUESTION_TEXT_MAX, type DoctorView } from './state.js';

const app = {} as AppView;
const run = (v: DoctorView, ...actions: Parameters<typeof doctorReducer>[1][]) =>
  actions.reduce((s, a) => doctorReducer(s, a, app), v);

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
    let v = run(initialDoctorView, { type: 'ask-open' }, { type: 'ask-type', input: '10.0.0.x' });
    v = run(v, { type: 'ask-submit' });
    expect(v.editing).toBe(true);
    expect(v.refusal).toMatch(/not an IP address/);
    v = run(v, { type: 'ask-erase' }, { type: 'ask-type', input: '1' }, { type: 'ask-submit' });
    expect(v).toMatchObject({ editing: false, question: { to: '10.0.0.1', from: null } });
    // Esc steps back: a message, then the question (the host as a whole).
    v = run(v, { type: 'message', message: 'hi' }, { type: 'escape' });
    expect(v).toMatchObject({ message: null, question: { to: '10.0.0.1' } });
    expect(run(v, { type: 'escape' }).question).toBeNull();
  });

  it('takes printable characters only, up to the maximum', () => {
    const v = run(
      initialDoctorView,
      { type: 'ask-open' },
      { type: 'ask-type', input: '1\u001b[2J0' },
      { type: 'ask-type', input: '9'.repeat(200) },
    );
    expect(v.text.startsWith('1[2J0')).toBe(true);
    expect([...v.text]).toHaveLength(QUESTION_TEXT_MAX);
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
