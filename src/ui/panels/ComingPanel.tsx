/** A panel whose feature has not landed yet: says what it will do and what to use now. */
import { Box, Text } from 'ink';
import { PANEL_TITLES } from '../keymap.js';
import type { PanelId } from '../state.js';

const PLANS: Readonly<Partial<Record<PanelId, string>>> = {
  discover: 'find every host on the LAN (and every Raspberry Pi), live, without root',
  vlan: 'inspect VLAN interfaces and say what is wrong with them',
  route: 'which route the kernel picks and why; hop by hop like mtr',
  arp: 'send gratuitous ARP after an IP moves, and check the gateway took it',
  doctor: 'explain why a VPN or routed path fails, with the commands that fix it',
  plan: 'check a plan of networks joined by static routes',
};

export function ComingPanel({ panel }: { readonly panel: PanelId }) {
  return (
    <Box flexDirection="column">
      <Text bold>{`${PANEL_TITLES[panel]}: coming`}</Text>
      <Text>{`This panel will ${PLANS[panel] ?? 'arrive soon'}.`}</Text>
      <Text dimColor>Press 1 for the Overview.</Text>
    </Box>
  );
}
