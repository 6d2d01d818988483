import { describe, expect, it } from 'vitest';
import { produce, sleep } from './channel.js';

describe('produce: a cancellable stream of events', () => {
  it('delivers what the body pushes, in order, and ends when the body ends', async () => {
    const got: number[] = [];
    for await (const n of produce<number>(new AbortController().signal, async (push) => {
      push(1);
      await sleep(1, new AbortController().signal);
      push(2);
      push(3);
    })) {
      got.push(n);
    }
    expect(got).toEqual([1, 2, 3]);
  });

  it('aborts the body when the consumer stops listening', async () => {
    let bodySignal: AbortSignal | undefined;
    const events = produce<number>(new AbortController().signal, async (push, signal) => {
      bodySignal = signal;
      for (let i = 0; !signal.aborted; i++) {
        push(i);
        await sleep(5, signal);
      }
    });
    for await (const n of events) if (n === 2) break;
    expect(bodySignal?.aborted).toBe(true);
  });

  it('aborts the body when the caller aborts, and after the body ends (left-over children)', async () => {
    const caller = new AbortController();
    let bodySignal: AbortSignal | undefined;
    const events = produce<number>(caller.signal, async (push, signal) => {
      bodySignal = signal;
      push(1);
      await sleep(10_000, signal);
    });
    const got: number[] = [];
    for await (const n of events) {
      got.push(n);
      caller.abort();
    }
    expect(got).toEqual([1]);
    expect(bodySignal?.aborted).toBe(true);

    let finished: AbortSignal | undefined;
    const none: number[] = [];
    for await (const n of produce<number>(new AbortController().signal, async (_push, signal) => {
      finished = signal;
    })) {
      none.push(n);
    }
    expect(none).toEqual([]);
    expect(finished?.aborted).toBe(true);
  });

  it("passes the body's error to the consumer", async () => {
    const events = produce<number>(new AbortController().signal, async () => {
      throw new Error('ip is not installed');
    });
    await expect(async () => {
      for await (const n of events) expect(n).toBeUndefined();
    }).rejects.toThrow('ip is not installed');
  });
});
