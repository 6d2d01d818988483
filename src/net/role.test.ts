import { describe, expect, it } from 'vitest';
import {
  LAN_SERVER,
  OPENVPN_CLIENT_REMOTE_IN_TUNNEL,
  OPENVPN_SERVER_NO_CCD,
  OPENVPN_SITE_CLIENT,
  ROUTER,
  VM,
  VPN_SERVER,
  labHost,
} from '../../test/doctor/load.js';
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

  it('a router whose carved /26 is connected (proto kernel) on the inner interface', () => {
    const host = labHost(CONNECTED_ROUTER);
    expect(carvedRoutes(host).map((c) => [c.route.dst, c.route.dev, c.inside.iface])).toEqual([
      ['192.0.2.64/26', 'eth1', 'eth0'],
    ]);
  });

  it('an interface prefix inside no other interface is not carved (the upstream /24, a VPN server)', () => {
    expect(carvedRoutes(labHost(VPN_SERVER))).toEqual([]);
    expect(carvedRoutes(labHost(CONNECTED_HOST))).toEqual([]);
  });
});

const CONNECTED_ROUTER = 'findings/proxy-arp-needed/raise/connected-subnet-router';
const CONNECTED_HOST = 'findings/forwarding-disabled/clear/host-on-connected-subnet';

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

describe('hostRole: OpenVPN client or server, from a real openvpn in a lab', () => {
  it('a client with a tunnel and one LAN address: a VPN client, not a router, not a server', () => {
    const role = hostRole(labHost(OPENVPN_CLIENT_REMOTE_IN_TUNNEL));
    expect(role).toMatchObject({ vpnClient: true, vpnServer: false, router: false });
    expect(roleWords(role)).toBe('VPN client (routes nothing for others)');
    expect(role.vpnInterfaces).toEqual(['tun0']);
    // The pushed route shows as a kernel route on the tunnel.
    expect(role.clientNetworks.map((n) => `${n.cidr} ${n.iface}`)).toEqual([
      '198.51.100.0/24 tun0',
    ]);
  });

  it('a site router that is a VPN client: a router (forwarding on), and a VPN client', () => {
    const role = hostRole(labHost(OPENVPN_SITE_CLIENT));
    expect(role).toMatchObject({ vpnClient: true, vpnServer: false, router: true });
    expect(roleWords(role)).toMatch(/^router and VPN client/);
    expect(role.reasons).toContain('OpenVPN client config /etc/openvpn/client/site.conf');
  });

  it('the server of the same lab stays a VPN server', () => {
    const role = hostRole(labHost(OPENVPN_SERVER_NO_CCD));
    expect(role).toMatchObject({ vpnClient: false, vpnServer: true });
    expect(role.clientNetworks).toEqual([]);
  });
});
