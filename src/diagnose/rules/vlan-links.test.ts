import { describe, expect, it } from 'vitest';
import { vlanLinksRule } from './vlan-links.js';
import { vlanHost } from '../../../test/fixtures/vlan/snapshots.js';

describe('vlan-links over the broken router', () => {
  const found = vlanLinksRule.run({ host: vlanHost('broken') });
  const of = (code: string) => found.filter((f) => f.code === code).map((f) => f.subject);

  it('names each problem on its own VLAN, and nothing on the healthy ones', () => {
    expect(of('vlan-id-invalid')).toEqual(['eth1.0']);
    expect(of('vlan-parent-down')).toEqual(['eth3.50']);
    expect(of('vlan-down')).toEqual(['eth1.60']);
    expect(of('vlan-mtu-exceeds-parent')).toEqual(['eth2.70']);
    expect(found).toHaveLength(4);
  });

  it('gives the fix and the evidence with its source', () => {
    const parent = found.find((f) => f.code === 'vlan-parent-down');
    expect(parent?.fix).toEqual(['ip link set eth3 up']);
    expect(parent?.evidence.map((e) => e.source)).toEqual([
      'ip -j -d link show',
      'ip -j -d link show',
      '/proc/net/vlan/eth3.50',
    ]);
    expect(found.find((f) => f.code === 'vlan-mtu-exceeds-parent')?.fix[0]).toBe(
      'ip link set eth2.70 mtu 1500',
    );
    expect(found.find((f) => f.code === 'vlan-down')).toMatchObject({
      severity: 'error',
      fix: ['ip link set eth1.60 up'],
    });
  });

  it('finds nothing on the healthy router (QinQ, QoS maps and all)', () => {
    expect(vlanLinksRule.run({ host: vlanHost('healthy') })).toEqual([]);
  });
});
