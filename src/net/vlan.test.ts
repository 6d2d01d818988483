import { describe, expect, it } from 'vitest';
import { flattenVlans, portAdvice, switchViews, vlanRates, vlanTree } from './vlan.js';
import { vlanHost, vlanSnapshot } from '../../test/fixtures/vlan/snapshots.js';
import { buildHostState } from '../state/host-state.js';

describe('vlanTree', () => {
  const tree = vlanTree(vlanHost('healthy'));

  it('puts VLANs under their parents, and nests QinQ (802.1Q on 802.1ad)', () => {
    expect(tree.map((p) => [p.name, p.vlans.map((v) => v.name)])).toEqual([
      ['eth1', ['eth1.10', 'eth1.20', 'eth1.100']],
      ['eth2', ['eth2.30', 'eth2.40']],
    ]);
    const outer = tree[0]?.vlans.find((v) => v.name === 'eth1.100');
    expect(outer?.protocol).toBe('802.1ad');
    expect(outer?.children.map((c) => [c.name, c.id, c.protocol])).toEqual([
      ['eth1.100.200', 200, '802.1Q'],
    ]);
  });

  it('carries addresses, flags, QoS maps and the /proc counters', () => {
    const v = flattenVlans(tree).find((n) => n.name === 'eth2.30');
    expect(v).toMatchObject({
      id: 30,
      adminUp: true,
      carrier: true,
      mtu: 1500,
      flags: ['REORDER_HDR'],
      ingressQos: [{ from: 1, to: 2 }],
      counters: { rxFrames: 3000, txBytes: 360000 },
    });
    expect(v?.addresses).toContain('10.30.0.1/24');
  });

  it('finds no VLAN where names only look like VLANs (veths named eth1.10)', () => {
    expect(vlanTree(vlanHost('no-8021q'))).toEqual([]);
  });
});

describe('vlanRates', () => {
  it('divides counter deltas by the seconds between reads', () => {
    const snap = vlanSnapshot('healthy');
    const key = '/proc/net/vlan/eth1.10';
    const rec = snap.sources[key];
    if (!rec) throw new Error('fixture lacks eth1.10');
    const later = {
      ...snap,
      sources: {
        ...snap.sources,
        [key]: { ...rec, stdout: rec.stdout.replace(/(total frames received\s+)1000/, '$11100') },
      },
    };
    const rates = vlanRates(buildHostState(snap), buildHostState(later), 2);
    expect(rates.find((r) => r.name === 'eth1.10')).toMatchObject({
      rxFramesPerSec: 50,
      txFramesPerSec: 0,
    });
    expect(
      vlanRates(buildHostState(later), buildHostState(snap), 2).find((r) => r.name === 'eth1.10'),
    ).toBeUndefined();
    expect(vlanRates(buildHostState(snap), buildHostState(snap), 0)).toEqual([]);
  });
});

describe('switchViews and portAdvice', () => {
  const [br] = switchViews(vlanHost('healthy'));

  it('shows each port of a VLAN-filtering bridge with PVID, untagged and tagged VLANs', () => {
    expect(br?.bridge).toBe('br0');
    expect(br?.vlanFiltering).toBe(true);
    expect(br?.ports.map((p) => [p.name, p.pvid, p.untagged, p.tagged])).toEqual([
      ['swp1', 1, ['1'], ['10', '20']],
      ['swp2', 10, ['10'], []],
      ['swp3', null, [], ['100', '200-210']],
    ]);
  });

  it('says in one sentence what a device on the port must do', () => {
    const [swp1, swp2, swp3] = br?.ports ?? [];
    if (!swp1 || !swp2 || !swp3) throw new Error('ports');
    expect(portAdvice(swp2, true)).toBe(
      'A device here must send untagged frames to be in VLAN 10.',
    );
    expect(portAdvice(swp1, true)).toContain('tag frames with VLANs 10, 20');
    expect(portAdvice(swp3, true)).toContain('tag every frame (untagged frames are dropped');
    expect(portAdvice(swp3, false)).toContain('VLAN filtering is off');
  });
});
