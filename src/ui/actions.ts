/** Everything that can change the TUI's state: the shell's own actions, and panel actions. */
import type { HostState } from '../state/host-state.js';
import type { AnyPanel, PanelAction, TerminalSize } from './panel-module.js';

export type Action =
  | { readonly type: 'panel/select'; readonly panel: string }
  | { readonly type: 'panel/cycle'; readonly by: 1 | -1 }
  | { readonly type: 'help/toggle' }
  | { readonly type: 'help/close' }
  | { readonly type: 'host/loading' }
  | { readonly type: 'host/loaded'; readonly host: HostState; readonly at: Date }
  | { readonly type: 'host/failed'; readonly error: string }
  | { readonly type: 'scroll/by'; readonly lines: number }
  | { readonly type: 'scroll/page'; readonly pages: 1 | -1 }
  | { readonly type: 'scroll/edge'; readonly edge: 'top' | 'bottom' }
  /** The document shown ends here: a wanted first line past it comes back to it. */
  | { readonly type: 'scroll/clamp'; readonly max: number }
  | { readonly type: 'resize'; readonly size: TerminalSize }
  /** Panels whose code has loaded: each gets its initial slice (one it has already stays). */
  | { readonly type: 'panels/loaded'; readonly panels: readonly AnyPanel[] }
  /** An action of one panel, for that panel's reducer. */
  | { readonly type: 'panel/action'; readonly panel: string; readonly action: PanelAction };

/** Side effects a global key can ask for; the App carries them out, the reducer never does. */
export type Intent = 'quit' | 'refresh';
