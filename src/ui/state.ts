/** The TUI's state: one store, changed only by the reducer. Panels render from it. */
import type { AnyPanel, AppView, HostOrigin, PanelTab, TerminalSize } from './panel-module.js';

export type { AppStart, HostOrigin, TerminalSize } from './panel-module.js';

export interface AppState extends AppView {
  /** The id of the panel shown. */
  readonly panel: string;
  readonly help: boolean;
  readonly lastRefresh: Date | null;
  /** First visible line of each panel that shows a document. */
  readonly scroll: Readonly<Record<string, number>>;
  /** First visible line of the help, which scrolls instead of the panel while it is open. */
  readonly helpScroll: number;
  /** Each panel's own slice, by panel id, as its module's reducer keeps it. */
  readonly panels: Readonly<Record<string, unknown>>;
}

export function initialState(
  origin: HostOrigin,
  size: TerminalSize,
  panels: readonly AnyPanel[],
  tabs: readonly PanelTab[] = panels,
): AppState {
  return {
    origin,
    panel: tabs[0]?.id ?? 'overview',
    help: false,
    host: null,
    loading: true,
    error: null,
    lastRefresh: null,
    scroll: Object.fromEntries(tabs.map((p) => [p.id, 0])),
    helpScroll: 0,
    panels: Object.fromEntries(panels.map((p) => [p.id, p.initial])),
    size,
  };
}

/**
 * Rows left for a panel's body under the tab bar and above the status line. The whole frame
 * is one row shorter than the terminal: Ink clears the screen on every frame that fills it,
 * which flickers over SSH.
 */
export function panelBodyRows(size: TerminalSize): number {
  return Math.max(3, size.rows - 3);
}
