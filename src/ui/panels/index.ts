/**
 * What the TUI needs of its panels for the first frame: the tab names, and the Overview.
 * Every other panel (about a third of the TUI's code: Discover, Route, Plan, Doctor …) loads
 * through loadPanels on the first switch away from the Overview, in its own section of the
 * shipped file, so the Overview's first frame does not wait to compile and run them.
 */
import type { AnyPanel, PanelTab } from '../panel-module.js';
import { overviewPanel } from './overview/index.js';

/** Every panel's id and title in tab order, as all.ts lists them (a test holds them equal). */
export const PANEL_TABS: readonly PanelTab[] = [
  { id: 'overview', title: overviewPanel.title },
  { id: 'discover', title: 'Discover' },
  { id: 'vlan', title: 'VLAN' },
  { id: 'route', title: 'Route' },
  { id: 'arp', title: 'ARP repair' },
  { id: 'doctor', title: 'Doctor' },
  { id: 'plan', title: 'Plan' },
  { id: 'path', title: 'Path' },
];

/** The panels there before any load. */
export const START_PANELS: readonly AnyPanel[] = [overviewPanel];

/** Every panel, in tab order. */
export async function loadPanels(): Promise<readonly AnyPanel[]> {
  return (await import('./all.js')).PANELS;
}
