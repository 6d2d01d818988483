/**
 * Every panel, in tab order: adding a panel is its folder plus one line here and one in
 * index.ts's PANEL_TABS. The TUI loads this list (and with it every panel but the Overview)
 * through index.ts's loadPanels, on the first switch away from the Overview.
 */
import type { AnyPanel } from '../panel-module.js';
import { overviewPanel } from './overview/index.js';
import { discoverPanel } from './discover/index.js';
import { arpPanel } from './arp/index.js';
import { vlanPanel } from './vlan/index.js';
import { doctorPanel } from './doctor/index.js';
import { planPanel } from './plan/index.js';
import { routePanel } from './route/index.js';
import { pathPanel } from './path/index.js';

export const PANELS: readonly AnyPanel[] = [
  overviewPanel,
  discoverPanel,
  vlanPanel,
  routePanel,
  arpPanel,
  doctorPanel,
  planPanel,
  pathPanel,
];
