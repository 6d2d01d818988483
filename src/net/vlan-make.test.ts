import { describe, expect, it } from 'vitest';
import { checkVlanRequest, vlanPlan } from './vlan-make.js';

describe('checkVlanRequest', () => {
  it.each([
    ['eth1', '1234', '10.0.0.2/24', null],
    ['eth1', '1', null, null],
    ['eth1', '0', '10.0.0.2/24', /outside 1-4094/],
    ['eth1', '4095', '10.0.0.2/24', /outside 1-4094/],
    ['eth1', 'x', '10.0.0.2/24', /not a number/],
    ['enp0s31f6abc', '1234', '10.0.0.2/24', /hold 15 \(IFNAMSIZ\)/],
    ['eth1', '1234', '10.0.0.300/24', /not an address/],
    ['eth1', '1234', '10.0.0.2', /not an address/],
    ['eth1;rm', '1234', '10.0.0.2/24', /not an interface name/],
  ])('%s %s %s', (parent, id, addr, refusal) => {
    const r = checkVlanRequest(parent, id, addr);
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toMatch(refusal);
  });
});

describe('vlanPlan', () => {
  const plan = vlanPlan({ parent: 'eth1', id: 1234, address: '10.0.0.2/24' });

  it('gives the exact commands, in order', () => {
    expect(plan.commands).toEqual([
      'ip link add link eth1 name eth1.1234 type vlan id 1234',
      'ip addr add 10.0.0.2/24 dev eth1.1234',
      'ip link set eth1.1234 up',
    ]);
  });

  it('gives ifupdown, systemd-networkd and netplan forms', () => {
    const files = plan.persistent.map((p) => p.file);
    expect(files).toEqual([
      '/etc/network/interfaces.d/eth1.1234',
      '/etc/systemd/network/eth1.1234.netdev',
      '/etc/systemd/network/eth1.1234.network',
      '/etc/systemd/network/eth1.network',
      '/etc/netplan/60-eth1.1234.yaml',
    ]);
    expect(plan.persistent[0]?.text).toContain('vlan-raw-device eth1');
    expect(plan.persistent[1]?.text).toContain('Kind=vlan\n\n[VLAN]\nId=1234');
    expect(plan.persistent[3]?.text).toContain('VLAN=eth1.1234');
    expect(plan.persistent[4]?.text).toContain(
      '      id: 1234\n      link: eth1\n      addresses: [10.0.0.2/24]',
    );
  });
});
