/**
 * Every key the TUI knows, in one table built from the global keys and each panel module's
 * keys: what it is called, what it does, and where. The help overlay is drawn from this
 * table, so it cannot drift from the behaviour.
 */
import type { Action, Intent } from './actions.js';
import type { AnyPanel, PanelAction, PanelEffect, PanelTab } from './panel-module.js';

export interface GlobalBinding {
  /** Key names as the key reader spells them (src/ui/input/keys.ts). */
  readonly keys: readonly string[];
  readonly help: string;
  readonly does: Action | Intent;
  readonly panel?: undefined;
}

export interface PanelBinding {
  readonly keys: readonly string[];
  readonly help: string;
  readonly does: PanelAction | PanelEffect<unknown, PanelAction>;
  /** Only on this panel. */
  readonly panel: string;
}

export type KeyBinding = GlobalBinding | PanelBinding;

export function globalKeys(panels: readonly PanelTab[]): GlobalBinding[] {
  return [
    { keys: ['q', 'ctrl+c'], help: 'quit', does: 'quit' },
    { keys: ['?'], help: 'show or hide these keys', does: { type: 'help/toggle' } },
    { keys: ['escape'], help: 'close the help', does: { type: 'help/close' } },
    { keys: ['r'], help: 'read the host again (sends nothing)', does: 'refresh' },
    { keys: ['tab'], help: 'next panel', does: { type: 'panel/cycle', by: 1 } },
    { keys: ['shift+tab'], help: 'previous panel', does: { type: 'panel/cycle', by: -1 } },
    ...panels.map((p, i): GlobalBinding => ({
      keys: [String(i + 1)],
      help: p.title,
      does: { type: 'panel/select', panel: p.id },
    })),
    { keys: ['down', 'j'], help: 'scroll down', does: { type: 'scroll/by', lines: 1 } },
    { keys: ['up', 'k'], help: 'scroll up', does: { type: 'scroll/by', lines: -1 } },
    { keys: ['pagedown', 'space'], help: 'page down', does: { type: 'scroll/page', pages: 1 } },
    { keys: ['pageup'], help: 'page up', does: { type: 'scroll/page', pages: -1 } },
    { keys: ['home', 'g'], help: 'top', does: { type: 'scroll/edge', edge: 'top' } },
    { keys: ['end', 'G'], help: 'bottom', does: { type: 'scroll/edge', edge: 'bottom' } },
  ];
}

/** The keys of every tab, and the own keys of the panels loaded (all of them by default). */
export function buildKeymap(
  panels: readonly AnyPanel[],
  tabs: readonly PanelTab[] = panels,
): KeyBinding[] {
  return [
    ...globalKeys(tabs),
    ...panels.flatMap((p) => p.keys.map((k): PanelBinding => ({ ...k, panel: p.id }))),
  ];
}

/**
 * The binding for a key on a panel: the panel's own first, then the global ones. With no
 * panel (the help is open) only the global keys apply.
 */
export function bindingFor(
  name: string,
  panel: string | null,
  keymap: readonly KeyBinding[],
): KeyBinding | undefined {
  return (
    keymap.find((b) => b.panel === panel && b.keys.includes(name)) ??
    keymap.find((b) => b.panel === undefined && b.keys.includes(name))
  );
}
