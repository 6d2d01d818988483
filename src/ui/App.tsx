/** The shell around every panel: tab bar, the panel, the status line, the keys and the jobs. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, useApp, useStdin, useStdout } from 'ink';
import { reducer } from './reducer.js';
import {
  initialState,
  panelBodyRows,
  type AppStart,
  type AppState,
  type HostOrigin,
  type TerminalSize,
} from './state.js';
import type { Action } from './actions.js';
import { bindingFor } from './keymap.js';
import { useKeys } from './input/use-keys.js';
import type { KeyPress } from './input/keys.js';
import { editLine } from './question/line.js';
import { useHostLoader, type HostLoader } from './use-host-loader.js';
import { sizeOf, useTerminalSize } from './use-terminal-size.js';
import { useJobTick } from './use-job-tick.js';
import { ThemeContext } from './theme.js';
import { JobStore } from './jobs.js';
import { UNWIRED_PORTS, type UiPorts } from './ports.js';
import { isEffect, type AnyPanel, type PanelAction, type PanelEffects } from './panel-module.js';
import { PANELS } from './panels/index.js';
import { TabBar } from './components/TabBar.js';
import { StatusLine } from './components/StatusLine.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { ScrollClampContext } from './components/DocumentView.js';

const CLEAR_SCREEN = '\u001b[2J\u001b[H';
/** Bracketed paste (run.tsx turns it on): off while another program has the terminal. */
export const PASTE_ON = '\u001b[?2004h';
export const PASTE_OFF = '\u001b[?2004l';

export interface AppProps {
  readonly origin: HostOrigin;
  readonly loadHost: HostLoader;
  readonly color: boolean;
  /** A fixed terminal size (frame tests); otherwise the terminal's, followed on resize. */
  readonly size?: TerminalSize;
  /** The ways out into the world; unwired (refusing everything) unless runTui wires them. */
  readonly ports?: UiPorts;
  /** The app's jobs; a fresh store unless given (a test that watches them gives one). */
  readonly jobs?: JobStore;
  /** Open on this panel instead of the first (`netdoctor --plan FILE`). */
  readonly start?: AppStart;
}

/** The state the app opens in: the first panel, or the one `start` names, as it asks. */
function opening(state: AppState, start: AppStart | undefined): AppState {
  if (!start) return state;
  const at = reducer(state, { type: 'panel/select', panel: start.panel });
  return start.action
    ? reducer(at, { type: 'panel/action', panel: start.panel, action: start.action })
    : at;
}

export function App({
  origin,
  loadHost,
  color,
  size,
  ports = UNWIRED_PORTS,
  jobs,
  start,
}: AppProps) {
  const { stdout } = useStdout();
  const { setRawMode, isRawModeSupported } = useStdin();
  const { exit } = useApp();
  // The state lives in a ref that every action moves at once, and React draws it: the
  // keys of one chunk ("/8.8.8.8\r", "23") each see what the key before them did, before
  // React has rendered it.
  const [state, setState] = useState(() =>
    opening(initialState(origin, size ?? sizeOf(stdout)), start),
  );
  const latest = useRef(state);
  const dispatch = useCallback((action: Action) => {
    latest.current = reducer(latest.current, action);
    setState(latest.current);
  }, []);
  const store = useMemo(() => jobs ?? new JobStore(), [jobs]);
  useJobTick(store);
  useTerminalSize(dispatch, size !== undefined);
  const refresh = useHostLoader(loadHost, dispatch);
  // Quitting (or unmounting for any reason) stops every job and its children.
  useEffect(() => () => store.cancelAll(), [store]);

  const handOver = useCallback(
    (argv: readonly string[]) => {
      // The terminal goes to the program: out of raw mode, a clean screen, and back after.
      if (isRawModeSupported) setRawMode(false);
      stdout.write(PASTE_OFF + CLEAR_SCREEN);
      try {
        return ports.handOver(argv);
      } finally {
        if (isRawModeSupported) setRawMode(true);
        stdout.write(PASTE_ON + CLEAR_SCREEN);
      }
    },
    [isRawModeSupported, setRawMode, stdout, ports],
  );

  const effectsFor = (panel: AnyPanel): PanelEffects<unknown, PanelAction> => ({
    app: latest.current,
    slice: latest.current.panels[panel.id],
    scroll: latest.current.scroll[panel.id] ?? 0,
    dispatch: (action) => dispatch({ type: 'panel/action', panel: panel.id, action }),
    jobs: store,
    ports,
    handOver,
  });
  const current = PANELS.find((p) => p.id === state.panel) ?? PANELS[0];
  const quit = () => {
    store.cancelAll();
    exit();
  };
  useKeys((key: KeyPress) => {
    const now = latest.current;
    // Ctrl-C quits from anywhere, an open question line too.
    if (key.name === 'ctrl+c') return quit();
    const panel = PANELS.find((p) => p.id === now.panel);
    const slice = panel ? now.panels[panel.id] : undefined;
    // While a question line is open, keys are its text and edits, not commands.
    const question = panel?.question;
    if (!now.help && panel && question?.line(slice).open) {
      const line = question.line(slice);
      const step = editLine(line, key);
      const toPanel = (action: PanelAction) =>
        dispatch({ type: 'panel/action', panel: panel.id, action });
      if (step.line !== line) toPanel(question.edited(step.line));
      if (step.effect === 'submit') question.submit(effectsFor(panel), step.line.text);
      if (step.effect === 'cancel' && question.cancelled) toPanel(question.cancelled);
      return;
    }
    // A chooser open in the panel takes the keys itself.
    if (!now.help && panel?.capturesKeys?.(slice)) return;
    // While the help is open, keys scroll and close it; the panel's own keys wait.
    const binding = key.name ? bindingFor(key.name, now.help ? null : now.panel) : undefined;
    if (!binding) return;
    if (binding.panel === undefined) {
      if (binding.does === 'quit') quit();
      else if (binding.does === 'refresh') refresh();
      else dispatch(binding.does);
      return;
    }
    const owner = PANELS.find((p) => p.id === binding.panel);
    if (!owner) return;
    if (isEffect(binding.does)) binding.does.effect(effectsFor(owner));
    else dispatch({ type: 'panel/action', panel: owner.id, action: binding.does });
  });

  const clampScroll = useCallback(
    (max: number) => dispatch({ type: 'scroll/clamp', max }),
    [dispatch],
  );
  const rows = panelBodyRows(state.size);
  const running = store.running();
  const busy = new Set(running.map((j) => j.key));
  const Panel = current?.Component;
  return (
    <ThemeContext.Provider value={{ color }}>
      <ScrollClampContext.Provider value={clampScroll}>
        <Box flexDirection="column" width={state.size.columns}>
          <TabBar panels={PANELS} current={state.panel} busy={busy} columns={state.size.columns} />
          <Box height={rows} flexDirection="column">
            {state.help ? (
              <HelpOverlay
                panel={state.panel}
                rows={rows}
                columns={state.size.columns}
                scroll={state.helpScroll}
              />
            ) : Panel && current ? (
              <ErrorBoundary resetKey={`${state.panel}:${state.lastRefresh?.getTime() ?? 0}`}>
                <Panel
                  slice={state.panels[current.id]}
                  dispatch={(action) =>
                    dispatch({ type: 'panel/action', panel: current.id, action })
                  }
                  app={state}
                  rows={rows}
                  scroll={state.scroll[current.id] ?? 0}
                  jobs={store}
                  ports={ports}
                />
              </ErrorBoundary>
            ) : null}
          </Box>
          <StatusLine state={state} running={running.map((j) => j.label)} />
        </Box>
      </ScrollClampContext.Provider>
    </ThemeContext.Provider>
  );
}
