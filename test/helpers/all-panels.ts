/**
 * The TUI's tables over every panel, as the App has them once the panels have loaded: the
 * unit tests of the keymap, reducer and help use these.
 */
import { PANELS } from '../../src/ui/panels/all.js';
import { buildKeymap, type KeyBinding } from '../../src/ui/keymap.js';
import { makeReducer } from '../../src/ui/reducer.js';
import { initialState as stateOver, type AppState } from '../../src/ui/state.js';
import type { HostOrigin, TerminalSize } from '../../src/ui/panel-module.js';
import { helpLines as helpOver } from '../../src/ui/components/HelpOverlay.js';
import type { Line } from '../../src/report/document.js';

export const KEYMAP: readonly KeyBinding[] = buildKeymap(PANELS);
export const reducer = makeReducer(PANELS);

export function initialState(origin: HostOrigin, size: TerminalSize): AppState {
  return stateOver(origin, size, PANELS);
}

export function helpLines(panel: string, keymap: readonly KeyBinding[] = KEYMAP): Line[] {
  return helpOver(panel, keymap, PANELS);
}
