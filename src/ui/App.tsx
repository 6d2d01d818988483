/** The shell around every panel: tab bar, the panel, the status line, the keys and the jobs. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp, useStdin, useStdout } from 'ink';
import { makeReducer } from './reducer.js';
import {
  initialState,
  panelBodyRows,
  type AppStart,
  type AppState,
  type HostOrigin,
  type TerminalSize,
} from './state.js';
import type { Action } from './actions.js';
import type { HostState } from '../state/host-state.js';
import { bindingFor, buildKeymap, type KeyBinding } from './keymap.js';
import { useKeys } from './input/use-keys.js';
import type { KeyPress } from './input/keys.js';
import { editLine } from './question/line.js';
import { useHostLoader, type HostLoader } from './use-host-loader.js';
import { sizeOf, useTerminalSize } from './use-terminal-size.js';
import { useJobTick } from './use-job-tick.js';
import { ThemeContext } from './theme.js';
import { safeText } from '../text/safe.js';
import { JobStore } from './jobs.js';
import { UNWIRED_PORTS, type UiPorts } from './ports.js';
import { isEffect, type AnyPanel, type PanelAction, type PanelEffects } from './panel-module.js';
import { loadPanels, PANEL_TABS, START_PANELS } from './panels/index.js';
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
  /**
   * The host already read when the App opens (run.tsx waits a moment for it): the first
   * frame shows it. `loadHost`'s first read goes on (the tools' versions) without handing it
   * again.
   */
  readonly host?: HostState;
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

/** What the app does with the panels loaded so far: their reducer and their keys. */
interface Loaded {
  readonly panels: readonly AnyPanel[];
  readonly reducer: ReturnType<typeof makeReducer>;
  readonly keymap: readonly KeyBinding[];
}

function loadedOf(panels: readonly AnyPanel[]): Loaded {
  const ids = PANEL_TABS.map((t) => t.id);
  return { panels, reducer: makeReducer(panels, ids), keymap: buildKeymap(panels, PANEL_TABS) };
}

const AT_START = loadedOf(START_PANELS);

/**
 * The start's action waits for its panel's code (`--plan FILE` opens Plan, not loaded yet);
 * given before, that panel's reducer would not be there to take it.
 */
function startAction(state: AppState, start: AppStart | undefined, loaded: Loaded): AppState {
  if (!start?.action || !loaded.panels.some((p) => p.id === start.panel)) return state;
  return loaded.reducer(state, { type: 'panel/action', panel: start.panel, action: start.action });
}

/** The state the app opens in: the first panel, or the one `start` names, as it asks. */
function opening(state: AppState, start: AppStart | undefined): AppState {
  if (!start) return state;
  const at = AT_START.reducer(state, { type: 'panel/select', panel: start.panel });
  return startAction(at, start, AT_START);
}

export function App({
  origin,
  loadHost,
  host,
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
  const [state, setState] = useState(() => {
    const opened = opening(
      initialState(origin, size ?? sizeOf(stdout), START_PANELS, PANEL_TABS),
      start,
    );
    return host ? AT_START.reducer(opened, { type: 'host/loaded', host, at: new Date() }) : opened;
  });
  const latest = useRef(state);
  // The panels' code: the Overview's at first, every panel's from the first switch away.
  const [loaded, setLoaded] = useState(AT_START);
  const loadedNow = useRef(loaded);
  const loading = useRef<'no' | 'yes' | 'failed'>('no');
  const [loadError, setLoadError] = useState<string | null>(null);
  // Keys that come while the panel shown is still loading wait for it, in their order.
  const waiting = useRef<KeyPress[]>([]);
  const dispatch = useCallback((action: Action) => {
    latest.current = loadedNow.current.reducer(latest.current, action);
    setState(latest.current);
  }, []);
  const store = useMemo(() => jobs ?? new JobStore(), [jobs]);
  useJobTick(store);
  useTerminalSize(dispatch, size !== undefined);
  const refresh = useHostLoader(loadHost, dispatch, host);
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
  const current = loaded.panels.find((p) => p.id === state.panel);
  const quit = () => {
    store.cancelAll();
    exit();
  };
  const onKey = (key: KeyPress) => {
    const now = latest.current;
    // Ctrl-C quits from anywhere, an open question line too.
    if (key.name === 'ctrl+c') return quit();
    const panels = loadedNow.current.panels;
    const panel = panels.find((p) => p.id === now.panel);
    // The panel's code is on its way (its load starts after this chunk's keys are read).
    if (!panel && loading.current !== 'failed') {
      waiting.current.push(key);
      return;
    }
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
    const binding = key.name
      ? bindingFor(key.name, now.help ? null : now.panel, loadedNow.current.keymap)
      : undefined;
    if (!binding) return;
    if (binding.panel === undefined) {
      if (binding.does === 'quit') quit();
      else if (binding.does === 'refresh') refresh();
      else dispatch(binding.does);
      return;
    }
    const owner = panels.find((p) => p.id === binding.panel);
    if (!owner) return;
    if (isEffect(binding.does)) binding.does.effect(effectsFor(owner));
    else dispatch({ type: 'panel/action', panel: owner.id, action: binding.does });
  };
  useKeys(onKey);
  const replay = useRef(onKey);
  replay.current = onKey;

  // The first time a panel not loaded is shown, every panel's code loads; the keys that
  // waited for it then run as if it had been there. The load outlives a switch of panel
  // while it runs (its keys wait for it), not the app.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (loading.current !== 'no' || loaded.panels.some((p) => p.id === state.panel)) return;
    loading.current = 'yes';
    loadPanels().then(
      (panels) => {
        if (!mounted.current) return;
        const next = loadedOf(panels);
        loadedNow.current = next;
        loading.current = 'no';
        latest.current = startAction(
          next.reducer(latest.current, { type: 'panels/loaded', panels }),
          start,
          next,
        );
        setLoaded(next);
        setState(latest.current);
        for (const key of waiting.current.splice(0)) replay.current(key);
      },
      (error: unknown) => {
        if (!mounted.current) return;
        loading.current = 'failed';
        waiting.current = [];
        setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
  }, [state.panel, loaded, start]);

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
          <TabBar
            panels={PANEL_TABS}
            current={state.panel}
            busy={busy}
            columns={state.size.columns}
          />
          <Box height={rows} flexDirection="column">
            {state.help ? (
              <HelpOverlay
                panel={state.panel}
                rows={rows}
                columns={state.size.columns}
                scroll={state.helpScroll}
                keymap={loaded.keymap}
                panels={loaded.panels}
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
            ) : (
              <PanelLoading title={titleOf(state.panel)} error={loadError} />
            )}
          </Box>
          <StatusLine state={state} running={running.map((j) => j.label)} />
        </Box>
      </ScrollClampContext.Provider>
    </ThemeContext.Provider>
  );
}

function titleOf(id: string): string {
  return PANEL_TABS.find((t) => t.id === id)?.title ?? id;
}

/** The one frame a panel's first showing may take while its code loads, or why it did not. */
function PanelLoading({ title, error }: { readonly title: string; readonly error: string | null }) {
  return error === null ? (
    <Text dimColor>{`Loading ${title}…`}</Text>
  ) : (
    <Text>{`This panel could not load: ${safeText(error.split('\n')[0] ?? '')}. Press 1 for the Overview or q to quit.`}</Text>
  );
}
