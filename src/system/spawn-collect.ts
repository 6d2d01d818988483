/**
 * One child process, run to its end with its output collected: what runCommand (run.ts)
 * needs, on node:child_process directly. execa did this before; loading it cost about a
 * fifth of netdoctor's start-up and each of its subprocesses several stream objects, and
 * a snapshot starts a dozen of them before the first frame (issue 20).
 */
import { spawn } from 'node:child_process';
import { trackChild } from './children.js';

export interface Collected {
  /** Null when the child did not start or was ended by a signal. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it did not run or finish normally: 'timeout', 'cancelled', or what went wrong. */
  readonly error?: string;
}

export interface CollectOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly input?: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A child asked to stop (SIGTERM) that is still there this much later gets SIGKILL. */
const KILL_AFTER_MS = 1000;
/** Output past this is not a tool's answer; the child is stopped (execa's default, too). */
const MAX_OUTPUT_BYTES = 100 * 1024 * 1024;

/** Runs `file` with `args` (no shell) and resolves with what it printed; never rejects. */
export function spawnCollect(
  file: string,
  args: readonly string[],
  options: CollectOptions,
): Promise<Collected> {
  if (options.signal?.aborted) {
    return Promise.resolve({ exitCode: null, stdout: '', stderr: '', error: 'cancelled' });
  }
  return new Promise((resolve) => {
    const child = trackChild(
      spawn(file, args, {
        stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        env: options.env,
      }),
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let why: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (reason: string) => {
      if (why !== undefined || child.exitCode !== null || child.signalCode !== null) return;
      why = reason;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
      killTimer.unref();
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const keep = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_OUTPUT_BYTES) stop(`output over ${MAX_OUTPUT_BYTES} bytes`);
      else into.push(chunk);
    };
    child.stdout?.on('data', keep(out));
    child.stderr?.on('data', keep(err));
    if (options.input !== undefined && child.stdin) {
      // A child that exits without reading its input is not an error of ours.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
    let spawnError: string | undefined;
    child.once('error', (e) => {
      spawnError = e.message;
    });
    // 'close' comes after 'exit' and the pipes' end (or after 'error' when it never started).
    child.once('close', (code, signalCode) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      const error =
        why ??
        spawnError ??
        (code === null && signalCode ? `Command was killed with ${signalCode}` : undefined);
      resolve({
        exitCode: why !== undefined || spawnError !== undefined ? null : code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ...(error !== undefined ? { error } : {}),
      });
    });
  });
}
