/** The worker pool with work whose end the test decides: no timers, no sleeps. */
import { describe, expect, it } from 'vitest';
import { workerPool } from './pool.js';

/** Work that ends only when the test says so; it records what started. */
function gatedWork() {
  const started: number[] = [];
  const finish = new Map<number, () => void>();
  const work = (n: number) =>
    new Promise<void>((resolve) => {
      started.push(n);
      finish.set(n, resolve);
    });
  const end = async (n: number) => {
    const f = finish.get(n);
    if (!f) throw new Error(`item ${n} is not running`);
    f();
    // Let the pool's continuations run (microtasks only).
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { started, work, end };
}

describe('workerPool', () => {
  it('runs at most `limit` at once, in the order added, the next as soon as one ends', async () => {
    const g = gatedWork();
    const pool = workerPool(2, g.work, new AbortController().signal);
    for (const n of [1, 2, 3, 4, 5]) pool.add(n);
    expect(g.started).toEqual([1, 2]);
    expect(pool.pending()).toBe(5);
    await g.end(2);
    expect(g.started).toEqual([1, 2, 3]);
    await g.end(1);
    await g.end(3);
    expect(g.started).toEqual([1, 2, 3, 4, 5]);
    let idle = false;
    const waiting = pool.idle().then(() => (idle = true));
    await g.end(4);
    expect(idle).toBe(false);
    await g.end(5);
    await waiting;
    expect(idle).toBe(true);
    expect(pool.pending()).toBe(0);
  });

  it('is idle at once when nothing was added', async () => {
    await expect(workerPool(1, async () => {}, new AbortController().signal).idle()).resolves.toBe(
      undefined,
    );
  });

  it('starts nothing more once aborted, and idle() resolves without waiting for the running', async () => {
    const g = gatedWork();
    const stop = new AbortController();
    const pool = workerPool(1, g.work, stop.signal);
    pool.add(1);
    pool.add(2);
    const waiting = pool.idle();
    stop.abort();
    await waiting;
    pool.add(3);
    await g.end(1);
    expect(g.started).toEqual([1]);
  });

  it('keeps the first failure of the work for idle(), and still works the rest', async () => {
    const done: number[] = [];
    const pool = workerPool(
      1,
      async (n: number) => {
        if (n === 2) throw new Error('bug in work');
        done.push(n);
      },
      new AbortController().signal,
    );
    for (const n of [1, 2, 3]) pool.add(n);
    await expect(pool.idle()).rejects.toThrow('bug in work');
    expect(done).toEqual([1, 3]);
  });

  it('refuses a limit below one', () => {
    expect(() => workerPool(0, async () => {}, new AbortController().signal)).toThrow(/room/);
  });
});
