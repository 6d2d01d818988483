/**
 * The one signal trap, for every command and the TUI. INT (Ctrl-C), TERM (kill, systemd)
 * and HUP (the terminal or the SSH session went away) all mean "stop": Node's default for
 * each is to die at once, which leaves our children (ip monitor, mtr-packet, arp-scan,
 * arping, ping) running re-parented to init, the namespaces of --prove in place, and the
 * terminal in the TUI's alternate screen. With the trap, the first signal:
 *
 * 1. aborts the trap's AbortSignal: probes stop, src/system/ kills their children;
 * 2. awaits the registered cleanups together (the work winding down and printing what it
 *    has, the TUI's jobs ending, namespaces deleted), for at most the deadline;
 * 3. kills any child still running (children.ts), runs the restores (the terminal given
 *    back), and exits with the shell's code for the signal: 128 + its number.
 *
 * A second signal meanwhile is ignored on purpose: dying then would orphan exactly the
 * children the first is ending; the deadline bounds the wait instead.
 *
 * Listeners are added with `on`, never `once`: execa's exit hook (signal-exit) re-raises a
 * signal when it sees no other listener, and a `once` listener is gone by the time it looks.
 *
 * Use: `withSignals((signal, trap) => work(signal))` around a command's work; a command that
 * prints a report on interruption does so from the work and checks `trap.received`.
 */
import { killLeftoverChildren } from './children.js';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** The exit code a shell gives a command ended by the signal: 128 + its number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<StopSignal, number>> = {
  SIGHUP: 129,
  SIGINT: 130,
  SIGTERM: 143,
};

/** How long cleanups may take after a signal before the process exits anyway. */
export const DEFAULT_DEADLINE_MS = 5000;

/** What the trap needs of the process: process itself, or a fake in tests. */
export interface TrapHost {
  on(event: StopSignal, listener: () => void): unknown;
  off(event: StopSignal, listener: () => void): unknown;
  exit(code: number): void;
}

/** This process. */
export const PROCESS_SIGNALS: TrapHost = {
  on: (event, listener) => process.on(event, listener),
  off: (event, listener) => process.off(event, listener),
  exit: (code) => process.exit(code),
};

/** A process that never signals: where a command runs with no trap (its unit tests). */
export const NO_SIGNALS: TrapHost = { on: () => {}, off: () => {}, exit: () => {} };

export interface TrapOptions {
  readonly host?: TrapHost;
  readonly deadlineMs?: number;
}

/** The part of the trap that work and the TUI see: the signal, and where to hook cleanup. */
export interface StopHooks {
  /** Aborted on the first signal, with the signal's name as reason. */
  readonly signal: AbortSignal;
  /**
   * Awaited after a signal, with the others, before the exit (up to the deadline). Returns
   * a function that takes it back (once the thing it cleans up is gone).
   */
  readonly onCleanup: (cleanup: () => unknown) => () => void;
  /** Run after the cleanups (or the deadline), synchronously, just before the exit. */
  readonly onRestore: (restore: () => void) => () => void;
}

export interface SignalTrap extends StopHooks {
  /** The first signal received, or null. */
  readonly received: StopSignal | null;
  /** The exit code for the signal received (0 when none). */
  readonly exitCode: number;
  /**
   * Stops as if `cause` had arrived: the terminal hung up under a write (EIO), or the reader
   * of a pipe went away (EPIPE, where `exitCode` keeps the command's own code).
   */
  readonly stop: (cause: StopSignal, exitCode?: number) => void;
  /** Resolves with the exit code once the stop has run, just before the exit. */
  readonly stopped: Promise<number>;
  /** Gives the signals back to Node's defaults; a stop under way still ends in its exit. */
  readonly dispose: () => void;
}

/** The traps set now, newest last: where a hang-up seen as a write error goes. */
const active: SignalTrap[] = [];

/** What a stop's exit waits for besides its cleanups (exitWaitsFor). */
const exitHolds = new Set<Promise<unknown>>();

/**
 * Makes every stop's exit wait (up to its deadline) until `run` settles: the entry point
 * holds it with the whole command line's run, so that a work which throws while winding
 * down after a signal still has its error printed before the exit. Without it the exit
 * ran as soon as the work settled, before the error had climbed to the line that prints it,
 * and the command ended with the signal's code and not a word.
 */
export function exitWaitsFor(run: Promise<unknown>): () => void {
  const held = run.then(
    () => {},
    () => {},
  );
  const release = () => exitHolds.delete(held);
  exitHolds.add(held);
  void held.then(release);
  return () => void release();
}

/** Sets the trap until disposed. */
export function trapSignals(options: TrapOptions = {}): SignalTrap {
  const host = options.host ?? PROCESS_SIGNALS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const controller = new AbortController();
  const cleanups = new Set<() => unknown>();
  const restores = new Set<() => void>();
  let received: StopSignal | null = null;
  let code = 0;
  let disposed = false;
  let announce: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => (announce = resolve));

  const finish = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
    const all = Promise.allSettled([...cleanups].map(async (c) => c()));
    await Promise.race([all, deadline]);
    // Looked at once the work has wound down: its error is on its way to being printed.
    await Promise.race([Promise.allSettled([...exitHolds]), deadline]);
    clearTimeout(timer);
    killLeftoverChildren();
    for (const restore of restores) {
      try {
        restore();
      } catch {
        // a terminal that is gone cannot be restored: go on to the exit
      }
    }
    announce(code);
    host.exit(code);
    release(); // reached only when the host does not end the process (a fake)
  };

  const stop = (cause: StopSignal, exitCode?: number): void => {
    if (received !== null) return;
    received = cause;
    code = exitCode ?? SIGNAL_EXIT_CODES[cause];
    controller.abort(cause);
    void finish();
  };
  const listeners = STOP_SIGNALS.map((name) => {
    const listener = () => stop(name);
    host.on(name, listener);
    return [name, listener] as const;
  });

  const trap: SignalTrap = {
    signal: controller.signal,
    get received() {
      return received;
    },
    get exitCode() {
      return code;
    },
    onCleanup: (cleanup) => {
      cleanups.add(cleanup);
      return () => cleanups.delete(cleanup);
    },
    onRestore: (restore) => {
      restores.add(restore);
      return () => restores.delete(restore);
    },
    stop,
    stopped,
    dispose: () => {
      // During a stop the listeners stay: a second signal must not kill us before the exit.
      if (received === null) release();
    },
  };
  const release = (): void => {
    if (disposed) return;
    disposed = true;
    for (const [name, listener] of listeners) host.off(name, listener);
    active.splice(active.indexOf(trap), 1);
  };
  active.push(trap);
  return trap;
}

/**
 * Runs `work` under a trap. On a signal the exit waits for the work to wind down (it prints
 * what it has), up to the deadline; returns its exit code, or the signal's.
 */
export async function withSignals(
  work: (signal: AbortSignal, trap: SignalTrap) => Promise<number>,
  options: TrapOptions = {},
): Promise<number> {
  const trap = trapSignals(options);
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  trap.onCleanup(() => settled);
  try {
    const code = await work(trap.signal, trap);
    return trap.received ? trap.exitCode : code;
  } finally {
    settle();
    trap.dispose();
  }
}

/**
 * Where the entry point sends a hang-up it sees as a write error (the terminal closed: EIO;
 * the pipe's reader went away: EPIPE). With a trap set, it stops through it (cleanups, then
 * the exit); without one there is nothing to clean: exits at once with `exitCode`.
 */
export function stopOnHangUp(cause: 'EIO' | 'EPIPE', exitCode: number, host?: TrapHost): void {
  const trap = active[active.length - 1];
  if (trap) trap.stop('SIGHUP', cause === 'EIO' ? SIGNAL_EXIT_CODES.SIGHUP : exitCode);
  else (host ?? PROCESS_SIGNALS).exit(exitCode);
}
