/** The one reducer: pure, over the Action union. */
import type { Action } from './actions.js';
import { PANEL_IDS, panelBodyRows, type AppState } from './state.js';
import { arpReducer, isArpAction } from './panels/arp/arp-state.js';
import { discoverReducer, isDiscoverAction } from './panels/discover/state.js';

/** Scrolling past the end is clamped by the panel when it knows its length. */
const FAR_BOTTOM = Number.MAX_SAFE_INTEGER;

function scrollPosition(state: AppState): number {
  return state.help ? state.helpScroll : state.scroll[state.panel];
}

function scrollTo(state: AppState, value: number): AppState {
  const at = Math.max(0, value);
  if (state.help) return { ...state, helpScroll: at };
  return { ...state, scroll: { ...state.scroll, [state.panel]: at } };
}

export function reducer(state: AppState, action: Action): AppState {
  if (isDiscoverAction(action)) return discoverReducer(state, action);
  if (isArpAction(action)) {
    const ctx = { host: state.host, live: state.origin.kind === 'live' };
    return { ...state, arp: arpReducer(state.arp, action, ctx) };
  }
  switch (action.type) {
    case 'panel/select':
      return { ...state, panel: action.panel, help: false };
    case 'panel/cycle': {
      const at = PANEL_IDS.indexOf(state.panel);
      const next = PANEL_IDS[(at + action.by + PANEL_IDS.length) % PANEL_IDS.length] ?? 'overview';
      return { ...state, panel: next, help: false };
    }
    case 'help/toggle':
      return { ...state, help: !state.help, helpScroll: 0 };
    case 'help/close':
      return { ...state, help: false };
    case 'host/loading':
      return { ...state, loading: true };
    case 'host/loaded':
      return { ...state, loading: false, error: null, host: action.host, lastRefresh: action.at };
    case 'host/failed':
      return { ...state, loading: false, error: action.error };
    case 'scroll/by':
      return scrollTo(state, Math.min(scrollPosition(state), FAR_BOTTOM - 1) + action.lines);
    case 'scroll/page':
      return scrollTo(
        state,
        scrollPosition(state) + action.pages * (panelBodyRows(state.size) - 1),
      );
    case 'scroll/edge':
      return scrollTo(state, action.edge === 'top' ? 0 : FAR_BOTTOM);
    case 'resize':
      return { ...state, size: action.size };
  }
}
