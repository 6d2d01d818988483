/** The one reducer: pure, over the Action union; a panel's actions go to its module. */
import type { Action } from './actions.js';
import type { AnyPanel } from './panel-module.js';
import { panelBodyRows, type AppState } from './state.js';

/** Scrolling past the end is clamped by the panel when it knows its length. */
const FAR_BOTTOM = Number.MAX_SAFE_INTEGER;

function scrollPosition(state: AppState): number {
  return state.help ? state.helpScroll : (state.scroll[state.panel] ?? 0);
}

function scrollTo(state: AppState, value: number): AppState {
  const at = Math.max(0, value);
  if (state.help) return { ...state, helpScroll: at };
  return { ...state, scroll: { ...state.scroll, [state.panel]: at } };
}

/** Over the panels loaded; `ids` are every tab's, so a panel not loaded yet can be selected. */
export function makeReducer(
  panels: readonly AnyPanel[],
  ids: readonly string[] = panels.map((p) => p.id),
) {
  return function reducer(state: AppState, action: Action): AppState {
    switch (action.type) {
      case 'panel/action': {
        const panel = panels.find((p) => p.id === action.panel);
        if (!panel) return state;
        const slice = panel.reduce(state.panels[panel.id], action.action, state);
        return slice === state.panels[panel.id]
          ? state
          : { ...state, panels: { ...state.panels, [panel.id]: slice } };
      }
      case 'panels/loaded':
        return {
          ...state,
          panels: {
            ...Object.fromEntries(action.panels.map((p) => [p.id, p.initial])),
            ...state.panels,
          },
        };
      case 'panel/select':
        return ids.includes(action.panel) ? { ...state, panel: action.panel, help: false } : state;
      case 'panel/cycle': {
        const at = ids.indexOf(state.panel);
        const next = ids[(at + action.by + ids.length) % ids.length] ?? state.panel;
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
      case 'scroll/clamp':
        return scrollPosition(state) > action.max ? scrollTo(state, action.max) : state;
      case 'resize':
        return { ...state, size: action.size };
    }
  };
}
