import { describe, expect, it } from 'vitest';
import { batchBudget, graceMs, GRACE_MAX_MS, GRACE_MIN_MS, isValidState } from './pacing.js';
import { parseIpNeigh } from '../../parse/ip-neigh.js';
import { fixture } from '../../../test/helpers/fixtures.js';

describe('batchBudget keeps the table under three quarters of gc_thresh3', () => {
  it.each([
    // gc_thresh3, live entries, addresses left, budget
    [1024, 0, 254, 254],
    [1024, 10, 4094, 758],
    [1024, 760, 4094, 0],
    [1024, 768, 100, 0],
    [128, 0, 4094, 96],
    [1024, 760, 5, 5],
    [16, 0, 100, 16],
  ])('thresh %i, %i live, %i left -> %i', (thresh, live, left, budget) => {
    expect(batchBudget(thresh, live, left)).toBe(budget);
  });

  it('counts what a sweep in flight leaves in the table (INCOMPLETE), not what has FAILED', () => {
    const sweeping = parseIpNeigh(fixture('neigh/ip-j-4-neigh-sweeping.json')).records;
    const failed = parseIpNeigh(fixture('neigh/ip-j-4-neigh-failed.json')).records;
    const live = (rs: typeof sweeping) => rs.filter((r) => !r.states.includes('FAILED')).length;
    expect(live(sweeping)).toBe(253);
    expect(live(failed)).toBe(8);
    expect(batchBudget(1024, live(sweeping), 4094)).toBe(515);
    expect(batchBudget(1024, live(failed), 4094)).toBe(760);
  });
});

describe('graceMs follows the slowest answer, within bounds', () => {
  it.each([
    [[], GRACE_MIN_MS],
    [[0.2, 1, 3], GRACE_MIN_MS],
    [[40, 100], 300],
    [[600], GRACE_MAX_MS],
  ])('%j -> %i', (rtts, expected) => {
    expect(graceMs(rtts)).toBe(expected);
  });
  it('takes --wait as given', () => {
    expect(graceMs([900], 50)).toBe(50);
  });
});

describe('isValidState: the states that carry an answer', () => {
  it.each([
    [['REACHABLE'], true],
    [['STALE'], true],
    [['DELAY'], true],
    [['PERMANENT'], true],
    [['INCOMPLETE'], false],
    [['FAILED'], false],
  ])('%j', (states, valid) => {
    expect(isValidState(states)).toBe(valid);
  });
});
