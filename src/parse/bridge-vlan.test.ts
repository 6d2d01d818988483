import { describe, expect, it } from 'vitest';
import { parseBridgeVlan } from './bridge-vlan.js';
import { fixture } from '../../test/helpers/fixtures.js';

describe('parseBridgeVlan (bridge -j -d vlan show, iproute2 bridge/vlan.c)', () => {
  const expected = [
    { ifname: 'br0', vlans: [{ vid: 1, vidEnd: null, pvid: true, untagged: true, state: null }] },
    {
      ifname: 'swp1',
      vlans: [
        { vid: 1, vidEnd: null, pvid: true, untagged: true, state: null },
        { vid: 10, vidEnd: null, pvid: false, untagged: false, state: null },
        { vid: 20, vidEnd: null, pvid: false, untagged: false, state: null },
      ],
    },
  ];

  it('reads the array shape (since 2018): ports, ranges, PVID and Egress Untagged', () => {
    const { records, warnings } = parseBridgeVlan(fixture('vlan/bridge-vlan-new.json'));
    expect(warnings).toEqual([]);
    expect(records.slice(0, 2)).toEqual(expected);
    expect(records[3]?.vlans[1]).toMatchObject({ vid: 200, vidEnd: 210 });
  });

  it('reads the older object shape keyed by interface the same way', () => {
    const a = parseBridgeVlan(fixture('vlan/bridge-vlan-new.json')).records;
    const b = parseBridgeVlan(fixture('vlan/bridge-vlan-old.json')).records;
    expect(b).toEqual(a);
  });

  it('keeps the per-VLAN STP state that -d prints on newer iproute2', () => {
    const text = '[{"ifname":"swp1","vlans":[{"vlan":10,"state":"forwarding","mcast_router":1}]}]';
    expect(parseBridgeVlan(text).records[0]?.vlans[0]?.state).toBe('forwarding');
  });

  it('reads nothing, with a warning, from the "[" this kernel prints before failing', () => {
    // Captured: on a kernel without bridge VLAN support, bridge prints "[" and exits 1.
    const r = parseBridgeVlan('[');
    expect(r.records).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(parseBridgeVlan('').warnings).toEqual([]);
  });
});
