/**
 * mtr-packet as a child process: requests go to its stdin one line each, replies come back
 * on stdout one line each (mtr-packet(8)). Debian's mtr-tiny installs it with cap_net_raw,
 * so an ordinary user can send probes. Closing ends it: stdin closes, then SIGTERM, then
 * SIGKILL a moment later; `close()` resolves when it is gone, so nothing outlives a trace.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startable } from './tools.js';
import { trackChild } from './children.js';
import { debugEvent } from './debug.js';

export interface PacketChannel {
  /** Writes one request line (the newline is added). */
  readonly send: (line: string) => void;
  /** Ends mtr-packet and resolves when it has exited. */
  readonly close: () => Promise<void>;
  /** Its process id, for tests that check nothing is left behind. */
  readonly pid: number | undefined;
}

export interface PacketChannelExit {
  readonly code: number | null;
  readonly signal: string | null;
}

export type OpenPacketChannel = (
  onLine: (line: string) => void,
  onExit: (exit: PacketChannelExit) => void,
) => Promise<PacketChannel>;

const KILL_AFTER_MS = 500;

/** Starts mtr-packet. Throws ToolMissing (apt-get install mtr-tiny) when it is not there. */
export const openMtrPacket: OpenPacketChannel = (onLine, onExit) =>
  openLineChannel(['mtr-packet'], onLine, onExit);

/**
 * Starts argv as a channel: lines to its stdin, its stdout's lines to `onLine`, its stderr
 * ignored. Throws ToolMissing (naming the Debian package) when the program is not installed.
 */
export async function openLineChannel(
  argv: readonly string[],
  onLine: (line: string) => void,
  onExit: (exit: PacketChannelExit) => void,
): Promise<PacketChannel> {
  const { path, args } = await startable(argv);
  const startedAt = Date.now();
  debugEvent({ kind: 'started', argv });
  const ended = (code: number | null, signal: string | null, why = signal) => {
    debugEvent({
      kind: 'ran',
      argv,
      exitCode: code,
      durationMs: Date.now() - startedAt,
      stderr: '',
      ...(why !== null ? { error: why } : {}),
    });
    onExit({ code, signal });
  };
  const child = trackChild(
    spawn(path, args, {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, LC_ALL: 'C' },
    }),
  );
  // A write after mtr-packet died must not crash us: its exit is reported instead.
  child.stdin.on('error', () => {});
  createInterface({ input: child.stdout }).on('line', onLine);
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      ended(null, null, err.message);
      resolve();
    });
    child.once('close', (code, signal) => {
      ended(code, signal);
      resolve();
    });
  });
  await new Promise<void>((resolve) => {
    child.once('spawn', () => resolve());
    child.once('error', () => resolve());
  });
  return {
    pid: child.pid,
    send: (line) => {
      if (child.stdin.writable) child.stdin.write(`${line}\n`);
    },
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
        await exited;
        clearTimeout(timer);
      }
      await exited;
    },
  };
}
