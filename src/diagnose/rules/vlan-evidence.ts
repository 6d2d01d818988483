/** Evidence lines for the VLAN rules: what `ip -d link`, `ip addr` and /proc/net/vlan said. */
import type { Evidence } from '../finding.js';
import type { HostState, InterfaceState } from '../../state/host-state.js';
import type { AddressRecord } from '../../parse/ip-addr.js';
import { commandKey, IP_SOURCES, vlanDevicePath } from '../../snapshot/sources.js';

export const LINK_SOURCE = commandKey(IP_SOURCES.link);
export const ADDR_SOURCE = commandKey(IP_SOURCES.addr);

/** `eth1.10@eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP vlan protocol 802.1Q id 10` */
export function linkEvidence(i: InterfaceState): Evidence {
  const at = i.link ? `@${i.link}` : '';
  const vlan = i.vlan ? ` vlan protocol ${i.vlan.protocol} id ${i.vlan.id}` : '';
  const kind = !i.vlan && i.kind ? ` ${i.kind}` : '';
  return {
    source: LINK_SOURCE,
    text: `${i.name}${at}: <${i.flags.join(',')}> mtu ${i.mtu ?? '?'} state ${i.operstate}${vlan}${kind}`,
  };
}

/** The header line of /proc/net/vlan/<dev>, as the kernel printed it, when it was read. */
export function procEvidence(host: HostState, name: string): Evidence[] {
  const d = host.vlanProc.devices.find((x) => x.device === name);
  if (!d) return [];
  return [
    {
      source: vlanDevicePath(name),
      text: `${d.device}  VID: ${d.vid}  REORDER_HDR: ${d.reorderHdr ? 1 : 0}  Device: ${d.parent ?? '?'}`,
    },
  ];
}

/** `inet 198.51.100.7/24 scope global label eth1:1234` on eth1. */
export function addressEvidence(a: AddressRecord): Evidence {
  const label = a.label ? ` label ${a.label}` : '';
  return {
    source: ADDR_SOURCE,
    text: `${a.ifname}: ${a.family} ${a.local}/${a.prefixlen} scope ${a.scope}${label}`,
  };
}
