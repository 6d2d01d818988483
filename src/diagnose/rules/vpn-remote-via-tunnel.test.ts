import { describe, expect, it } from 'vitest';
import {
  OPENVPN_CLIENT_HOST_ROUTE,
  OPENVPN_CLIENT_REMOTE_IN_TUNNEL,
  labHost,
  withOpenVpn,
} from '../../../test/doctor/load.js';
import type { HostState } from '../../state/host-state.js';
import { vpnRemoteViaTunnelRule } from './vpn-remote-via-tunnel.js';

const run = (host: HostState) => vpnRemoteViaTunnelRule.run({ host });

/** The lab client with its config replaced, and its tunnel's routes dropped when `down`. */
function client(config: string, down = false): HostState {
  const host = labHost(OPENVPN_CLIENT_REMOTE_IN_TUNNEL);
  const routes = down ? host.routes.filter((r) => r.dev !== 'tun0') : host.routes;
  return withOpenVpn({ ...host, routes }, { '/etc/openvpn/client/office.conf': config });
}

describe('vpn-remote-via-tunnel', () => {
  it('the server lies inside a pushed route on tun0: the fix routes it via the pre-tunnel gateway', () => {
    const [f, ...rest] = run(labHost(OPENVPN_CLIENT_REMOTE_IN_TUNNEL));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', subject: '198.51.100.1' });
    expect(f?.box?.role).toBe('vpn-client');
    expect(f?.fix).toEqual([
      'ip route add 198.51.100.1/32 via 203.0.113.1 dev eth0',
      '# and so it holds after every reconnect, add this line to /etc/openvpn/client/office.conf:',
      '# route 198.51.100.1 255.255.255.255 net_gateway',
    ]);
    expect(f?.evidence.map((e) => e.text)).toEqual([
      'remote 198.51.100.1 1194',
      '198.51.100.0/24 via 10.9.0.1 dev tun0',
      'default via 203.0.113.1 dev eth0',
    ]);
  });

  it('clears with a /32 for the server outside the tunnel', () => {
    expect(run(labHost(OPENVPN_CLIENT_HOST_ROUTE))).toEqual([]);
  });

  it('a config route covering the server raises before the tunnel is up; net_gateway clears it', () => {
    const conf = 'client\nremote 198.51.100.1 1194\nroute 198.51.100.0 255.255.255.0\n';
    const [f] = run(client(conf, true));
    expect(f?.severity).toBe('error');
    expect(f?.why).toContain('once it is up');
    expect(f?.evidence[1]?.text).toBe('route 198.51.100.0 255.255.255.0');
    const bypass = `${conf}route 198.51.100.1 255.255.255.255 net_gateway\n`;
    expect(run(client(bypass, true))).toEqual([]);
  });

  it('a remote outside every tunnel route: nothing', () => {
    expect(run(client('client\nremote 192.0.2.9 1194\n'))).toEqual([]);
  });

  it('a remote given by name: a note that says it was not resolved and how to check', () => {
    const [f] = run(client('client\nremote vpn.example.net 1194\n'));
    expect(f?.severity).toBe('info');
    expect(f?.why).toContain('does not resolve');
    expect(f?.fix[0]).toBe('getent ahostsv4 vpn.example.net');
  });
});
