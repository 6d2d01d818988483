/** The panels, in tab order: adding a panel is its folder plus one line here. */
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
