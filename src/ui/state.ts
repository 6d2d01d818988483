/** The TUI's state: one store, changed only by the reducer. Panels render from it. */
import type { HostState } from '../state/host-state.js';
import { initialArpState, type ArpState } from './panels/arp/arp-state.js';
import { initialDiscoverState, type DiscoverState } from './panels/discover/state.js';

export const PANEL_IDS = [
  'overview',
  'discover',
  'vlan',
  'route',
  'arp',
  'doctor',
  'plan',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** Where the host state comes from: this host now, or a snapshot file taken earlier. */
export type HostOrigin =
  { readonly kind: 'live' } | { readonly kind: 'snapshot'; readonly path: string };

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

export interface AppState {
  readonly origin: HostOrigin;
  readonly panel: PanelId;
  readonly help: boolean;
  readonly host: HostState | null;
  readonly loading: boolean;
  /** The last load error, one line. */
  readonly error: string | null;
  readonly lastRefresh: Date | null;
  /** First visible line of each scrollable panel. */
  readonly scroll: Readonly<Record<PanelId, number>>;
  /** First visible line of the help, which scrolls instead of the panel while it is open. */
  readonly helpScroll: number;
  /** The ARP repair panel: the chosen address and the repair in progress. */
  readonly arp: ArpState;
  /** The Discover panel: hosts streamed in by a sweep, and how the table is shown. */
  readonly discover: DiscoverState;
  readonly size: TerminalSize;
}

export function initialState(origin: HostOrigin, size: TerminalSize): AppState {
  return {
    origin,
    panel: 'overview',
    help: false,
    host: null,
    loading: true,
    error: null,
    lastRefresh: null,
    scroll: Object.fromEntries(PANEL_IDS.map((id) => [id, 0])) as Record<PanelId, number>,
    helpScroll: 0,
    arp: initialArpState,
    discover: initialDiscoverState,
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
