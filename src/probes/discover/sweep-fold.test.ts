/** The sweep's fold alone: inputs in, state and actions out, on numbers the test chooses. */
import { describe, expect, it } from 'vitest';
import { parsePrefix4 } from '../../net/prefix.js';
import {
  ASK_AGAIN_MAX,
  beginBatch,
  foldSweep,
  initialSweep,
  nextDeadline,
  type SweepAction,
  type SweepConfig,
  type SweepInput,
  type SweepState,
} from './sweep-fold.js';

const config: SweepConfig = {
  iface: 'lan0',
  prefix: parsePrefix4('198.18.0.0/24')!,
  waitMs: undefined,
  retransMs: 1000,
  canAskAgain: true,
};

/** Folds inputs in order; the actions of all of them. */
function run(s: SweepState, inputs: readonly SweepInput[]) {
  const actions: SweepAction[] = [];
  for (const input of inputs) {
    const step = foldSweep(s, input);
    s = step.state;
    actions.push(...step.actions);
  }
  return { state: s, actions };
}

const asked = (n: number, at = 0): SweepInput[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'asked', ip: `198.18.0.${i + 2}`, at }));
const answer = (ip: string, at: number, state: string | null = 'REACHABLE'): SweepInput => ({
  type: 'answer',
  ip,
  mac: '02:00:00:00:00:02',
  state,
  at,
  epoch: 1_000_000 + at,
});
const entry2 = (state: string) => ({
  family: 'inet' as const,
  dst: '198.18.0.2',
  dev: 'lan0',
  lladdr: '02:00:00:00:00:02',
  states: [state],
  router: false,
});

/** The sighting action for 198.18.0.2, answered to our sweep. */
const sightingOf2 = (
  s: { rttMs: number | null; at: number; state: string | null },
  via: 'sweep' | 'table' = 'sweep',
): SweepAction => ({
  type: 'sighting',
  sighting: { iface: 'lan0', ip: '198.18.0.2', mac: '02:00:00:00:00:02', via, ...s },
});

describe('foldSweep', () => {
  it('an answer is a sighting with its RTT, once; the batch is done when all answered', () => {
    const s0 = beginBatch(initialSweep(config));
    const { state, actions } = run(s0, [
      ...asked(1, 10),
      { type: 'sent', at: 10 },
      answer('198.18.0.2', 13.5),
      answer('198.18.0.2', 14),
    ]);
    expect(actions).toEqual([
      sightingOf2({ rttMs: 3.5, at: 1_000_013.5, state: 'REACHABLE' }),
      { type: 'batch-done' },
    ]);
    expect(state.slowestRttMs).toBe(3.5);
    // The state before is left as it was.
    expect(s0.seen.size).toBe(0);
  });

  it('after the grace (3 x the slowest RTT, 250 ms at least) asks the unanswered again, then ends when they are back', () => {
    const s = run(beginBatch(initialSweep(config)), [
      ...asked(3),
      { type: 'sent', at: 0 },
      answer('198.18.0.2', 4),
    ]).state;
    // First the batch's answers are in (50 ms after its last ask): its lost frames are read.
    expect(nextDeadline(s)).toBe(50);
    const read = run(s, [{ type: 'tick', at: 50 }]);
    expect(read.actions).toEqual([{ type: 'read-drops' }]);
    const counted = run(read.state, [{ type: 'drops', lost: 0, at: 51 }]).state;
    expect(nextDeadline(counted)).toBe(254);
    expect(run(counted, [{ type: 'tick', at: 253 }]).actions).toEqual([]);
    const retry = run(counted, [{ type: 'tick', at: 254 }]);
    expect(retry.actions).toEqual([
      { type: 'ask-again', ips: ['198.18.0.3', '198.18.0.4'], windowMs: 250 },
    ]);
    const back = run(retry.state, [
      { type: 'asked-again', ip: '198.18.0.3', macs: [], at: 504, epoch: 1 },
    ]);
    expect(back.actions).toEqual([]);
    const done = run(back.state, [
      { type: 'asked-again', ip: '198.18.0.4', macs: ['02:00:00:00:00:04'], at: 505, epoch: 2 },
    ]);
    expect(done.actions.map((a) => a.type)).toEqual(['sighting', 'batch-done']);
    expect(done.actions[0]).toMatchObject({ sighting: { via: 'arping', rttMs: null } });
  });

  it('too many to ask again: reads the drops, and waits for the kernel only when frames were lost', () => {
    const many = ASK_AGAIN_MAX + 1;
    const s = run(beginBatch(initialSweep(config)), [
      ...asked(many, 5),
      { type: 'sent', at: 40 },
    ]).state;
    // Read once the answers are in; decided on once the grace has passed.
    const read = run(s, [{ type: 'tick', at: 90 }]);
    expect(read.actions).toEqual([{ type: 'read-drops' }]);
    const none = run(read.state, [{ type: 'drops', lost: 0, at: 91 }]);
    expect(none.actions).toEqual([]);
    expect(run(none.state, [{ type: 'tick', at: 290 }]).actions).toEqual([{ type: 'batch-done' }]);
    // Frames lost after the answers were in do not count: the read was taken at 90.
    const lost = run(read.state, [
      { type: 'drops', lost: 12, at: 91 },
      { type: 'tick', at: 290 },
    ]);
    expect(lost.actions).toEqual([]);
    // The kernel asks again 1 s after its first ask (at 5), and a margin for the answer.
    expect(nextDeadline(lost.state)).toBe(5 + 1000 + 100);
    expect(run(lost.state, [{ type: 'tick', at: 1105 }]).actions).toEqual([{ type: 'batch-done' }]);
    expect(lost.state.lostFrames).toBe(12);
  });

  it("when arping turns out unable, what it was to ask goes to the kernel's retry", () => {
    const s = run(beginBatch(initialSweep(config)), [...asked(2), { type: 'sent', at: 0 }]).state;
    const retry = run(s, [{ type: 'tick', at: 250 }]);
    expect(retry.actions.map((a) => a.type)).toEqual(['read-drops', 'ask-again']);
    // The drops read is still out: the decision waits for it.
    const cannot = run(retry.state, [{ type: 'cannot-ask-again', at: 260 }]);
    expect(cannot.actions).toEqual([]);
    expect(cannot.state.config.canAskAgain).toBe(false);
    const lost = run(cannot.state, [{ type: 'drops', lost: 3, at: 261 }]);
    expect(lost.state.batch?.retry).toEqual({ by: 'kernel', until: 1100 });
  });

  it('a table read counts entries nobody announced, inside the prefix only', () => {
    const s = run(beginBatch(initialSweep(config)), [...asked(1), { type: 'sent', at: 0 }]).state;
    const { actions } = run(s, [
      {
        type: 'table',
        epoch: 7,
        records: [
          {
            family: 'inet',
            dst: '198.18.0.2',
            dev: 'lan0',
            lladdr: '02:00:00:00:00:02',
            states: ['STALE'],
            router: false,
          },
          {
            family: 'inet',
            dst: '192.0.2.9',
            dev: 'lan0',
            lladdr: '02:00:00:00:00:09',
            states: ['REACHABLE'],
            router: false,
          },
          {
            family: 'inet',
            dst: '198.18.0.77',
            dev: 'lan0',
            lladdr: null,
            states: ['INCOMPLETE'],
            router: false,
          },
        ],
      },
    ]);
    // Asked, but STALE: a MAC cached before, which nothing of ours confirmed.
    expect(actions).toEqual([sightingOf2({ rttMs: null, at: 7, state: 'STALE' }, 'table')]);
  });
});

describe('foldSweep: only a confirmed entry is an answer', () => {
  it.each(['STALE', 'DELAY', 'PROBE', 'PERMANENT'])(
    "an entry announced %s is the table's word: no RTT, no grace from it, and a later REACHABLE is the answer",
    (cached) => {
      const s = run(beginBatch(initialSweep(config)), [
        ...asked(1, 10),
        { type: 'sent', at: 10 },
      ]).state;
      const stale = run(s, [answer('198.18.0.2', 11, cached)]);
      expect(stale.actions[0]).toEqual(
        sightingOf2({ rttMs: null, at: 1_000_011, state: cached }, 'table'),
      );
      expect(stale.state.slowestRttMs).toBe(0);
      expect(stale.state.unproved.has('198.18.0.2')).toBe(true);
      // Said once: the same MAC in the same doubt again is not news.
      expect(run(stale.state, [answer('198.18.0.2', 12, cached)]).actions).toEqual([]);
      const confirmed = run(stale.state, [answer('198.18.0.2', 30)]);
      expect(confirmed.actions).toEqual([
        sightingOf2({ rttMs: 20, at: 1_000_030, state: 'REACHABLE' }),
      ]);
      expect(confirmed.state.unproved.size).toBe(0);
      expect(confirmed.state.slowestRttMs).toBe(20);
    },
  );

  it("the table read: STALE is the table's word, REACHABLE later proves it; the same STALE again is not news", () => {
    const s = run(beginBatch(initialSweep(config)), [...asked(1), { type: 'sent', at: 0 }]).state;
    const stale = run(s, [{ type: 'table', epoch: 7, records: [entry2('STALE')] }]);
    expect(stale.actions).toMatchObject([{ type: 'sighting', sighting: { via: 'table' } }]);
    expect(
      run(stale.state, [{ type: 'table', epoch: 8, records: [entry2('STALE')] }]).actions,
    ).toEqual([]);
    const confirmed = run(stale.state, [
      { type: 'table', epoch: 9, records: [entry2('REACHABLE')] },
    ]);
    expect(confirmed.actions).toEqual([sightingOf2({ rttMs: null, at: 9, state: 'REACHABLE' })]);
  });

  it("the duplicate check's arping proves an entry the table only held", () => {
    const s = run(beginBatch(initialSweep(config)), [
      ...asked(1),
      { type: 'sent', at: 0 },
      answer('198.18.0.2', 1, 'DELAY'),
    ]).state;
    const proved = run(s, [
      { type: 'asked-again', ip: '198.18.0.2', macs: ['02:00:00:00:00:02'], at: 300, epoch: 5 },
    ]);
    expect(proved.actions).toMatchObject([
      { type: 'sighting', sighting: { via: 'arping', rttMs: null } },
    ]);
    expect(proved.state.unproved.size).toBe(0);
  });
});
