/**
 * The one place that runs subprocesses. Arguments always go as an array: nothing is ever
 * passed through a shell.
 */
import { execa } from 'execa';
import { CommandFailed, Timeout, ToolMissing } from './errors.js';
import { findExecutable, toolSpec } from './tools.js';
import { trackChild } from './children.js';

/** What a command printed, exactly, with how it ended. Never throws. */
export interface CommandOutput {
  readonly argv: readonly string[];
  /** The executable that ran, resolved from PATH and the sbin directories. */
  readonly resolved: string | null;
  /** Null when the command did not run or was killed by a signal. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it did not run or finish: 'not-installed', 'timeout', or the spawn error. */
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

/** Runs argv and records what happened, whatever happened. */
export async function runCommand(
  argv: readonly string[],
  options: RunOptions = {},
): Promise<CommandOutput> {
  const started = Date.now();
  const [program, ...args] = argv;
  if (program === undefined) throw new Error('runCommand needs a program');
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
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const result = await trackChild(
    execa(resolved, args, {
      reject: false,
      timeout,
      ...(options.signal ? { cancelSignal: options.signal } : {}),
      ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
      stripFinalNewline: false,
      env: { LC_ALL: 'C' },
    }),
  );
  const error = result.timedOut
    ? 'timeout'
    : result.isCanceled
      ? 'cancelled'
      : result.failed && result.exitCode === undefined
        ? (result.originalMessage ?? result.shortMessage)
        : undefined;
  return {
    argv,
    resolved,
    exitCode: result.exitCode ?? null,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    ...(error !== undefined ? { error } : {}),
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
  const out = await runCommand(argv, options);
  const program = argv[0] ?? '';
  if (out.error === 'not-installed')
    throw new ToolMissing(program, toolSpec(program).debianPackage);
  if (out.error === 'timeout') throw new Timeout(argv, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const ok = options.okExitCodes ?? [0];
  if (out.exitCode === null || !ok.includes(out.exitCode)) {
    throw new CommandFailed(argv, out.exitCode, out.stderr);
  }
  return out;
}
