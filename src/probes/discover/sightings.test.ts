import { describe, expect, it } from 'vitest';
import { selfSightings, tableSightings, viaTable } from './sightings.js';
import { parseIpNeigh } from '../../parse/ip-neigh.js';
import { parsePrefix4 } from '../../net/prefix.js';
import type { ScanTarget } from './types.js';
import { fixture } from '../../../test/helpers/fixtures.js';
import { CAPTURE_LAB_TARGET } from '../../../test/helpers/discover.js';

const lan = parsePrefix4('203.0.113.0/24')!;

describe('tableSightings over neighbour tables captured during a lab sweep', () => {
  it('keeps only entries with a MAC in a valid state (8 REACHABLE of 253)', () => {
    const records = parseIpNeigh(fixture('neigh/ip-j-4-neigh-sweeping.json')).records;
    const seen = tableSightings(records, 'lan0', lan, viaTable);
    expect(seen).toHaveLength(8);
    expect(seen.every((s) => s.mac !== null && s.via === 'table' && s.state === 'REACHABLE')).toBe(
      true,
    );
  });

  it('drops IPv4 entries outside the prefix and entries of other interfaces', () => {
    const records = parseIpNeigh(fixture('neigh/ip-j-4-neigh-sweeping.json')).records;
    expect(tableSightings(records, 'lan0', parsePrefix4('198.51.100.0/24')!, viaTable)).toEqual([]);
    expect(tableSightings(records, 'eth9', lan, viaTable)).toEqual([]);
  });

  it('keeps IPv6 neighbours of the link whatever the IPv4 prefix', () => {
    const records = parseIpNeigh(fixture('neigh/ip-j-6-neigh-after-ff02.json')).records;
    const seen = tableSightings(records, 'lan0', lan, viaTable);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.via === 'ndp' && s.ip.startsWith('fe80::'))).toBe(true);
  });
});

describe('selfSightings', () => {
  it('lists only the local addresses inside the swept prefix', () => {
    const target: ScanTarget = {
      ...CAPTURE_LAB_TARGET,
      localAddresses: ['203.0.113.1', '198.51.100.1'],
    };
    const seen = selfSightings(target, 5);
    expect(seen).toEqual([
      {
        iface: 'lan0',
        ip: '203.0.113.1',
        mac: '02:00:00:00:00:01',
        rttMs: null,
        at: 5,
        via: 'self',
        state: null,
      },
    ]);
  });
});
