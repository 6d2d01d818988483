/**
 * Streaming subprocesses: a child whose output is read line by line while it runs (a scan
 * that reports hosts as they answer, a monitor that reports table changes). Arguments go as
 * an array, never through a shell. Aborting the signal kills the child, and a child that
 * ignores SIGTERM is killed for good a moment later, so nothing outlives the work it served.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startable } from './tools.js';
import { trackChild } from './children.js';
import { debugEvent, debugging } from './debug.js';

export interface StreamOptions {
  readonly signal?: AbortSignal;
  /** Each line of standard output, without its newline, as soon as it is complete. */
  readonly onLine: (line: string) => void;
  /** Each line of standard error (warnings the tool prints while it runs). */
  readonly onErrorLine?: (line: string) => void;
  /**
   * Text written to its standard input, which is then closed (else it has none; streamLinesFed
   * leaves it open).
   */
  readonly input?: string;
}

export interface StreamedProcess {
  /** The child has started (or failed to start, which ends `done` too). */
  readonly started: Promise<void>;
  /** How it ended: its exit code (null when killed by a signal) and whether we killed it. */
  readonly done: Promise<{ readonly exitCode: number | null; readonly killed: boolean }>;
  /** Ends the child now (SIGTERM, then SIGKILL after a grace period). */
  readonly stop: () => void;
}

/** A streamed child whose standard input stays open: fed a piece at a time, then closed. */
export interface FedProcess extends StreamedProcess {
  /** Writes to its standard input (nothing once it is closed or the child has gone). */
  readonly write: (text: string) => void;
  /** Closes its standard input: end of file, the child's cue that nothing more comes. */
  readonly endInput: () => void;
}

const KILL_AFTER_MS = 1000;

/**
 * Starts argv and streams its lines. Throws ToolMissing when the program is not installed
 * (known tools name their Debian package).
 */
export function streamLines(
  argv: readonly string[],
  options: StreamOptions,
): Promise<StreamedProcess> {
  return start(argv, options, false);
}

/**
 * streamLines with standard input left open after `input`: the caller writes more as it
 * comes (xargs reading addresses while a sweep still finds them) and closes it with endInput.
 */
export function streamLinesFed(
  argv: readonly string[],
  options: StreamOptions,
): Promise<FedProcess> {
  return start(argv, options, true);
}

async function start(
  argv: readonly string[],
  options: StreamOptions,
  keepInputOpen: boolean,
): Promise<FedProcess> {
  const { path: resolved, args } = await startable(argv);
  if (options.signal?.aborted) {
    return {
      started: Promise.resolve(),
      done: Promise.resolve({ exitCode: null, killed: true }),
      stop: () => {},
      write: () => {},
      endInput: () => {},
    };
  }
  const startedAt = Date.now();
  const child = trackChild(
    spawn(resolved, args, {
      // Standard input: the given text, else an empty pipe (end of file at once).
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    }),
  );
  // A child that exits before reading all of it closes the pipe: that is not our error.
  child.stdin.on('error', () => {});
  let inputOpen = keepInputOpen;
  if (keepInputOpen) {
    if (options.input !== undefined) child.stdin.write(options.input);
  } else child.stdin.end(options.input);
  const write = (text: string) => {
    if (inputOpen && !child.stdin.destroyed) child.stdin.write(text);
  };
  const endInput = () => {
    if (!inputOpen) return;
    inputOpen = false;
    child.stdin.end();
  };
  const debug = debugging();
  if (debug) debugEvent({ kind: 'started', argv });
  let killed = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (killed || child.exitCode !== null || child.signalCode !== null) return;
    killed = true;
    endInput();
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    killTimer.unref();
  };
  options.signal?.addEventListener('abort', stop, { once: true });
  createInterface({ input: child.stdout }).on('line', options.onLine);
  const onErrorLine = options.onErrorLine;
  // With --debug, stderr's first line is kept for the line that says how it ended.
  let firstError = '';
  if (onErrorLine || debug) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (firstError === '' && line.trim() !== '') firstError = line;
      onErrorLine?.(line);
    });
  } else child.stderr.resume();
  const started = new Promise<void>((resolve) => {
    child.once('spawn', () => resolve());
    child.once('error', () => resolve());
  });
  const done = new Promise<{ exitCode: number | null; killed: boolean }>((resolve) => {
    let over = false;
    const ended = (exitCode: number | null, error?: string) => {
      if (over) return;
      over = true;
      if (debug) {
        const why = error ?? (killed ? 'stopped' : undefined);
        debugEvent({
          kind: 'ran',
          argv,
          exitCode,
          durationMs: Date.now() - startedAt,
          stderr: firstError,
          ...(why !== undefined ? { error: why } : {}),
        });
      }
      resolve({ exitCode, killed });
    };
    child.once('error', (err) => ended(null, err.message));
    // 'close' waits for the pipes, so every line has been delivered by then.
    child.once('close', (code) => {
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', stop);
      ended(code);
    });
  });
  return { started, done, stop, write, endInput };
}

/**
 * Like handOverTerminal, but ssh's standard error is kept (and passed on to the terminal once
 * the program ends), so that when it fails ("Permission denied", "Connection refused") its
 * last lines can stay on screen after the TUI redraws. Prompts are unaffected: ssh asks for
 * passwords and host keys on /dev/tty, not on standard error.
 */
export function handOverTerminalKeepingErrors(argv: readonly string[]): {
  readonly code: number | null;
  readonly errorLines: readonly string[];
} {
  const [program, ...args] = argv;
  if (program === undefined) return { code: null, errorLines: [] };
  const r = spawnSync(program, args, {
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  const stderr = typeof r.stderr === 'string' ? r.stderr : '';
  if (stderr) process.stderr.write(stderr);
  debugEvent({ kind: 'handed-over', argv, exitCode: r.error ? null : r.status });
  const errorLines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-3);
  return { code: r.error ? null : r.status, errorLines };
}
