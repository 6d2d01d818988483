/** The sweep target of the arp-scan capture lab (test/fixtures/arp-scan/capture.sh). */
import { parsePrefix4, type Prefix4 } from '../../src/net/prefix.js';
import type { ScanEvent, ScanTarget } from '../../src/probes/discover/types.js';
import { addSighting, type DiscoveredHost } from '../../src/probes/discover/hosts.js';
import { parseArpScanPlain } from '../../src/parse/arp-scan.js';
import { fixture } from './fixtures.js';

const LAN = parsePrefix4('203.0.113.0/24') as Prefix4;

/** The arp-scan capture's answers (plain-rtt-localnet.txt), in its order. */
export const captureLabAnswers = () =>
  parseArpScanPlain(fixture('arp-scan/plain-rtt-localnet.txt')).records;

export const CAPTURE_LAB_TARGET: ScanTarget = {
  iface: 'lan0',
  prefix: LAN,
  onLink: true,
  localAddresses: ['203.0.113.1'],
  localMac: '02:00:00:00:00:01',
  gateways: ['203.0.113.254'],
  ipv6: true,
};

/**
 * The hosts of the arp-scan capture (plain-rtt-localnet.txt) as a sweep at `at` would hold
 * them: each sighting added on lan0, the lab's gateway marked.
 */
export function captureLabHosts(at: number): readonly DiscoveredHost[] {
  return captureLabAnswers().reduce<readonly DiscoveredHost[]>(
    (acc, a) =>
      addSighting(
        acc,
        { iface: 'lan0', ip: a.ip, mac: a.mac, rttMs: a.rttMs, at, via: 'arp-scan', state: null },
        { selfAddresses: new Set(), gateways: new Set(['203.0.113.254']) },
      ),
    [],
  );
}

/**
 * The capture's answers as a kernel sweep streams them: one sighting each on lan0, the
 * first at `from`, a millisecond apart.
 */
export function captureLabSightings(from: number): ScanEvent[] {
  return captureLabAnswers().map((a, i) => ({
    type: 'sighting',
    sighting: {
      iface: 'lan0',
      ip: a.ip,
      mac: a.mac,
      rttMs: a.rttMs,
      at: from + i,
      via: 'sweep',
      state: 'REACHABLE',
    },
  }));
}
