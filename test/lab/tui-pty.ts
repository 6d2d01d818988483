/**
 * The TUI in a real pseudo-terminal inside a lab namespace: `script` (util-linux) gives it a
 * pty, so it draws in the alternate screen and reads keys in raw mode as it does for a
 * person. The test types keys, waits for words on the screen, and signals the node process.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { NETDOCTOR } from './lab.js';

export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

/**
 * Whether the terminal was given back: leaving the alternate screen is the last thing drawn.
 * Only cursor-show may follow it (Ink's cursor restorer runs at exit too, after ours), since
 * a visible cursor is part of giving the terminal back.
 */
export function gaveScreenBack(raw: string): boolean {
  let tail = raw.trimEnd();
  while (tail.endsWith(SHOW_CURSOR)) tail = tail.slice(0, -SHOW_CURSOR.length).trimEnd();
  return tail.endsWith(LEAVE_ALT_SCREEN);
}
export const ENTER_ALT_SCREEN = '\u001b[?1049h';

/** CSI sequences, charset choices and keypad modes: what is left is the words drawn. */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]|\u001b[()][A-Z0-9]|\u001b[=>]/g;

export interface PtyTui {
  /** Everything written to the terminal, escapes included. */
  readonly raw: () => string;
  /** What was written, escape sequences removed: to look for words. */
  readonly text: () => string;
  /** Resolves once the text written since the last `keys` matches `pattern`. */
  readonly waitFor: (pattern: RegExp, ms?: number) => Promise<void>;
  /**
   * Types each argument as one write, a moment apart: a whole chunk, as SSH or a paste
   * delivers it (the TUI takes every key of a chunk in order).
   */
  readonly keys: (...typed: string[]) => Promise<void>;
  /** For a failed test: ends the TUI and script at once (SIGKILL), leaving nothing. */
  readonly kill: () => void;
  /** The node process drawing the TUI (script's child: `exec node`). */
  readonly nodePid: () => number;
  /** Script's exit code, which is the TUI's (-e), once it has ended. */
  readonly exited: Promise<number | null>;
  readonly script: ChildProcessWithoutNullStreams;
}

/**
 * Starts `netdoctor ARGS` (the TUI) as root on a 100x30 pty, in lab namespace `ns`, or with
 * null where the work itself makes namespaces and sends nothing outside them (--prove).
 */
export function startTuiInPty(ns: string | null, args: readonly string[] = []): PtyTui {
  const command = [...NETDOCTOR, ...args].map((w) => `'${w}'`).join(' ');
  const inPty = ['script', '-qefc', `stty cols 100 rows 30; exec ${command}`, '/dev/null'];
  const argv = ns === null ? inPty : ['ip', 'netns', 'exec', ns, ...inPty];
  const script = spawn(argv[0] ?? 'script', argv.slice(1), {
    env: { PATH: process.env['PATH'] ?? '', HOME: '/root', LC_ALL: 'C', TERM: 'xterm' },
  });
  let raw = '';
  /** Where the output stood when the last keys were typed. */
  let since = 0;
  script.stdout.setEncoding('utf8');
  script.stdout.on('data', (chunk: string) => (raw += chunk));
  script.stdin.on('error', () => {}); // the pty may be gone when a key arrives
  const exited = new Promise<number | null>((resolve) =>
    script.on('exit', (code) => resolve(code)),
  );
  const strip = (t: string) => t.replace(ESCAPES, '');
  const text = () => strip(raw);
  return {
    raw: () => raw,
    text,
    script,
    exited,
    keys: async (...typed) => {
      since = raw.length;
      for (const k of typed) {
        await new Promise((r) => setTimeout(r, 300));
        script.stdin.write(k);
      }
    },
    kill: () => {
      // Everything in the lab box first (the TUI's children included), then the TUI.
      if (ns !== null) for (const p of processesIn(ns, /./)) killQuietly(Number.parseInt(p, 10));
      if (script.exitCode !== null) return;
      try {
        killQuietly(nodePid());
      } catch {
        // not started yet, or gone
      }
      script.kill('SIGKILL');
    },
    waitFor: async (pattern, ms = 15_000) => {
      const until = Date.now() + ms;
      while (!pattern.test(strip(raw.slice(since)))) {
        if (Date.now() > until || script.exitCode !== null) {
          throw new Error(`no ${pattern} on the screen in ${ms} ms:\n${text().slice(-3000)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    nodePid,
  };
  function nodePid(): number {
    // `exec node` in script's child: node is script's only child.
    const out = execFileSync('pgrep', ['-x', '-P', String(script.pid), 'node'], {
      encoding: 'utf8',
    });
    return Number(out.split('\n')[0]);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** The processes in namespace `ns` whose command line matches `pattern` (ip netns pids). */
export function processesIn(ns: string, pattern: RegExp): string[] {
  const pids = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  return pids.flatMap((pid) => {
    try {
      const args = execFileSync('ps', ['-o', 'args=', '-p', pid], { encoding: 'utf8' }).trim();
      return pattern.test(args) ? [`${pid} ${args}`] : [];
    } catch {
      return []; // gone meanwhile
    }
  });
}
