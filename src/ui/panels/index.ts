/** The panels, in tab order: adding a panel is its folder plus one line here. */
import type { AnyPanel } from '../panel-module.js';
import { overviewPanel } from './overview/index.js';
import { discoverPanel } from './discover/index.js';
import { arpPanel } from './arp/index.js';
import { vlanPanel } from './vlan/index.js';
import { routePanel } from './route/index.js';
import { comingPanel } from './coming.js';

export const PANELS: readonly AnyPanel[] = [
  overviewPanel,
  discoverPanel,
  vlanPanel,
  routePanel,
  arpPanel,
  comingPanel(
    'doctor',
    'Doctor',
    'explain why a VPN or routed path fails, with the commands that fix it',
    'netdoctor doctor',
  ),
  comingPanel(
    'plan',
    'Plan',
    'check a plan of networks joined by static routes',
    'netdoctor plan FILE',
  ),
];
