/**
 * `--debug` and NETDOCTOR_DEBUG=1: every command netdoctor runs and every file it reads, one
 * line each as it happens (argv or path, exit code or size, duration, the first line of
 * stderr), like cli-kit's outputDebug. The lines are written by src/system/ itself (run.ts,
 * stream.ts, mtr-packet.ts, files.ts), so nothing that reaches the OS can be left out, and
 * each line goes through safeText: a tool's stderr or a path may hold escape sequences.
 *
 * Where they go: to the file NETDOCTOR_DEBUG_FILE names (appended), else to stderr. The TUI
 * never has them on its screen: while it draws, lines bound for a stderr that is a terminal
 * are counted and dropped (`holdWhileDrawing`), and the count is said once it has quit;
 * with `2>FILE` or NETDOCTOR_DEBUG_FILE they are all kept.
 */
import { appendFileSync } from 'node:fs';
import { safeText } from '../text/safe.js';
import { firstLine } from '../text/first-line.js';

/** Something netdoctor did on the OS, as a debug line tells it. */
export type DebugEvent =
  | {
      readonly kind: 'ran';
      readonly argv: readonly string[];
      readonly exitCode: number | null;
      readonly durationMs: number;
      readonly stderr: string;
      /** Why it did not run or finish ('not-installed', 'timeout', 'cancelled', a spawn error). */
      readonly error?: string;
      /** Not run: its record kept from an earlier run (version-cache.ts). */
      readonly remembered?: boolean;
    }
  | { readonly kind: 'started'; readonly argv: readonly string[] }
  | {
      /** Several commands started at once by one sh (run-all.ts); each has its own line too. */
      readonly kind: 'ran-together';
      readonly count: number;
      /** How sh ended: `exit 0`, 'timeout', 'cancelled'. */
      readonly end: string;
      readonly durationMs: number;
      /** Started before the app had loaded (commands/overview-ahead.ts). */
      readonly ahead?: boolean;
    }
  | {
      readonly kind: 'read' | 'listed' | 'wrote';
      readonly path: string;
      readonly durationMs: number;
      /** Bytes read or written, names listed; null when it failed. */
      readonly size: number | null;
      readonly error?: string;
    }
  | {
      readonly kind: 'handed-over';
      readonly argv: readonly string[];
      readonly exitCode: number | null;
    };

/** A word of argv as a shell would read it back: quoted when it holds anything but plain text. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function argvText(argv: readonly string[]): string {
  return argv.map(shellWord).join(' ');
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

/** The event as one terminal-safe line, without its newline. */
export function debugLine(e: DebugEvent): string {
  let text: string;
  switch (e.kind) {
    case 'ran': {
      const end = e.error !== undefined ? e.error : `exit ${e.exitCode ?? 'signal'}`;
      const err = firstLine(e.stderr.trim());
      text = e.remembered
        ? `kept ${argvText(e.argv)}: ${end}, as it ran before (same program and libraries)${err ? `: ${err}` : ''}`
        : `ran ${argvText(e.argv)}: ${end}, ${ms(e.durationMs)}${err ? `: ${err}` : ''}`;
      break;
    }
    case 'started':
      text = `started ${argvText(e.argv)}`;
      break;
    case 'ran-together':
      text = `ran ${e.count} commands at once through one sh${e.ahead ? ', started before the app loaded' : ''}: ${e.end}, ${ms(e.durationMs)}`;
      break;
    case 'handed-over':
      text = `ran ${argvText(e.argv)} on the terminal: exit ${e.exitCode ?? 'signal'}`;
      break;
    default: {
      const unit = e.kind === 'listed' ? 'names' : 'bytes';
      const what = e.size === null ? (e.error ?? 'failed') : `${e.size} ${unit}`;
      text = `${e.kind} ${e.path}: ${what}, ${ms(e.durationMs)}`;
    }
  }
  return `netdoctor debug: ${safeText(text)}`;
}

interface Sink {
  readonly write: (line: string) => void;
  /** The lines land on a terminal (stderr is one, and no file was named). */
  readonly onTerminal: boolean;
}

let sink: Sink | null = null;
let holding = false;
let held = 0;

/** Whether debug lines are being written: src/system/ asks before it gathers one. */
export function debugging(): boolean {
  return sink !== null;
}

/** Writes the event's line, or counts it while the TUI holds the terminal. */
export function debugEvent(e: DebugEvent): void {
  if (sink === null) return;
  if (holding && sink.onTerminal) {
    held++;
    return;
  }
  sink.write(`${debugLine(e)}\n`);
}

export interface DebugTarget {
  readonly env: NodeJS.ProcessEnv;
  /** stderr. */
  readonly err: (text: string) => void;
  readonly errIsTerminal: boolean;
}

/** Whether --debug (already taken out of argv) or NETDOCTOR_DEBUG asks for the lines. */
export function debugWanted(flag: boolean, env: NodeJS.ProcessEnv): boolean {
  const v = env['NETDOCTOR_DEBUG'];
  return flag || (v !== undefined && v !== '' && v !== '0');
}

/** Starts the lines: to NETDOCTOR_DEBUG_FILE when set (appended, 0600), else to stderr. */
export function startDebug(target: DebugTarget): void {
  const file = target.env['NETDOCTOR_DEBUG_FILE'];
  sink =
    file !== undefined && file !== ''
      ? { write: (line) => appendFileSync(file, line, { mode: 0o600 }), onTerminal: false }
      : { write: target.err, onTerminal: target.errIsTerminal };
}

export function stopDebug(): void {
  sink = null;
  holding = false;
  held = 0;
}

/**
 * The TUI is about to draw: lines bound for the terminal are held back (counted, dropped)
 * until the returned function is called, which says how many were.
 */
export function holdWhileDrawing(): () => number {
  holding = true;
  held = 0;
  return () => {
    holding = false;
    const n = held;
    held = 0;
    return n;
  };
}

/** What to say after the TUI when lines were held back. */
export function heldNote(count: number): string {
  return `netdoctor debug: ${count} lines were not shown while the TUI was on the terminal; NETDOCTOR_DEBUG_FILE=FILE keeps them (or 2>FILE)`;
}
