/** Everything that can change the TUI's state. */
import type { HostState } from '../state/host-state.js';
import type { PanelId, TerminalSize } from './state.js';
import type { ArpAction } from './panels/arp/arp-state.js';
import type { DiscoverAction } from './panels/discover/state.js';

export type Action =
  | { readonly type: 'panel/select'; readonly panel: PanelId }
  | { readonly type: 'panel/cycle'; readonly by: 1 | -1 }
  | { readonly type: 'help/toggle' }
  | { readonly type: 'help/close' }
  | { readonly type: 'host/loading' }
  | { readonly type: 'host/loaded'; readonly host: HostState; readonly at: Date }
  | { readonly type: 'host/failed'; readonly error: string }
  | { readonly type: 'scroll/by'; readonly lines: number }
  | { readonly type: 'scroll/page'; readonly pages: 1 | -1 }
  | { readonly type: 'scroll/edge'; readonly edge: 'top' | 'bottom' }
  | { readonly type: 'resize'; readonly size: TerminalSize }
  | ArpAction
  | DiscoverAction;

/** Side effects a key can ask for; the App carries them out, the reducer never does. */
export type Intent = 'quit' | 'refresh';
