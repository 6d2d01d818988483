/** The shell around every panel: tab bar, the panel, the status line, and the keys. */
import { useReducer, useRef } from 'react';
import { Box, useApp, useInput, useStdout } from 'ink';
import { reducer } from './reducer.js';
import { initialState, panelBodyRows, type HostOrigin, type TerminalSize } from './state.js';
import { bindingFor, keyName } from './keymap.js';
import { useHostLoader, type HostLoader } from './use-host-loader.js';
import { sizeOf, useTerminalSize } from './use-terminal-size.js';
import { ThemeContext } from './theme.js';
import { TabBar } from './components/TabBar.js';
import { StatusLine } from './components/StatusLine.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { panelComponent } from './panels/registry.js';

export interface AppProps {
  readonly origin: HostOrigin;
  readonly loadHost: HostLoader;
  readonly color: boolean;
  /** A fixed terminal size (frame tests); otherwise the terminal's, followed on resize. */
  readonly size?: TerminalSize;
}

export function App({ origin, loadHost, color, size }: AppProps) {
  const { stdout } = useStdout();
  const { exit } = useApp();
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    initialState(origin, size ?? sizeOf(stdout)),
  );
  useTerminalSize(dispatch, size !== undefined);
  const refresh = useHostLoader(loadHost, dispatch);

  // Keys read the state of the last render through a ref: Ink re-subscribes the handler only
  // after React commits, so a key that arrives in between would otherwise see the old state.
  const latest = useRef(state);
  latest.current = state;
  useInput((input, key) => {
    const current = latest.current;
    // While the Discover filter is being typed, keys are text for the panel, not commands.
    if (current.panel === 'discover' && current.discover.editingFilter) return;
    const name = keyName(input, key);
    // While the help is open, keys scroll and close it; the panel's own keys wait.
    const binding =
      name === null ? undefined : bindingFor(name, current.help ? null : current.panel);
    if (!binding) return;
    if (binding.does === 'quit') exit();
    else if (binding.does === 'refresh') refresh();
    else dispatch(binding.does);
  });

  const rows = panelBodyRows(state.size);
  const Panel = panelComponent(state.panel);
  return (
    <ThemeContext.Provider value={{ color }}>
      <Box flexDirection="column" width={state.size.columns}>
        <TabBar current={state.panel} columns={state.size.columns} />
        <Box height={rows} flexDirection="column" marginTop={0}>
          {state.help ? (
            <HelpOverlay
              panel={state.panel}
              rows={rows}
              columns={state.size.columns}
              scroll={state.helpScroll}
            />
          ) : (
            <ErrorBoundary resetKey={`${state.panel}:${state.lastRefresh?.getTime() ?? 0}`}>
              <Panel state={state} dispatch={dispatch} rows={rows} />
            </ErrorBoundary>
          )}
        </Box>
        <StatusLine state={state} />
      </Box>
    </ThemeContext.Provider>
  );
}
