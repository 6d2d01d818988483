import { describe, expect, it } from 'vitest';
import { LAN_SERVER, ROUTER, VM, VPN_SERVER, labHost } from '../../test/doctor/load.js';
import { carvedRoutes, hostRole, isPrivateAddress, roleWords } from './role.js';

describe('hostRole over lab snapshots', () => {
  it('a VPN server: from its OpenVPN config and the address in the server network, not the name', () => {
    const role = hostRole(labHost(VPN_SERVER));
    expect(role.vpnServer).toBe(true);
    expect(role.router).toBe(true);
    expect(role.vpnNetworks).toEqual([
      {
        cidr: '10.8.0.0/24',
        iface: 'tun0',
        source: '/etc/openvpn/server.conf',
        line: 'server 10.8.0.0 255.255.255.0',
      },
    ]);
    expect(role.pushedNetworks.map((p) => p.cidr)).toEqual(['192.168.50.0/24']);
    expect(role.lanNets.map((n) => `${n.iface} ${n.address} ${n.cidr.text}`)).toEqual([
      'eth0 192.168.50.5 192.168.50.0/24',
    ]);
    expect(roleWords(role)).toBe('router and VPN server');
  });

  it('a LAN server and a VM route nothing', () => {
    for (const path of [LAN_SERVER, VM]) {
      const role = hostRole(labHost(path));
      expect(role).toMatchObject({ router: false, vpnServer: false, vpnNetworks: [] });
    }
  });

  it('a Linux router: forwarding, and a public address carved out of the upstream network', () => {
    const host = labHost(ROUTER);
    expect(hostRole(host).router).toBe(true);
    expect(carvedRoutes(host).map((c) => [c.route.dst, c.route.dev, c.inside.iface])).toEqual([
      ['203.0.113.10', 'eth1', 'eth0'],
    ]);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['10.8.0.6', true],
    ['172.31.255.1', true],
    ['192.168.50.10', true],
    ['100.64.0.1', true],
    ['fd00::1', true],
    ['203.0.113.10', false],
    ['172.32.0.1', false],
    ['2001:db8::1', false],
  ])('%s → %s', (a, expected) => expect(isPrivateAddress(a)).toBe(expected));
});
