import { describe, expect, it } from 'vitest';
import {
  OPENVPN_SERVER_CCD_NO_IROUTE,
  OPENVPN_SERVER_IROUTE,
  OPENVPN_SERVER_NO_CCD,
  labHost,
  withOpenVpn,
} from '../../../test/doctor/load.js';
import type { HostState } from '../../state/host-state.js';
import { netAndMask, openVpnIrouteMissingRule } from './openvpn-iroute-missing.js';
import { parseCidr } from '../../net/cidr.js';

const run = (host: HostState) => openVpnIrouteMissingRule.run({ host });

/** The lab server with its config and client-config-dir replaced by these texts. */
const server = (config: string, ccd: Record<string, string> | null) =>
  withOpenVpn(labHost(OPENVPN_SERVER_NO_CCD), { '/etc/openvpn/server.conf': config }, ccd);

const BASE = 'server 10.8.0.0 255.255.255.0\nroute 192.168.77.0 255.255.255.0\n';

describe('openvpn-iroute-missing', () => {
  it('a server that routes a site into its tunnel with no client-config-dir: the fix adds one', () => {
    const [f, ...rest] = run(labHost(OPENVPN_SERVER_NO_CCD));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', subject: '192.168.77.0/24' });
    expect(f?.box?.role).toBe('vpn-server');
    expect(f?.fix.slice(0, 3)).toEqual([
      'mkdir -p /etc/openvpn/ccd',
      '# add this line to /etc/openvpn/server.conf: client-config-dir /etc/openvpn/ccd',
      '# in /etc/openvpn/ccd/CLIENT add the line: iroute 192.168.77.0 255.255.255.0',
    ]);
  });

  it('a client-config-dir whose files have no iroute: names the files, no mkdir', () => {
    const [f] = run(labHost(OPENVPN_SERVER_CCD_NO_IROUTE));
    expect(f?.fix[0]).toBe(
      '# in /etc/openvpn/ccd/CLIENT add the line: iroute 192.168.77.0 255.255.255.0',
    );
    expect(f?.fix[1]).toContain('(files there now: laptop1, site1)');
    expect(f?.evidence.map((e) => e.source)).toContain('/etc/openvpn/ccd/site1');
  });

  it('clears with the iroute in the client file', () => {
    expect(run(labHost(OPENVPN_SERVER_IROUTE))).toEqual([]);
  });

  it('a named client-config-dir that is absent: mkdir, but no config line', () => {
    const [f] = run(server(`${BASE}client-config-dir /etc/openvpn/clients\n`, null));
    expect(f?.fix[0]).toBe('mkdir -p /etc/openvpn/clients');
    expect(f?.fix[1]).toMatch(/^# in \/etc\/openvpn\/clients\/CLIENT add the line: iroute/);
    expect(f?.why).toContain('does not exist');
  });

  it('a wider iroute covers the route; a route inside the server network needs none', () => {
    const wide = server(`${BASE}client-config-dir ccd\n`, {
      site1: 'iroute 192.168.0.0 255.255.0.0\n',
    });
    expect(run(wide)).toEqual([]);
    const own = server('server 10.8.0.0 255.255.255.0\nroute 10.8.0.128 255.255.255.128\n', null);
    expect(run(own)).toEqual([]);
  });

  it('a narrower iroute does not cover the whole route', () => {
    const narrow = server(`${BASE}client-config-dir ccd\n`, {
      site1: 'iroute 192.168.77.0 255.255.255.128\n',
    });
    expect(run(narrow).map((f) => f.subject)).toEqual(['192.168.77.0/24']);
  });

  it('a client config is not a server: its route lines are not judged here', () => {
    const client = 'client\nremote 198.51.100.1\nroute 192.168.77.0 255.255.255.0\n';
    expect(
      run(withOpenVpn(labHost(OPENVPN_SERVER_NO_CCD), { '/etc/openvpn/c.conf': client })),
    ).toEqual([]);
  });
});

describe('netAndMask', () => {
  it.each([
    ['192.168.77.0/24', '192.168.77.0 255.255.255.0'],
    ['10.0.0.0/8', '10.0.0.0 255.0.0.0'],
    ['198.51.100.7/32', '198.51.100.7 255.255.255.255'],
    ['0.0.0.0/0', '0.0.0.0 0.0.0.0'],
  ])('%s → %s', (cidr, text) => {
    const c = parseCidr(cidr);
    if (!c) throw new Error(cidr);
    expect(netAndMask(c)).toBe(text);
  });
});
