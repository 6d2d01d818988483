import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle as esToolkitThrottle } from 'es-toolkit/compat';
import { throttle } from './throttle.js';

const WAIT = 34;

/** Calls `make(fn)` at each time in `at` (ms), and says when fn ran and with what. */
function runs(
  make: (fn: (label: string) => void) => (label: string) => void,
  at: readonly number[],
  until = 200,
) {
  const seen: [number, string][] = [];
  const throttled = make((label) => seen.push([Date.now(), label]));
  for (const t of at) setTimeout(() => throttled(`call@${t}`), t);
  vi.advanceTimersByTime(until);
  return seen;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const ours = (fn: (label: string) => void) =>
  throttle(fn, WAIT, { leading: true, trailing: true }, () => Date.now());

describe("Ink's frame throttle", () => {
  it('runs the first call at once, and a later one when WAIT has passed since the last run', () => {
    expect(runs(ours, [0, 50])).toEqual([
      [0, 'call@0'],
      [50, 'call@50'],
    ]);
  });

  it('runs calls within WAIT once, WAIT after the last run, with the last call', () => {
    // The "Reading the host…" frame at 0, the host's commits at 8 and 30.
    expect(runs(ours, [0, 8, 30])).toEqual([
      [0, 'call@0'],
      [WAIT, 'call@30'],
    ]);
  });

  it("never pushes a pending call past WAIT (es-toolkit's, which Ink asks for, does)", () => {
    const esToolkit = (fn: (label: string) => void) =>
      esToolkitThrottle(fn, WAIT, { leading: true, trailing: true });
    expect(runs(esToolkit, [0, 8, 30])).toEqual([
      [0, 'call@0'],
      [30 + WAIT, 'call@30'],
    ]);
  });

  it('keeps to one run per WAIT under a stream of calls', () => {
    const at = Array.from({ length: 40 }, (_, i) => i * 5); // every 5 ms for 200 ms
    const times = runs(ours, at, 400).map(([t]) => t);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(WAIT);
    expect(times).toEqual([0, 34, 68, 102, 136, 170, 204]);
  });

  it('runs a call at once when its time has come, though the timer has not fired yet', () => {
    const seen: number[] = [];
    let clock = 0;
    const throttled = throttle(
      () => seen.push(clock),
      WAIT,
      {},
      () => clock,
    );
    throttled(); // runs at 0
    clock = 10;
    throttled(); // pending, its timer set
    clock = 40; // a busy main thread: the timer is late
    throttled();
    expect(seen).toEqual([0, 40]);
    vi.advanceTimersByTime(100); // the late timer finds nothing pending
    expect(seen).toEqual([0, 40]);
  });

  it('flush runs what is pending now; cancel drops it', () => {
    const seen: string[] = [];
    const throttled = throttle(
      (s: string) => seen.push(s),
      WAIT,
      {},
      () => Date.now(),
    );
    throttled('a');
    throttled('b');
    throttled.flush();
    expect(seen).toEqual(['a', 'b']);
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['a', 'b']);
    throttled('c'); // WAIT has passed: at once
    throttled('d');
    throttled.cancel();
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('with no wait (Ink’s log writer), runs every call at once', () => {
    const seen: string[] = [];
    const throttled = throttle(
      (s: string) => seen.push(s),
      undefined,
      {},
      () => Date.now(),
    );
    throttled('a');
    throttled('b');
    expect(seen).toEqual(['a', 'b']);
  });
});
