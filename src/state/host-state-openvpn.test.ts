import { describe, expect, it } from 'vitest';
import { LAN_SERVER, VPN_SERVER, labHost } from '../../test/doctor/load.js';

describe('HostState.openvpn from lab snapshots', () => {
  it('reads the configs a VPN server holds', () => {
    const vpn = labHost(VPN_SERVER).openvpn;
    expect(vpn?.dirs).toEqual([
      { path: '/etc/openvpn', present: true },
      { path: '/etc/openvpn/server', present: false },
    ]);
    expect(vpn?.configs.map((c) => [c.source, c.server, c.pushedRoutes])).toEqual([
      ['/etc/openvpn/server.conf', '10.8.0.0/24', ['192.168.50.0/24']],
    ]);
  });

  it('records an absent directory as absent, not as nothing', () => {
    // The lab gave the machine an empty /etc/openvpn to mount the VPN server's over.
    const lan = labHost(LAN_SERVER).openvpn;
    expect(lan?.configs).toEqual([]);
    expect(lan?.dirs).toEqual([
      { path: '/etc/openvpn', present: true },
      { path: '/etc/openvpn/server', present: false },
    ]);
  });
});
