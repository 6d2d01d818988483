/**
 * The `--ssh` transport: the system's OpenSSH client (the `ssh` found on PATH, so a wrapper
 * there works, and ~/.ssh/config, ProxyJump, agents and known_hosts apply as the user set
 * them). Nothing is installed on the far side; only its `sh` and the tools a command uses.
 *
 * - One master connection per host (`ControlMaster`), its socket in a private directory
 *   (mkdtemp: mode 0700) that netdoctor makes and removes when it exits. `SshHost.open` runs
 *   before any UI draws, so a password or passphrase prompt works on the terminal; every later
 *   command rides the master. `ControlPersist` is bounded (an idle master ends by itself even
 *   if netdoctor was SIGKILLed), and `ssh -O exit` ends it at netdoctor's exit.
 * - Without a terminal ssh runs in batch mode: nothing is asked, a refusal is one line.
 * - An unknown host key is never accepted silently: when the user's StrictHostKeyChecking is
 *   the default `ask`, netdoctor asks ssh for `yes` (refuse), and says which command fixes it.
 * - Remote commands: every argv word is quoted for the far shell (ssh-target.ts), and each
 *   runs under REMOTE_GUARD, which kills it when ssh's stdin closes: ssh forwards no signal
 *   without a pty, so stopping a probe, a dropped link or netdoctor's death close the channel
 *   and the far side cleans up by itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { trackChild } from './children.js';
import { ToolMissing } from './errors.js';
import type { CommandOutput } from './run.js';
import { collectChild, type ShScriptResult } from './sh-script.js';
import { sshFailed } from './ssh-failure.js';
import { shellCommand, shellQuote, sshTargetArgs, type SshTarget } from './ssh-target.js';
import type { StreamedProcess, StreamOptions } from './stream.js';
import { findExecutable, toolSpec } from './tools.js';

/** An idle master ends by itself after this: bounded, even when netdoctor could not end it. */
const CONTROL_PERSIST_SECONDS = 120;
const DEFAULT_TIMEOUT_MS = 10_000;
const KILL_AFTER_MS = 1000;

/** The exit code the guard gives when the program is not on the far side. */
export const REMOTE_NOT_INSTALLED = 127;

/**
 * Runs "$@" on the far side so that it dies when ssh's stdin closes (the probe stopped, the
 * link dropped, netdoctor quit or was killed): the child reads /dev/null, a watcher reads
 * stdin until EOF and then TERMs it (KILL a second later). The sbin directories join PATH,
 * as they do for local lookups (tools.ts); a program missing there exits 127 with a line.
 */
export const REMOTE_GUARD = [
  'PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"; LC_ALL=C; export PATH LC_ALL',
  'command -v "$1" >/dev/null 2>&1 || { printf "%s\\n" "$1: not installed" >&2; exit 127; }',
  // A background job's stdin is /dev/null unless redirected: the watcher gets ssh's via fd 3.
  'exec 3<&0',
  '"$@" </dev/null 3<&- & c=$!',
  '{ cat <&3 >/dev/null 2>&1; kill -TERM "$c" 2>/dev/null && { sleep 1; kill -KILL "$c" 2>/dev/null; }; } & w=$!',
  'exec 3<&-',
  'wait "$c"; r=$?',
  'kill "$w" 2>/dev/null',
  'exit "$r"',
].join('\n');

/** The same, for a program that reads its own stdin (mtr-packet): EOF on it ends the program. */
const REMOTE_EXEC = [
  'PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"; LC_ALL=C; export PATH LC_ALL',
  'command -v "$1" >/dev/null 2>&1 || { printf "%s\\n" "$1: not installed" >&2; exit 127; }',
  'exec "$@"',
].join('\n');

/** The remote command line (one string, for the far login shell) running argv under a guard. */
export function guardedCommand(argv: readonly string[], guard = REMOTE_GUARD): string {
  return `exec sh -c ${shellQuote(guard)} sh ${shellCommand(argv)}`;
}

let controlDir: string | null = null;
const hosts: SshHost[] = [];
/** Counts every master ever opened: its socket name. Hosts open concurrently (`path`), so
 * the name is taken before the first await, never from the list of open hosts. */
let opened = 0;

/** The private directory for the master sockets, made on first use, removed at exit. */
function privateDir(): string {
  if (controlDir === null) {
    controlDir = mkdtempSync(path.join(os.tmpdir(), 'netdoctor-ssh-'));
    process.once('exit', closeAllSshHosts);
  }
  return controlDir;
}

/** Ends every master and removes the socket directory. Synchronous: runs in 'exit'. */
export function closeAllSshHosts(): void {
  for (const host of hosts.splice(0)) host.close();
  if (controlDir !== null) rmSync(controlDir, { recursive: true, force: true });
  controlDir = null;
}

export interface SshOpenOptions {
  /** A terminal is there: ssh may ask for a password, a passphrase (on /dev/tty). */
  readonly interactive: boolean;
  /** Runs probes with `sudo -n` there (the person asked with --sudo). */
  readonly sudo?: boolean;
  readonly timeoutMs?: number;
}

export interface RemoteRunOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Written to the program's stdin, then closed. */
  readonly input?: string;
}

/** A host reached over ssh: its master connection, and commands run through it. */
export class SshHost {
  private constructor(
    readonly target: SshTarget,
    private readonly ssh: string,
    private readonly socket: string,
    private readonly extraOptions: readonly string[],
    readonly sudo: boolean,
  ) {}

  /** How the status line and reports name it. */
  get label(): string {
    return `${this.target.given} via ssh`;
  }

  /**
   * Opens the master connection (prompts, if any, happen now, on the terminal). Throws
   * SshFailed with one line naming the host and the fix; ToolMissing without ssh.
   */
  static async open(target: SshTarget, options: SshOpenOptions): Promise<SshHost> {
    const ssh = await findExecutable('ssh');
    if (ssh === null) throw new ToolMissing('ssh', 'openssh-client');
    const socket = path.join(privateDir(), `h${opened++}`);
    const extra = strictHostKeyOptions(ssh, target);
    const host = new SshHost(target, ssh, socket, extra, options.sudo ?? false);
    const argv = [
      ...host.options(options.interactive ? 'yes' : 'yes-batch'),
      '--',
      target.host,
      'exit 0',
    ];
    let failure: { code: number | null; stderr: string };
    if (options.interactive) {
      // The terminal is ssh's (prompts go to /dev/tty); stderr is kept for the one line.
      const r = spawnSync(ssh, argv, {
        stdio: ['inherit', 'inherit', 'pipe'],
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 120_000,
      });
      failure = { code: r.error ? null : r.status, stderr: r.stderr ?? '' };
    } else {
      const r = await host.spawnCollect(argv, undefined, options.timeoutMs ?? 20_000);
      failure = { code: r.timedOut ? null : r.code, stderr: r.timedOut ? 'timed out' : r.stderr };
    }
    if (failure.code !== 0) throw sshFailed(target, failure.stderr, !options.interactive);
    hosts.push(host);
    return host;
  }

  /**
   * ssh's options: our socket; `yes` opens the master, `auto` rides it (or, if it ended after
   * being idle, opens another: batch mode then, since no one can be asked mid-TUI).
   */
  private options(master: 'yes' | 'yes-batch' | 'auto'): string[] {
    return [
      '-o',
      `ControlPath=${this.socket.replace(/%/g, '%%')}`,
      '-o',
      `ControlMaster=${master === 'auto' ? 'auto' : 'yes'}`,
      '-o',
      `ControlPersist=${CONTROL_PERSIST_SECONDS}`,
      ...(master === 'yes' ? [] : ['-o', 'BatchMode=yes']),
      ...this.extraOptions,
      ...sshTargetArgs(this.target),
    ];
  }

  /**
   * The argv of a program as it runs there: as the far user, or with `sudo -n` in front when
   * the person asked (--sudo): never a password prompt, a refusal is the command's failure.
   */
  private remoteArgv(argv: readonly string[]): readonly string[] {
    return this.sudo ? ['sudo', '-n', ...argv] : argv;
  }

  private readonly programs = new Map<string, Promise<boolean>>();

  /** Whether the far side has `program` (on PATH or in sbin), asked once per program. */
  hasProgram(program: string): Promise<boolean> {
    let known = this.programs.get(program);
    if (known === undefined) {
      known = this.run(['command', '-v', program]).then((r) => r.exitCode === 0);
      this.programs.set(program, known);
    }
    return known;
  }

  private sshArgv(remoteCommand: string): string[] {
    return [...this.options('auto'), '--', this.target.host, remoteCommand];
  }

  /** Runs ssh with `input` on stdin (kept open until it exits when undefined). */
  private spawnCollect(
    argv: readonly string[],
    input: string | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
  ) {
    return collectChild(this.ssh, argv, input, timeoutMs, signal);
  }

  /** Runs a POSIX sh script there (`sh -s`, the script on stdin): the snapshot collector. */
  async runScript(script: string, timeoutMs = 60_000): Promise<ShScriptResult> {
    const sh = shellCommand(this.remoteArgv(['sh', '-s']));
    const r = await this.spawnCollect(this.sshArgv(`exec ${sh}`), script, timeoutMs);
    const error = r.timedOut
      ? 'timeout'
      : r.code === 255
        ? sshFailed(this.target, r.stderr, true).message
        : undefined;
    return {
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.code,
      ...(error !== undefined ? { error } : {}),
    };
  }

  /**
   * Runs argv there and records what happened, like runCommand: never throws. ssh's own
   * failure (exit 255 with its complaint) is the record's error, in one line.
   */
  async run(argv: readonly string[], options: RemoteRunOptions = {}): Promise<CommandOutput> {
    const started = Date.now();
    const remote = argv[0] === 'command' ? argv : this.remoteArgv(argv);
    // Input for the program: it reads stdin itself, and its EOF ends it (no guard needed).
    const guard = options.input !== undefined ? REMOTE_EXEC : REMOTE_GUARD;
    const r = await this.spawnCollect(
      this.sshArgv(guardedCommand(remote, guard)),
      options.input,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      options.signal,
    );
    const error = r.timedOut
      ? 'timeout'
      : r.cancelled
        ? 'cancelled'
        : r.code === REMOTE_NOT_INSTALLED && /: not installed\n?$/.test(r.stderr)
          ? 'not-installed'
          : r.code === 255 && this.isTransportFailure(r.stderr)
            ? sshFailed(this.target, r.stderr, true).message
            : undefined;
    return {
      argv,
      resolved: null,
      exitCode: error === undefined || error === 'not-installed' ? r.code : null,
      stdout: r.stdout.toString('utf8'),
      stderr: r.stderr,
      ...(error !== undefined ? { error } : {}),
      durationMs: Date.now() - started,
    };
  }

  /** ssh's own complaint, not the far program's exit 255. */
  private isTransportFailure(stderr: string): boolean {
    return /^(ssh: |Control socket|mux_client|Connection |Host key|kex_|Permission denied|Timeout, server)/m.test(
      stderr,
    );
  }

  /**
   * Streams argv's lines from there (a probe, `ip monitor`), like streamLines. Stopping
   * ends the local ssh; the channel closes and the guard there kills the program.
   */
  async stream(
    argv: readonly string[],
    options: StreamOptions & { ownStdin?: boolean },
  ): Promise<StreamedProcess & { readonly send: (line: string) => void }> {
    const program = argv[0] ?? '';
    if (!(await this.hasProgram(program))) throw new ToolMissing(program, debianPackageOf(program));
    const remote = this.remoteArgv(argv);
    const command = guardedCommand(remote, options.ownStdin ? REMOTE_EXEC : REMOTE_GUARD);
    const child = trackChild(
      spawn(this.ssh, this.sshArgv(command), {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C' },
      }),
    );
    child.stdin.on('error', () => {});
    let killed = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (killed || child.exitCode !== null || child.signalCode !== null) return;
      killed = true;
      child.stdin.end();
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
      killTimer.unref();
    };
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
    createInterface({ input: child.stdout }).on('line', options.onLine);
    const onErrorLine = options.onErrorLine;
    if (onErrorLine) createInterface({ input: child.stderr }).on('line', onErrorLine);
    else child.stderr.resume();
    const started = new Promise<void>((resolve) => {
      child.once('spawn', () => resolve());
      child.once('error', () => resolve());
    });
    const done = new Promise<{ exitCode: number | null; killed: boolean }>((resolve) => {
      child.once('error', () => resolve({ exitCode: null, killed }));
      child.once('close', (code) => {
        if (killTimer) clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', stop);
        resolve({ exitCode: code, killed });
      });
    });
    const send = (line: string) => {
      if (child.stdin.writable) child.stdin.write(`${line}\n`);
    };
    return { started, done, stop, send };
  }

  /** Ends the master (its sessions close, so the guards there end their programs). */
  close(): void {
    const at = hosts.indexOf(this);
    if (at >= 0) hosts.splice(at, 1);
    spawnSync(this.ssh, [...this.options('auto'), '-O', 'exit', '--', this.target.host], {
      stdio: 'ignore',
      timeout: 3000,
    });
  }
}

function debianPackageOf(program: string): string {
  try {
    return toolSpec(program).debianPackage;
  } catch {
    return program;
  }
}

/**
 * `-o StrictHostKeyChecking=yes` when the user's setting is ssh's default `ask`: an unknown
 * key is then refused and netdoctor says how to accept it; `accept-new` or `no`, set by the
 * user on purpose, are left as they are. Read with `ssh -G`, which prints the settings ssh
 * would use for this host.
 */
function strictHostKeyOptions(ssh: string, target: SshTarget): string[] {
  const r = spawnSync(ssh, ['-G', ...sshTargetArgs(target), '--', target.host], {
    encoding: 'utf8',
    timeout: 5000,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('stricthostkeychecking '));
  const value = line?.split(' ')[1]?.trim();
  return value === undefined || value === 'ask' ? ['-o', 'StrictHostKeyChecking=yes'] : [];
}
