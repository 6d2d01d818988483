/**
 * The one place that runs a command to its end. Arguments always go as an array: nothing is
 * ever passed through a shell.
 *
 * The contract, exactly:
 *
 * - `runCommand` returns a CommandOutput for everything the command does or fails to do:
 *   not installed (`error: 'not-installed'`, nothing run), could not start (`error` is the
 *   spawn error, e.g. "spawn /x EACCES"), a non-zero exit (`exitCode`), killed by a signal
 *   (`exitCode: null`), past its timeout (`error: 'timeout'`), its AbortSignal aborted
 *   (`error: 'cancelled'`, also when aborted before it started). It throws only for a call
 *   that is a bug in netdoctor: an empty argv, or an argument holding a NUL byte (no program
 *   can receive one; every argv is built from checked input).
 * - `runTool` (and `checkedOutput`, the same check on an output some other way ran) throws a
 *   SystemError instead: ToolMissing (names the Debian package), Timeout, or CommandFailed
 *   (an exit code not in `okExitCodes`, default [0], with stderr's first line; a command
 *   that could not start, was killed or was cancelled fails with "exit signal"); it returns
 *   the output only when the command succeeded. It throws what runCommand throws too.
 */
import { CommandFailed, Timeout, ToolMissing } from './errors.js';
import { debianPackageOf, findExecutable } from './tools.js';
import { spawnCollect } from './spawn-collect.js';
import { debugEvent, debugging } from './debug.js';

/** What a command printed, exactly, with how it ended. */
export interface CommandOutput {
  readonly argv: readonly string[];
  /** The executable that ran, resolved from PATH and the sbin directories. */
  readonly resolved: string | null;
  /** Null when the command did not run or was killed by a signal. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it did not run or finish: 'not-installed', 'timeout', 'cancelled', or the spawn error. */
  readonly error?: string;
  readonly durationMs: number;
}

export interface RunOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Text written to the command's standard input. */
  readonly input?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Runs argv and records what happened, whatever happened (see the contract above); with
 * --debug, says so on stderr as it ends (debug.ts).
 */
export async function runCommand(
  argv: readonly string[],
  options: RunOptions = {},
): Promise<CommandOutput> {
  const out = await run(argv, options);
  if (debugging()) debugEvent({ kind: 'ran', ...out });
  return out;
}

async function run(argv: readonly string[], options: RunOptions): Promise<CommandOutput> {
  const started = Date.now();
  const [program, ...args] = argv;
  if (program === undefined) throw new Error('runCommand needs a program');
  if (argv.some((a) => a.includes('\0')))
    throw new Error('runCommand: an argument holds a NUL byte');
  const resolved = program.includes('/') ? program : await findExecutable(program);
  if (resolved === null) {
    return {
      argv,
      resolved,
      exitCode: null,
      stdout: '',
      stderr: '',
      error: 'not-installed',
      durationMs: 0,
    };
  }
  const result = await spawnCollect(resolved, args, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.input !== undefined ? { input: options.input } : {}),
    env: { ...process.env, LC_ALL: 'C' },
  });
  return {
    argv,
    resolved,
    exitCode: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    ...(result.error !== undefined ? { error: result.error } : {}),
    durationMs: Date.now() - started,
  };
}

/**
 * Runs a known tool and insists that it succeeded: a missing tool, a timeout or a non-zero
 * exit become typed errors. For probes, which need the answer, not the record.
 */
export async function runTool(
  argv: readonly string[],
  options: RunOptions & { okExitCodes?: readonly number[] } = {},
): Promise<CommandOutput> {
  return checkedOutput(await runCommand(argv, options), options);
}

/** The output when the command succeeded; else the SystemError that says how it did not. */
export function checkedOutput(
  out: CommandOutput,
  options: { timeoutMs?: number; okExitCodes?: readonly number[] } = {},
): CommandOutput {
  const program = out.argv[0] ?? '';
  if (out.error === 'not-installed') throw new ToolMissing(program, debianPackageOf(program));
  if (out.error === 'timeout') throw new Timeout(out.argv, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const ok = options.okExitCodes ?? [0];
  if (out.exitCode === null || !ok.includes(out.exitCode)) {
    throw new CommandFailed(out.argv, out.exitCode, out.stderr || (out.error ?? ''));
  }
  return out;
}
