/**
 * Several commands run at once through ONE child: a `sh` that starts each as a background
 * job, its stdout and stderr going to files in a private temp dir, and writes `N STATUS` on
 * its own stdout as job N ends. Each output is then what runCommand (run.ts) would record for
 * that argv alone: same resolved path, exit code, stdout, stderr, timeout.
 *
 * Why: starting a child from node forks the whole node process (70 MB at a snapshot), about
 * 10 ms of the main thread each, and a snapshot starts twenty before its first output (issue
 * 20). `sh` forks cheaply. The script holds no data: every word of every argv, the paths
 * included, reaches the jobs as sh's own arguments (`"${7}"`), never as script text.
 */
import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { trackChild } from './children.js';
import { debugEvent, debugging } from './debug.js';
import { findExecutableSync } from './tools.js';
import { runCommand, type CommandOutput } from './run.js';
import { planIpBatches, splitIpBatch } from './ip-batch.js';
import { VersionCache } from './version-cache.js';

export interface RunAllOptions {
  /** Each command's time (they run side by side): past it, every unfinished one is a timeout. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** A child asked to stop (SIGTERM) that is still there this much later gets SIGKILL. */
const KILL_AFTER_MS = 1000;
/** The most one command's stdout and stderr may hold, as spawn-collect.ts. */
const MAX_OUTPUT_BYTES = 100 * 1024 * 1024;

interface Job {
  /** Its number in the script (jobs are the argvs whose program was found). */
  readonly index: number;
  /** What it runs: one argv asked for, or an `ip -batch` that answers several (ip-batch.ts). */
  readonly argv: readonly string[];
  readonly resolved: string;
  /** Its stdin, written to `N.i` before sh starts: the batch's commands. */
  readonly input?: string;
  /** The places, in the argv list asked for, of the argvs it answers (a batch's in its order). */
  readonly serves: readonly number[];
}

/**
 * The script for `jobs`, whose words follow the temp dir in sh's arguments: `$1` is the dir,
 * then each job's words in order. Job N writes `$1/N.o`, `$1/N.e`, then `N STATUS` on stdout.
 *
 * The jobs run in a process group of their own (a timeout ends them all), which the
 * terminal's Ctrl-C does not reach: a guard waits on sh's stdin, a pipe from netdoctor, and
 * ends the group when it reads EOF. netdoctor closes it once the jobs are done, and the
 * kernel closes it when netdoctor dies, however it dies: no job outlives it.
 */
export function runAllScript(
  jobs: readonly { readonly words: number; readonly input?: boolean }[],
): string {
  let at = 2;
  const lines = jobs.map((job, n) => {
    const words = Array.from({ length: job.words }, (_, k) => `"\${${at + k}}"`);
    at += job.words;
    const input = job.input ? ` <"$1/${n}.i"` : '';
    return `{ ${words.join(' ')}${input} >"$1/${n}.o" 2>"$1/${n}.e"; echo "${n} $?"; } 3<&- & p${n}=$!`;
  });
  const pids = jobs.map((_, n) => `"$p${n}"`).join(' ');
  return [
    'exec 3<&0 </dev/null',
    '{ read -r _ <&3; kill 0; } >/dev/null 2>&1 &',
    ...lines,
    `wait ${pids}`,
    '',
  ].join('\n');
}

/** The statuses written so far, by job index. */
function statusLines(text: string): Map<number, number> {
  const statuses = new Map<number, number>();
  for (const line of text.split('\n')) {
    const m = /^(\d+) (\d+)$/.exec(line);
    if (m) statuses.set(Number(m[1]), Number(m[2]));
  }
  return statuses;
}

/** A job's output file, as text; bounded (a command's runaway output is not kept). */
function outputOf(file: string): { text: string; bytes: number } {
  try {
    const bytes = statSync(file).size;
    return bytes > MAX_OUTPUT_BYTES
      ? { text: '', bytes }
      : { text: readFileSync(file, 'utf8'), bytes };
  } catch {
    return { text: '', bytes: 0 };
  }
}

interface Ended {
  /** Each job's status as written, and when (ms after the start). */
  readonly statuses: Map<number, { code: number; atMs: number }>;
  /** Why the jobs were stopped: 'timeout', 'cancelled'; undefined when sh ended by itself. */
  readonly stopped?: string;
  /** sh could not start, or ended without its jobs' statuses. */
  readonly failed?: string;
  readonly exitCode: number | null;
  readonly durationMs: number;
}

/** Starts sh with the jobs and waits for it (and every job) to end. */
function runJobs(dir: string, jobs: readonly Job[], options: RunAllOptions): Promise<Ended> {
  const started = Date.now();
  const script = runAllScript(
    jobs.map((j) => ({ words: j.argv.length, input: j.input !== undefined })),
  );
  const words = jobs.flatMap((j) => [j.resolved, ...j.argv.slice(1)]);
  return new Promise((resolve) => {
    // Its own process group: a timeout ends sh and every job it started, not only sh.
    const child = spawn('sh', ['-c', script, 'netdoctor', dir, ...words], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, LC_ALL: 'C' },
      detached: true,
    });
    const group = {
      get pid() {
        return child.pid;
      },
      get exitCode() {
        return child.exitCode;
      },
      get signalCode() {
        return child.signalCode;
      },
      kill: (signal: NodeJS.Signals = 'SIGTERM') => killGroup(child.pid, signal),
      once: (event: 'exit' | 'error', listener: () => void) => child.once(event, listener),
    };
    trackChild(group);
    const statuses = new Map<number, { code: number; atMs: number }>();
    let text = '';
    // The guard's pipe (runAllScript): held open until the jobs are done.
    child.stdin.on('error', () => {});
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      text += chunk;
      const atMs = Date.now() - started;
      for (const [n, code] of statusLines(text)) {
        if (!statuses.has(n)) statuses.set(n, { code, atMs });
      }
    });
    let stopped: string | undefined;
    const stop = (why: string) => {
      if (stopped !== undefined) return;
      stopped = why;
      group.kill('SIGTERM');
      setTimeout(() => group.kill('SIGKILL'), KILL_AFTER_MS).unref();
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('cancelled');
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let failed: string | undefined;
    child.once('error', (e) => {
      failed = e.message;
    });
    // 'close': sh has ended and so has every job (each held the stdout pipe).
    child.once('close', (code) => {
      child.stdin.destroy();
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        statuses,
        ...(stopped !== undefined ? { stopped } : {}),
        ...(failed !== undefined ? { failed } : {}),
        exitCode: code,
        durationMs: Date.now() - started,
      });
    });
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): boolean {
  if (pid === undefined) return false;
  try {
    return process.kill(-pid, signal);
  } catch {
    return false;
  }
}

/** Job N's output as runCommand records it. */
function jobOutput(dir: string, job: Job, ended: Ended): CommandOutput {
  const status = ended.statuses.get(job.index);
  const out = outputOf(path.join(dir, `${job.index}.o`));
  const err = outputOf(path.join(dir, `${job.index}.e`));
  const over = out.bytes + err.bytes > MAX_OUTPUT_BYTES;
  const error = over
    ? `output over ${MAX_OUTPUT_BYTES} bytes`
    : status === undefined
      ? (ended.stopped ?? 'timeout')
      : undefined;
  return {
    argv: job.argv,
    resolved: job.resolved,
    exitCode: error !== undefined || status === undefined ? null : status.code,
    stdout: over ? '' : out.text,
    stderr: over ? '' : err.text,
    ...(error !== undefined ? { error } : {}),
    durationMs: status?.atMs ?? ended.durationMs,
  };
}

function notInstalled(argv: readonly string[]): CommandOutput {
  return {
    argv,
    resolved: null,
    exitCode: null,
    stdout: '',
    stderr: '',
    error: 'not-installed',
    durationMs: 0,
  };
}

/** Jobs started: their dir, and the end of their sh (or why sh could not be used). */
interface Batch {
  readonly key: string;
  readonly jobs: readonly Job[];
  /** The tools' version records kept from an earlier run (version-cache.ts), by place. */
  readonly cached: ReadonlyMap<number, CommandOutput>;
  /** Null: no temp dir; each argv runs alone. */
  readonly dir: string | null;
  readonly ended: Promise<Ended> | null;
}

/** The identity of an argv list: a batch started ahead serves only the very same list. */
function batchKey(argvs: readonly (readonly string[])[]): string {
  return argvs.map((argv) => argv.join('\0')).join('\n');
}

/** Starts the jobs now (synchronously: the sh is running when this returns). */
function launch(argvs: readonly (readonly string[])[], options: RunAllOptions): Batch {
  for (const argv of argvs) {
    if (argv.length === 0 || argv.some((a) => a.includes('\0'))) {
      throw new Error('runAll: an argv is empty or holds a NUL byte');
    }
  }
  // Each program is looked up once (a snapshot names `ip` eight times).
  const found = new Map<string, string | null>();
  const where = (program: string) => {
    if (program.includes('/')) return program;
    if (!found.has(program)) found.set(program, findExecutableSync(program));
    return found.get(program)!;
  };
  const jobs: Job[] = [];
  const cached = new Map<number, CommandOutput>();
  const add = (argv: readonly string[], serves: readonly number[], input?: string) => {
    const resolved = where(argv[0]!);
    if (resolved === null) return;
    const kept = serves.length === 1 ? versionCache().lookup(argv, resolved) : null;
    if (kept !== null) cached.set(serves[0]!, kept);
    else jobs.push({ index: jobs.length, argv, resolved, serves, ...(input ? { input } : {}) });
  };
  const { batches, alone } = planIpBatches(argvs);
  for (const at of alone) add(argvs[at]!, [at]);
  for (const b of batches) add(b.argv, b.members, b.input);
  const key = batchKey(argvs);
  if (jobs.length < 2) return { key, jobs, cached, dir: null, ended: null };
  let dir: string;
  try {
    dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-run-'));
    for (const job of jobs) {
      if (job.input !== undefined) writeFileSync(path.join(dir, `${job.index}.i`), job.input);
    }
  } catch {
    return { key, jobs, cached, dir: null, ended: null };
  }
  return { key, jobs, cached, dir, ended: runJobs(dir, jobs, options) };
}

let versions: VersionCache | undefined;

/** This process's cache of the tools' version records, read on first use. */
function versionCache(): VersionCache {
  versions ??= new VersionCache();
  return versions;
}

/**
 * Removes a batch's temp dir: the files its jobs wrote, by name, then the dir (a recursive
 * removal lists and checks every entry first: about 10 ms of a plain overview).
 */
function removeDir(dir: string, jobs: readonly Job[]): void {
  try {
    for (const job of jobs) {
      for (const ext of job.input !== undefined ? ['o', 'e', 'i'] : ['o', 'e']) {
        try {
          unlinkSync(path.join(dir, `${job.index}.${ext}`));
        } catch (err) {
          // A job sh never started wrote nothing.
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
    }
    rmdirSync(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The outputs of the argvs a job answers, each as runCommand records it; null for those it
 * cannot answer (a batch that did not surely run every command: each then runs alone).
 */
function answers(dir: string, job: Job, argvs: readonly (readonly string[])[], ended: Ended) {
  const out = jobOutput(dir, job, ended);
  if (job.serves.length === 1) return [{ ...out, argv: argvs[job.serves[0]!]! }];
  const parts = ended.stopped === undefined ? splitIpBatch(out, job.serves.length) : null;
  return job.serves.map((at, k) => {
    const argv = argvs[at]!;
    // Stopped (timeout, cancelled): each read ends as the batch did, as it would have alone.
    if (ended.stopped !== undefined) return { ...out, argv };
    const stdout = parts?.[k];
    return stdout === undefined ? null : { ...out, argv, stdout, stderr: '' };
  });
}

/** Batches started ahead of their asking (startAhead), by key; each serves one runAll. */
const ahead = new Map<string, Batch>();

/**
 * Starts `argvs` now, for a runAll that will ask for the very same list soon: netdoctor
 * starts the snapshot's commands before the app has loaded, so the two overlap (main.ts).
 * A batch nobody asks for is ended, and its files removed, when the process exits.
 */
export function startAhead(argvs: readonly (readonly string[])[], options: RunAllOptions): void {
  const batch = launch(argvs, options);
  ahead.set(batch.key, batch);
  process.once('exit', () => {
    if (ahead.get(batch.key) === batch && batch.dir !== null) removeDir(batch.dir, batch.jobs);
  });
}

/** How many batches started ahead still wait for their runAll (tests). */
export function waitingAhead(): number {
  return ahead.size;
}

/**
 * Runs every argv at once and records each as runCommand would (never throws for anything a
 * command did); with --debug, one line for the sh and one per command. When sh cannot be
 * used (no temp dir, no sh), each runs by itself through runCommand.
 */
export async function runAll(
  argvs: readonly (readonly string[])[],
  options: RunAllOptions,
): Promise<CommandOutput[]> {
  const outs = await runEach(argvs, options);
  // The versions that ran are kept for the next run (version-cache.ts).
  const cache = versionCache();
  for (const out of outs) cache.remember(out);
  cache.save();
  return outs;
}

async function runEach(
  argvs: readonly (readonly string[])[],
  options: RunAllOptions,
): Promise<CommandOutput[]> {
  const one = (argv: readonly string[]) =>
    runCommand(argv, {
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  const key = batchKey(argvs);
  // A batch started ahead has no signal to stop it: a caller that brings one starts its own.
  const started = options.signal === undefined ? ahead.get(key) : undefined;
  if (started) ahead.delete(key);
  const batch = started ?? launch(argvs, options);
  const { dir, cached } = batch;
  const kept = (at: number) => {
    const out = cached.get(at);
    if (out === undefined) return null;
    if (debugging()) debugEvent({ kind: 'ran', ...out, remembered: true });
    return out;
  };
  const eachAlone = () => Promise.all(argvs.map((argv, at) => kept(at) ?? one(argv)));
  if (dir === null || batch.ended === null) return eachAlone();
  try {
    const ended = await batch.ended;
    if (ended.failed !== undefined) return await eachAlone();
    if (debugging()) {
      const end = ended.stopped ?? `exit ${ended.exitCode ?? 'signal'}`;
      const count = batch.jobs.length;
      const durationMs = ended.durationMs;
      debugEvent({ kind: 'ran-together', count, end, durationMs, ahead: started !== undefined });
    }
    const outs = new Map<number, CommandOutput | null>();
    for (const job of batch.jobs) {
      // sh ended by itself yet said nothing of this job (it could not start it): alone.
      const started = ended.stopped !== undefined || ended.statuses.has(job.index);
      const answered = started ? answers(dir, job, argvs, ended) : job.serves.map(() => null);
      job.serves.forEach((at, k) => outs.set(at, answered[k] ?? null));
    }
    return await Promise.all(
      argvs.map(async (argv, at) => {
        const remembered = kept(at);
        if (remembered !== null) return remembered;
        if (!outs.has(at)) {
          const missing = notInstalled(argv);
          if (debugging()) debugEvent({ kind: 'ran', ...missing });
          return missing;
        }
        const out = outs.get(at);
        if (out === null || out === undefined) return one(argv);
        if (debugging()) debugEvent({ kind: 'ran', ...out });
        return out;
      }),
    );
  } finally {
    removeDir(dir, batch.jobs);
  }
}
