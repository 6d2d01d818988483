/** The sweep target of the arp-scan capture lab (test/fixtures/arp-scan/capture.sh). */
import { parsePrefix4, type Prefix4 } from '../../src/net/prefix.js';
import type { ScanTarget } from '../../src/probes/discover/types.js';

const LAN = parsePrefix4('203.0.113.0/24') as Prefix4;

export const CAPTURE_LAB_TARGET: ScanTarget = {
  iface: 'lan0',
  prefix: LAN,
  onLink: true,
  localAddresses: ['203.0.113.1'],
  localMac: '02:00:00:00:00:01',
  gateways: ['203.0.113.254'],
  ipv6: true,
};
