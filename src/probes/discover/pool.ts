/**
 * One bounded worker pool for the Discover probes: items are worked in the order they were
 * added, at most `limit` at a time, each as soon as a place is free. The resolver's getent
 * chunks and the mDNS queries go through it, so neither can start hundreds of processes or
 * sockets at once, and each waits for its work the same way. (The arpings go through one
 * process tree, fed as hosts answer: duplicate-check.ts.)
 *
 * Aborting the signal starts nothing more (the queue is dropped) and resolves `idle()` at
 * once; work already running gets the same signal and is expected to end with it.
 */
export interface WorkerPool<T> {
  /** Queues an item; it starts as soon as fewer than `limit` are running. */
  readonly add: (item: T) => void;
  /** Resolves when every item added so far has been worked, or the signal aborted. */
  readonly idle: () => Promise<void>;
  /** Items running or waiting. */
  readonly pending: () => number;
}

/**
 * `work` should not throw: a rejection is a bug in it, kept and rethrown from `idle()` (the
 * other items still run).
 */
export function workerPool<T>(
  limit: number,
  work: (item: T) => Promise<void>,
  signal: AbortSignal,
): WorkerPool<T> {
  if (!(limit >= 1)) throw new Error(`a worker pool needs room for one at least, not ${limit}`);
  const queue: T[] = [];
  let running = 0;
  let failure: { error: unknown } | null = null;
  let waiters: (() => void)[] = [];

  const settle = () => {
    if (running > 0 && !signal.aborted) return;
    if (queue.length > 0 && !signal.aborted) return;
    const wake = waiters;
    waiters = [];
    for (const w of wake) w();
  };
  const pump = () => {
    if (signal.aborted) queue.length = 0;
    while (running < limit && queue.length > 0) {
      const item = queue.shift() as T;
      running++;
      work(item)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          running--;
          pump();
          settle();
        });
    }
  };
  signal.addEventListener('abort', () => (pump(), settle()), { once: true });

  return {
    add: (item) => {
      if (signal.aborted) return;
      queue.push(item);
      pump();
    },
    idle: async () => {
      if (running > 0 || queue.length > 0) {
        if (!signal.aborted) await new Promise<void>((resolve) => waiters.push(resolve));
      }
      if (failure !== null) throw failure.error;
    },
    pending: () => running + queue.length,
  };
}
