/** Which component draws which panel. A panel that has not landed shows what is coming. */
import type { ReactElement } from 'react';
import type { PanelId } from '../state.js';
import type { PanelProps } from './types.js';
import { OverviewPanel } from './OverviewPanel.js';
import { ComingPanel } from './ComingPanel.js';
import { ArpRepairPanel } from './ArpRepairPanel.js';
import { DiscoverPanel } from './DiscoverPanel.js';

type PanelComponent = (props: PanelProps) => ReactElement;

const PANELS: Readonly<Partial<Record<PanelId, PanelComponent>>> = {
  overview: OverviewPanel,
  arp: ArpRepairPanel,
  discover: DiscoverPanel,
};

export function panelComponent(id: PanelId): PanelComponent {
  return PANELS[id] ?? (() => <ComingPanel panel={id} />);
}
