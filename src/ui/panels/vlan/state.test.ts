import { describe, expect, it } from 'vitest';
import type { AppView } from '../../panel-module.js';
import { vlanHost } from '../../../../test/fixtures/vlan/snapshots.js';
import {
  initialVlanView,
  MAKE_TEXT_MAX,
  vlanReducer,
  type VlanAction,
  type VlanView,
} from './state.js';
import { editLine } from '../../question/line.js';
import { keysOf } from '../../input/keys.js';

const app: AppView = {
  host: vlanHost('healthy'),
  origin: { kind: 'live' },
  loading: false,
  error: null,
  size: { columns: 80, rows: 24 },
};
const run = (v: VlanView, ...actions: VlanAction[]) =>
  actions.reduce((s, a) => vlanReducer(s, a, app), v);
/** Keys on the open question line, as the App gives them to it. */
const keys = (v: VlanView, chunk: string) =>
  keysOf(chunk).reduce((s, k) => run(s, { type: 'line', line: editLine(s.line, k).line }), v);

describe('the VLAN panel slice', () => {
  it('types only printable text, up to the limit', () => {
    const open = run(initialVlanView, { type: 'make-open' });
    expect(keys(open, 'x'.repeat(200)).line.text).toHaveLength(MAKE_TEXT_MAX);
  });

  it('keeps a refused question open to correct, and closes it on a plan', () => {
    let v = keys(run(initialVlanView, { type: 'make-open' }), 'eth1 5000');
    v = run(v, { type: 'make-submit', scroll: 0 });
    expect(v.line.open).toBe(true);
    expect(v.answer?.kind).toBe('refused');
    v = keys(v, '\u007f\u007f\u007f');
    expect(v.line.text).toBe('eth1 5');
    expect(v.answer).toBeNull();
    // Enter: the line keeps the question in its history, the App submits.
    v = run(keys(v, '\r'), { type: 'make-submit', scroll: 0 });
    expect(v.line.open).toBe(false);
    expect(v.answer?.kind).toBe('plan');
    // m again: the question asked is offered, to ask again or replace.
    expect(run(v, { type: 'make-open' }).line).toMatchObject({
      open: true,
      text: 'eth1 5',
      offered: true,
    });
  });

  it('opens a plan at its top and brings the report back where it was', () => {
    const asked = keys(run(initialVlanView, { type: 'make-open' }), 'eth1 5');
    // The report was at line 40; the plan opens there (base 40: shown from its line 0).
    let v = run(asked, { type: 'make-submit', scroll: 40 });
    expect(v).toMatchObject({ base: 40, reportAt: 40 });
    // Scrolled 12 lines into the plan, Esc: the report shows line 40 again.
    v = run(v, { type: 'plan-close', scroll: 52 });
    expect(v.answer).toBeNull();
    expect(52 - v.base).toBe(40);
    // g (scroll 0) pulls the base down with it, so the top is the top.
    expect(run(v, { type: 'rebase', scroll: 0 }).base).toBe(0);
    expect(run(v, { type: 'rebase', scroll: 60 })).toBe(v);
  });

  it('Esc clears a message and leaves the rest', () => {
    const v = run(initialVlanView, { type: 'message', message: 'hello' });
    expect(run(v, { type: 'escape' }).message).toBeNull();
    expect(run(initialVlanView, { type: 'escape' })).toBe(initialVlanView);
  });
});
