/**
 * A push-to-pull queue: a producer pushes events as callbacks fire, a consumer reads them
 * with `for await`. Leaving the loop early (break, return, throw) calls `onCancel`, which
 * is how a consumer that stops listening also stops the work (and its child processes).
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly queue: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((e: unknown) => void) | null = null;
  private closed = false;
  private error: unknown = undefined;

  constructor(private readonly onCancel: () => void = () => {}) {}

  push(value: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value, done: false });
    } else this.queue.push(value);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.closed) return;
    this.error = error ?? new Error('failed');
    this.closed = true;
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = this.failWaiting = null;
      reject(this.error);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const value = this.queue.shift();
        if (value !== undefined) return Promise.resolve({ value, done: false });
        if (this.closed) {
          return this.error !== undefined
            ? Promise.reject(this.error)
            : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise<IteratorResult<T>>((resolve, reject) => {
          this.waiting = resolve;
          this.failWaiting = reject;
        });
      },
      return: () => {
        this.onCancel();
        this.closed = true;
        this.queue.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/** Runs `produce` into a channel; the channel closes when it ends, or fails with its error. */
export function produce<T>(
  signal: AbortSignal,
  body: (push: (v: T) => void, signal: AbortSignal) => Promise<void>,
): AsyncIterable<T> {
  const inner = new AbortController();
  const abort = () => inner.abort();
  signal.addEventListener('abort', abort, { once: true });
  if (signal.aborted) inner.abort();
  const channel = new Channel<T>(abort);
  // However the body ends, whatever it started and left running (a child process) is ended.
  body((v) => channel.push(v), inner.signal).then(
    () => {
      signal.removeEventListener('abort', abort);
      inner.abort();
      channel.close();
    },
    (err: unknown) => {
      signal.removeEventListener('abort', abort);
      inner.abort();
      channel.fail(err);
    },
  );
  return channel;
}

/** Resolves after ms, or at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
