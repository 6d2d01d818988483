/**
 * Frame tests over Ink: a fake terminal of a fixed size (80x24 unless told), key presses by
 * name, and waiting for the frame to change or show something rather than sleeping (Shopify
 * cli-kit's `sendInputAndWaitForChange` is the model).
 *
 * Why not ink-testing-library's `render`: its stdout has a fixed width of 100 columns and no
 * rows, and our shell is laid out for the terminal's size (80x24 by default, following
 * resizes), with a frame one row shorter than the screen. So the fake terminal here has both
 * sizes and emits `resize`, as a real one does. The library is still used for components
 * that do not depend on the size (see the ErrorBoundary test).
 */
import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render } from 'ink';
import { columnsOf } from '../../src/text/width.js';

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** Terminal byte sequences for the keys the keymap names. */
export const KEYS: Readonly<Record<string, string>> = {
  tab: '\t',
  'shift+tab': '\u001b[Z',
  escape: '\u001b',
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  left: '\u001b[D',
  right: '\u001b[C',
  pageup: '\u001b[5~',
  pagedown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  'ctrl+c': '\u0003',
  space: ' ',
};

export interface Tui {
  lastFrame(): string;
  /**
   * Presses a key by name (`tab`, `q`, `ctrl+c`, ...) and waits until Ink draws a new frame,
   * or until the event loop has gone quiet without one (a key that changes nothing).
   */
  press(name: string): Promise<void>;
  /** Presses a key and fails unless the frame changes. */
  pressAndWaitForChange(name: string, timeoutMs?: number): Promise<string>;
  /** How many frames Ink has drawn so far. */
  frameCount(): number;
  /** Every frame Ink has drawn so far, in order. */
  frames(): readonly string[];
  waitForContent(expected: string | RegExp, timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
  /** Resolves when the app exits (q, Ctrl-C); rejects if it does not within the time. */
  exited(timeoutMs?: number): Promise<void>;
  unmount(): void;
}

/** One turn of the event loop: lets pending input, renders and effects run. No timer. */
const turn = () => new Promise<void>((r) => setImmediate(r));
/** Turns without a new frame after which a key is taken to have changed nothing. */
const QUIET_TURNS = 30;

export function renderTui(element: ReactElement, size = { columns: 80, rows: 24 }): Tui {
  const stdout = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const instance = render(element, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  let exited = false;
  void instance.waitUntilExit().then(() => {
    exited = true;
  });
  const lastFrame = () => stdout.frames.at(-1) ?? '';
  return {
    lastFrame,
    async press(name) {
      const before = stdout.frames.length;
      stdin.write(KEYS[name] ?? name);
      for (let i = 0; i < QUIET_TURNS && stdout.frames.length === before; i++) await turn();
      // A frame came: let React commit its effects before the next key.
      await turn();
    },
    async pressAndWaitForChange(name, timeoutMs = 3000) {
      const before = lastFrame();
      stdin.write(KEYS[name] ?? name);
      const deadline = Date.now() + timeoutMs;
      while (lastFrame() === before) {
        if (Date.now() > deadline) throw new Error(`the frame did not change on ${name}`);
        await turn();
      }
      await turn();
      return lastFrame();
    },
    frameCount: () => stdout.frames.length,
    frames: () => [...stdout.frames],
    async waitForContent(expected, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      const matches = (f: string) =>
        typeof expected === 'string' ? f.includes(expected) : expected.test(f);
      while (!matches(lastFrame())) {
        if (Date.now() > deadline) {
          throw new Error(`frame never showed ${String(expected)}; last frame:\n${lastFrame()}`);
        }
        await turn();
      }
      await turn();
      return lastFrame();
    },
    async resize(columns, rows) {
      const before = stdout.frames.length;
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      for (let i = 0; i < QUIET_TURNS && stdout.frames.length === before; i++) await turn();
    },
    async exited(timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (!exited) {
        if (Date.now() > deadline) throw new Error('the app did not exit');
        await turn();
      }
    },
    unmount: () => instance.unmount(),
  };
}

/** The widest line of a frame, in terminal columns (frames are plain: no colour in tests). */
export function frameWidth(frame: string): number {
  return Math.max(...frame.split('\n').map((l) => columnsOf(l)));
}

/** Fails unless the frame fits an 80x24 terminal: 80 columns, one row short of 24. */
export function fits(frame: string): string {
  const width = frameWidth(frame);
  const lines = frame.split('\n').length;
  if (width > 80 || lines > 23) {
    throw new Error(`the frame is ${width}x${lines}, more than 80x23:\n${frame}`);
  }
  return frame;
}

/** Types text on a question line, a key at a time (digits, q and spaces included). */
export async function typeText(t: Tui, text: string): Promise<void> {
  for (const c of text) await t.press(c === ' ' ? 'space' : c);
}
