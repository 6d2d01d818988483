/**
 * Draws the App on the real terminal in the alternate screen, bracketed paste on, and gives
 * the terminal back as it was on every way out: q, Ctrl-C, an error, a signal, the terminal
 * closing. Every way out first stops the app's jobs and waits for them: their children
 * killed, the namespaces of a --prove deleted.
 */
import { render } from 'ink';
import { App, PASTE_OFF, PASTE_ON, type AppProps } from './App.js';
import { JobStore } from './jobs.js';
import type { HostState } from '../state/host-state.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
/** How long quitting waits for the jobs to end before it gives the terminal back anyway. */
const QUIT_WAIT_MS = 5000;
/**
 * How long the TUI waits for the host's first read (`opening`) before it draws without it.
 * The read started with the process and usually ends within this; a frame drawn before it
 * says only "Reading the host…", and holds the Overview back by Ink's 34 ms between frames.
 */
export const OPENING_WAIT_MS = 300;

export interface TuiOptions extends Omit<AppProps, 'size' | 'host'> {
  /** The host's first read, started ahead (ui/read-ahead.ts): the first frame waits for it a moment. */
  readonly opening?: Promise<HostState | undefined>;
}

/**
 * The process's signal trap (src/system/signals.ts), as the command that opens the TUI
 * passes it: on INT, TERM or HUP it runs the cleanups, then the restores, then exits.
 */
export interface TuiStopHooks {
  /** Aborted on the signal. */
  readonly signal: AbortSignal;
  readonly onCleanup: (cleanup: () => unknown) => () => void;
  readonly onRestore: (restore: () => void) => () => void;
}

/** Draws the App until it quits; `ports` are the live ones (src/wiring/live-ports.ts). */
export async function runTui(
  { opening, ...props }: TuiOptions,
  stop?: TuiStopHooks,
): Promise<void> {
  const host = opening && (await within(opening, OPENING_WAIT_MS, stop?.signal));
  // A signal while the TUI's code loaded: the trap is ending the process, draw nothing.
  if (stop?.signal.aborted) return;
  const out = process.stdout;
  const jobs = props.jobs ?? new JobStore();
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    // Ink turns raw mode off when it unmounts; after the trap's deadline it may not have.
    if (process.stdin.isTTY) {
      try {
        process.stdin.setRawMode(false);
      } catch {
        // the terminal is gone
      }
    }
    out.write(PASTE_OFF + SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  // Bracketed paste: a paste arrives marked, so its newlines are text, not Enter.
  out.write(ENTER_ALT_SCREEN + PASTE_ON);
  process.once('exit', restore);
  const instance = render(<App {...props} jobs={jobs} {...(host ? { host } : {})} />, {
    exitOnCtrlC: false,
    patchConsole: true,
  });
  // On a signal: the jobs end (and are waited for) while the last frame stays up, then the
  // app unmounts; the trap restores the terminal and exits with the signal's code.
  const offCleanup = stop?.onCleanup(async () => {
    await jobs.stopAll();
    instance.unmount();
  });
  const offRestore = stop?.onRestore(restore);
  try {
    await instance.waitUntilExit();
    await settledWithin(jobs.stopAll(), QUIT_WAIT_MS);
  } finally {
    instance.cleanup();
    restore();
    offCleanup?.();
    offRestore?.();
    process.off('exit', restore);
  }
}

/** What `promise` gives within `ms`, else undefined (sooner on `signal`). */
async function within<T>(
  promise: Promise<T | undefined>,
  ms: number,
  signal?: AbortSignal,
): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  let stop: (() => void) | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
    stop = () => resolve(undefined);
    signal?.addEventListener('abort', stop, { once: true });
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
    if (stop) signal?.removeEventListener('abort', stop);
  }
}

/** Waits for `work` to settle, at most `ms`. */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  await within(settled, ms);
}
