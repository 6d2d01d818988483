import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editLine } from '../../question/line.js';
import { keysOf } from '../../input/keys.js';
import { parsePlan } from '../../../plan/parse.js';
import { initialPlanView, planReducer, type PlanAction, type PlanView } from './state.js';

const plan = parsePlan(readFileSync('examples/plans/three-vpcs.yaml', 'utf8'), 'p.yaml');
const twoNets = parsePlan(
  'networks: {a: 10.0.1.0/24, b: 10.0.2.0/24}\nrouters:\n  r: {interfaces: {a: 10.0.1.1, b: 10.0.2.1}}\n',
  'two.yaml',
);
const run = (v: PlanView, ...actions: PlanAction[]) => actions.reduce(planReducer, v);
const move = (rows: number, cols: number): PlanAction => ({ type: 'move', rows, cols });

describe('the Plan panel slice', () => {
  it('opens on the first pair off the diagonal', () => {
    const v = run(initialPlanView, { type: 'loaded', plan });
    expect([v.row, v.col]).toEqual([0, 1]);
  });

  it('steps over the diagonal, and at an edge trades row and column', () => {
    const v = run(initialPlanView, { type: 'loaded', plan });
    expect(run(v, move(1, 0))).toMatchObject({ row: 2, col: 1 });
    expect(run(v, move(-1, 0))).toBe(v);
    expect(run(v, move(0, 5))).toMatchObject({ row: 0, col: 3 });
    expect(run(v, move(0, -1))).toMatchObject({ row: 1, col: 0 });
  });

  it('in a 2x2 matrix reaches the other pair by trading places at the edge', () => {
    const v = run(initialPlanView, { type: 'loaded', plan: twoNets });
    expect(run(v, move(1, 0))).toMatchObject({ row: 1, col: 0 });
    expect(run(v, move(1, 0), move(0, 1))).toMatchObject({ row: 0, col: 1 });
  });

  it('keeps the question line open with its path when a file fails', () => {
    const opened = run(initialPlanView, { type: 'open' });
    const line = keysOf('plan7q.yaml\r').reduce((l, k) => editLine(l, k).line, opened.line);
    const v = run(
      opened,
      { type: 'line', line },
      { type: 'reading' },
      { type: 'read-failed', error: 'plan7q.yaml:3:5: expected ...' },
    );
    expect(v).toMatchObject({
      line: { open: true, text: 'plan7q.yaml' },
      reading: false,
      pathError: 'plan7q.yaml:3:5: expected ...',
    });
    expect(run(v, { type: 'loaded', plan })).toMatchObject({
      line: { open: false },
      pathError: null,
    });
  });

  it('Esc drops the --prove question first, then the message', () => {
    const asked = run(initialPlanView, {
      type: 'ask',
      ask: { namespaces: 1, pairs: 1, seconds: 1 },
    });
    expect(run(asked, { type: 'escape' }).ask).toBeNull();
    const told = run(initialPlanView, { type: 'message', message: 'hi' });
    expect(run(told, { type: 'escape' }).message).toBeNull();
  });
});
