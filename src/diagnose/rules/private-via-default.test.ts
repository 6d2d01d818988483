import { describe, expect, it } from 'vitest';
import {
  LAN_SERVER,
  LAN_SERVER_WITH_ROUTE,
  VPN_SERVER,
  labHost,
} from '../../../test/doctor/load.js';
import { pathQuestion } from '../../net/path-question.js';
import { privateViaDefaultRule } from './private-via-default.js';
import type { PingProbeResult } from '../rule.js';

describe('private-via-default-gateway', () => {
  const host = labHost(LAN_SERVER);

  it('a VPN client address from the LAN server: leaves by the default gateway', () => {
    const [f] = privateViaDefaultRule.run({ host, path: pathQuestion(host, '10.8.0.6') });
    expect(f).toMatchObject({ severity: 'info', subject: '10.8.0.6' });
    expect(f?.why).toContain('does not know where 10.8.0.0/24 lives');
    expect(f?.evidence[0]?.text).toBe('default via 192.168.50.1 dev eth0');
    // The VPN server asked L by ARP while forwarding the client's ping: the one guess.
    expect(f?.evidence[1]?.text).toMatch(/^192\.168\.50\.5 dev eth0 lladdr [0-9a-f:]+ [A-Z]+$/);
    expect(f?.fix).toContain('ip route add 10.8.0.0/24 via 192.168.50.5 dev eth0');
  });

  it('quiet when a ping of it answered: the gateway does know it', () => {
    const ping: PingProbeResult = {
      target: '10.8.0.6',
      source: null,
      iface: 'eth0',
      answered: true,
      command: 'ping -n -c 3 -i 0.2 -W 1 10.8.0.6',
      lines: [],
    };
    const path = pathQuestion(host, '10.8.0.6');
    expect(privateViaDefaultRule.run({ host, path, probes: { ping } })).toEqual([]);
  });

  it('quiet for a public destination, an on-link one, and once a route covers it', () => {
    expect(privateViaDefaultRule.run({ host, path: pathQuestion(host, '203.0.113.9') })).toEqual(
      [],
    );
    expect(privateViaDefaultRule.run({ host, path: pathQuestion(host, '192.168.50.5') })).toEqual(
      [],
    );
    const fixed = labHost(LAN_SERVER_WITH_ROUTE);
    expect(
      privateViaDefaultRule.run({ host: fixed, path: pathQuestion(fixed, '10.8.0.6') }),
    ).toEqual([]);
  });

  it('on the VPN server, a network it pushes but has no route to: says where it lives', () => {
    const vpn = labHost(VPN_SERVER);
    // 192.168.50.0/24 is on-link there; a client of another pushed network is not, so ask
    // about the VPN network's neighbour instead: on-link too. Nothing to say.
    expect(privateViaDefaultRule.run({ host: vpn, path: pathQuestion(vpn, '10.8.0.77') })).toEqual(
      [],
    );
  });
});
