/**
 * Ink's frame throttle, as the build gives it to Ink (scripts/tui-plugins.mjs,
 * inkThrottlePlugin): at most one call of `fn` per `waitMs`, the first at once, the last
 * never lost.
 *
 * Ink asks es-toolkit's `throttle` (leading and trailing, 34 ms) for this, which is a
 * debounce with a maxWait checked only when the next call comes: a call within 34 ms of
 * the last frame pushes the pending frame 34 ms past ITSELF. The TUI's first complete
 * Overview is such a call (the host arrives a few ms after the "Reading the host…" frame,
 * and React's commit of it takes a few more), so it waited 30-40 ms with nothing to do
 * (issue 20). Here a pending call runs `waitMs` after the last run, or at once when that
 * is past: no frame sooner than Ink allows, none later.
 */
export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending call now (Ink's unmount, for its last frame). */
  flush(): void;
  /** Drops a pending call. */
  cancel(): void;
}

export function throttle<A extends unknown[]>(
  fn: (...args: A) => unknown,
  waitMs = 0,
  // Ink passes { leading: true, trailing: true }, the only behaviour given here.
  _options?: { readonly leading?: boolean; readonly trailing?: boolean },
  now: () => number = () => performance.now(),
): Throttled<A> {
  let lastRun = -Infinity;
  let pending: A | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (args: A) => {
    pending = null;
    lastRun = now();
    fn(...args);
  };
  const stopTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const onTimer = () => {
    timer = null;
    if (pending !== null) run(pending);
  };
  const throttled = (...args: A) => {
    const due = lastRun + waitMs - now();
    if (due <= 0) {
      stopTimer();
      return run(args);
    }
    pending = args;
    timer ??= setTimeout(onTimer, due);
  };
  throttled.flush = () => {
    stopTimer();
    if (pending !== null) run(pending);
  };
  throttled.cancel = () => {
    stopTimer();
    pending = null;
  };
  return throttled;
}
