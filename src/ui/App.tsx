/** The shell around every panel: tab bar, the panel, the status line, the keys and the jobs. */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { Box, useApp, useInput, useStdin, useStdout } from 'ink';
import { reducer } from './reducer.js';
import {
  initialState,
  panelBodyRows,
  type AppStart,
  type AppState,
  type HostOrigin,
  type TerminalSize,
} from './state.js';
import { bindingFor, keyName } from './keymap.js';
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
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    opening(initialState(origin, size ?? sizeOf(stdout)), start),
  );
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
      stdout.write(CLEAR_SCREEN);
      try {
        return ports.handOver(argv);
      } finally {
        if (isRawModeSupported) setRawMode(true);
        stdout.write(CLEAR_SCREEN);
      }
    },
    [isRawModeSupported, setRawMode, stdout, ports],
  );

  // Keys read the state of the last render through a ref: Ink re-subscribes the handler only
  // after React commits, so a key that arrives in between would otherwise see the old state.
  const latest = useRef(state);
  latest.current = state;
  const effectsFor = (panel: AnyPanel): PanelEffects<unknown, PanelAction> => ({
    app: latest.current,
    slice: latest.current.panels[panel.id],
    dispatch: (action) => dispatch({ type: 'panel/action', panel: panel.id, action }),
    jobs: store,
    ports,
    handOver,
  });
  const current = PANELS.find((p) => p.id === state.panel) ?? PANELS[0];
  useInput((input, key) => {
    const now = latest.current;
    const panel = PANELS.find((p) => p.id === now.panel);
    // While a panel takes text (a filter, a question), keys are its own, not commands.
    if (!now.help && panel?.capturesKeys?.(now.panels[panel.id])) return;
    const name = keyName(input, key);
    // While the help is open, keys scroll and close it; the panel's own keys wait.
    const binding = name === null ? undefined : bindingFor(name, now.help ? null : now.panel);
    if (!binding) return;
    if (binding.panel === undefined) {
      if (binding.does === 'quit') {
        store.cancelAll();
        exit();
      } else if (binding.does === 'refresh') refresh();
      else dispatch(binding.does);
      return;
    }
    const owner = PANELS.find((p) => p.id === binding.panel);
    if (!owner) return;
    if (isEffect(binding.does)) binding.does.effect(effectsFor(owner));
    else dispatch({ type: 'panel/action', panel: owner.id, action: binding.does });
  });

  const clampScroll = useCallback((max: number) => dispatch({ type: 'scroll/clamp', max }), []);
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
