/**
 * Draws the App on the real terminal in the alternate screen, and gives the terminal back
 * as it was on every way out: q, Ctrl-C, an error, a signal.
 */
import { render } from 'ink';
import { App, type AppProps } from './App.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

export type TuiOptions = Omit<AppProps, 'size'>;

/** Draws the App until it quits; `ports` are the live ones (src/wiring/live-ports.ts). */
export async function runTui(props: TuiOptions): Promise<void> {
  const out = process.stdout;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  out.write(ENTER_ALT_SCREEN);
  process.once('exit', restore);
  const onSignal = () => {
    instance.unmount();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  const instance = render(<App {...props} />, { exitOnCtrlC: false, patchConsole: true });
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}
