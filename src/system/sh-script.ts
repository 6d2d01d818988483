/**
 * Runs a POSIX sh script here (`sh -s`, the script on stdin) and keeps its stdout as bytes:
 * the snapshot collector's frames count bytes (collect-script.ts). The same script runs on
 * a far host through ssh (ssh.ts `runScript`).
 */
import { spawn } from 'node:child_process';
import { trackChild } from './children.js';

export interface ShScriptResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly error?: string;
}

const KILL_AFTER_MS = 1000;

/** Collects a child's output until it closes; kills it (TERM, then KILL) after `timeoutMs`. */
export function collectChild(
  program: string,
  args: readonly string[],
  input: string | undefined,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
}> {
  return new Promise((resolve) => {
    const child = trackChild(
      spawn(program, args, {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C' },
      }),
    );
    child.stdin.on('error', () => {});
    // Without input stdin stays open until the child ends: a guard on a far side reads EOF
    // on it as "stop" (ssh.ts REMOTE_GUARD).
    if (input !== undefined) child.stdin.end(input);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    let cancelled = false;
    const stop = () => {
      child.stdin.end();
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (code: number | null) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({
        code,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        cancelled,
      });
    };
    child.once('error', () => finish(null));
    child.once('close', (code) => finish(code));
  });
}

/** `sh -s` here with `script` on stdin. */
export async function runShScript(script: string, timeoutMs = 60_000): Promise<ShScriptResult> {
  const r = await collectChild('sh', ['-s'], script, timeoutMs);
  return {
    stdout: r.stdout,
    stderr: r.stderr,
    exitCode: r.code,
    ...(r.timedOut ? { error: 'timeout' } : {}),
  };
}
