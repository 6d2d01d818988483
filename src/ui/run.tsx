/**
 * Draws the App on the real terminal in the alternate screen, and gives the terminal back
 * as it was on every way out: q, Ctrl-C, an error, a signal.
 */
import { render } from 'ink';
import { App, type AppProps } from './App.js';
import { DiscoverProbeContext, realDiscoverProbe } from './panels/discover/probe.js';
import { GarpDepsContext } from './panels/arp/use-garp-runner.js';
import { liveGarpDeps } from '../probes/garp/live.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

export interface TuiOptions extends Omit<AppProps, 'size'> {
  /** Who Discover's S key logs in as (--ssh-user); the current user when absent. */
  readonly sshUser?: string;
}

export async function runTui({ sshUser, ...props }: TuiOptions): Promise<void> {
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
  // The one place the real probes are wired: an App rendered anywhere else (tests) cannot
  // send a packet, start ssh or write a file.
  const instance = render(
    <GarpDepsContext.Provider value={liveGarpDeps()}>
      <DiscoverProbeContext.Provider value={realDiscoverProbe(sshUser)}>
        <App {...props} />
      </DiscoverProbeContext.Provider>
    </GarpDepsContext.Provider>,
    { exitOnCtrlC: false, patchConsole: true },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}
