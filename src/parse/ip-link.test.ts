import { describe, expect, it } from 'vitest';
import { parseIpLink, vlanProtocolName } from './ip-link.js';
import { fixture } from '../../test/helpers/fixtures.js';

describe('parseIpLink over `ip -j -d link show` from the lab router', () => {
  const { records, warnings } = parseIpLink(fixture('lab-router/ip-j-d-link.json'));
  const byName = (n: string) => records.find((r) => r.name === n);

  it('reads every interface without warnings', () => {
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.name)).toEqual(['lo', 'lan0', 'lan1', 'mv0', 'tun0']);
  });

  it.each([
    // name, adminUp, carrier, kind, mtu, mac
    ['lo', true, true, null, 65536, null],
    ['lan0', true, true, 'veth', 1500, '02:00:00:00:00:01'],
    ['lan1', true, true, 'veth', 9000, expect.stringMatching(/^[0-9a-f:]{17}$/)],
    ['mv0', false, false, 'macvlan', 9000, expect.stringMatching(/^[0-9a-f:]{17}$/)],
    ['tun0', true, false, 'tun', 1500, null],
  ])('%s: up=%s carrier=%s kind=%s mtu=%s', (name, adminUp, carrier, kind, mtu, mac) => {
    const r = byName(name);
    expect(r).toMatchObject({ adminUp, carrier, kind, mtu, mac });
  });

  it('names a macvlan parent, and marks a veth peer in another namespace', () => {
    expect(byName('mv0')?.link).toBe('lan1');
    expect(byName('lan0')?.linkInOtherNamespace).toBe(true);
    expect(byName('mv0')?.linkInOtherNamespace).toBe(false);
  });

  it('reads VLAN ID and protocol from linkinfo (format of iproute2 ip/iplink_vlan.c)', () => {
    // The lab kernel has no 8021q: this element keeps the shape iplink_vlan.c prints.
    const text = JSON.stringify([
      {
        ifindex: 7,
        link: 'eth1',
        ifname: 'eth1.1234',
        flags: ['BROADCAST', 'MULTICAST', 'M-DOWN'],
        mtu: 1500,
        operstate: 'DOWN',
        link_type: 'ether',
        address: '00:15:16:66:36:ee',
        linkinfo: {
          info_kind: 'vlan',
          info_data: { protocol: '802.1Q', id: 1234, flags: ['REORDER_HDR'] },
        },
      },
    ]);
    const [vlan] = parseIpLink(text).records;
    expect(vlan).toMatchObject({
      name: 'eth1.1234',
      link: 'eth1',
      kind: 'vlan',
      vlan: { id: 1234, protocol: '802.1Q' },
    });
  });

  it('warns on output that is not JSON, and on elements without a name', () => {
    expect(parseIpLink('Device "x" does not exist.').warnings).toEqual([
      { source: 'ip -j -d link show', message: 'output is not JSON' },
    ]);
    expect(parseIpLink('[{"ifindex":1}]').warnings[0]?.message).toMatch(/no ifindex or ifname/);
    expect(parseIpLink('').records).toEqual([]);
  });
});

describe('parseIpLink: VLAN details (ip/iplink_vlan.c) from the VLAN fixtures', () => {
  const links = parseIpLink(
    JSON.parse(fixture('vlan/healthy.snapshot.json')).sources['ip -j -d link show']
      .stdout as string,
  ).records;
  const byName = (n: string) => links.find((r) => r.name === n);

  it('reads protocol, flags and both QoS maps', () => {
    expect(byName('eth2.30')?.vlan).toEqual({
      id: 30,
      protocol: '802.1Q',
      flags: ['REORDER_HDR'],
      ingressQos: [{ from: 1, to: 2 }],
      egressQos: [
        { from: 5, to: 3 },
        { from: 6, to: 5 },
      ],
    });
    expect(byName('eth1.100')?.vlan?.protocol).toBe('802.1ad');
    expect(byName('eth1.100.200')?.link).toBe('eth1.100');
  });

  it("reads a bridge's vlan_filtering", () => {
    expect(byName('br0')?.bridge).toMatchObject({ vlanFiltering: true });
    expect(byName('eth1')?.bridge).toBeNull();
  });

  it.each([
    ['802.1q', '802.1Q'],
    ['0x88a8', '802.1ad'],
    [undefined, '802.1Q'],
  ])('names protocol %s as %s', (raw, name) => {
    expect(vlanProtocolName(raw)).toBe(name);
  });
});
