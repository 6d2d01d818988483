import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { netmaskLength, parseOpenVpnCcd, parseOpenVpnConfig } from './openvpn.js';

const dir = resolve(import.meta.dirname, '../../test/fixtures/doctor/openvpn');
const parse = (name: string) =>
  parseOpenVpnConfig(readFileSync(resolve(dir, name), 'utf8'), `/etc/openvpn/${name}`);

describe('parseOpenVpnConfig', () => {
  it('reads the server network and ignores commented-out pushes', () => {
    const { config, warnings } = parse('sample-style-server.conf');
    expect(config.server).toBe('10.8.0.0/24');
    expect(config.pushedRoutes).toEqual([]);
    expect(config.routes).toEqual([]);
    expect(config.dev).toBe('tun');
    expect(config.topology).toBeNull();
    expect(config.client).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('reads pushed routes, client routes, dev and topology', () => {
    const { config } = parse('lab-server.conf');
    expect(config).toMatchObject({
      source: '/etc/openvpn/lab-server.conf',
      server: '10.8.0.0/24',
      pushedRoutes: ['192.168.50.0/24'],
      routes: ['192.168.77.0/24'],
      dev: 'tun0',
      topology: 'subnet',
      client: false,
    });
    expect(config.lines).toContain('push "route 192.168.50.0 255.255.255.0"');
    expect(config.lines).not.toContain('push "dhcp-option DNS 192.168.50.1"');
  });

  it('knows a client config', () => {
    const { config } = parse('client.conf');
    expect(config.client).toBe(true);
    expect(config.server).toBeNull();
  });

  it('takes single quotes and warns on a mask that is not one', () => {
    const { config, warnings } = parse('odd-server.conf');
    expect(config.server).toBe('172.16.4.0/22');
    expect(config.pushedRoutes).toEqual(['10.20.0.0/16']);
    expect(config.topology).toBe('net30');
    expect(warnings.map((w) => w.message)).toEqual([
      'unreadable: push "route 10.30.0.0 255.0.255.0"',
    ]);
  });
});

describe('netmaskLength', () => {
  it.each([
    ['255.255.255.0', 24],
    ['255.255.252.0', 22],
    ['255.255.255.255', 32],
    ['0.0.0.0', 0],
    ['255.0.255.0', null],
    ['255.255.256.0', null],
  ])('%s → %s', (mask, len) => expect(netmaskLength(mask)).toBe(len));
});

describe('parseOpenVpnConfig: clients and client-config-dir', () => {
  const inline = readFileSync(
    resolve(import.meta.dirname, '../../test/fixtures/openvpn/inline-keys.conf'),
    'utf8',
  );

  it('reads every remote, <connection> blocks included, and skips key blocks', () => {
    const { config, warnings } = parseOpenVpnConfig(inline, '/etc/openvpn/client/c.conf');
    expect(config.client).toBe(true);
    expect(config.remotes).toEqual([
      { host: 'vpn.example.net', port: 1194, line: 'remote vpn.example.net 1194' },
      { host: '198.51.100.7', port: 1194, line: 'remote 198.51.100.7 1194' },
      { host: '203.0.113.5', port: 443, line: 'remote 203.0.113.5 443 tcp' },
    ]);
    expect(config.routes).toEqual(['192.168.60.0/24']);
    expect(warnings).toEqual([]);
  });

  it('pull or tls-client alone make a client; net_gateway routes stay out of the tunnel', () => {
    const { config } = parseOpenVpnConfig(
      'tls-client\npull\ndev tun1\nroute 198.51.100.7 255.255.255.255 net_gateway\nroute 10.1.0.0 255.255.0.0 vpn_gateway\n',
      '/etc/openvpn/x.conf',
    );
    expect(config.client).toBe(true);
    expect(config.remotes).toEqual([]);
    expect(config.netGatewayRoutes).toEqual(['198.51.100.7/32']);
    expect(config.routes).toEqual(['10.1.0.0/16']);
  });

  it('a relative client-config-dir is taken from cd, else from the config directory', () => {
    const at = (text: string) =>
      parseOpenVpnConfig(text, '/etc/openvpn/server/s.conf').config.clientConfigDir;
    expect(at('server 10.8.0.0 255.255.255.0\nclient-config-dir ccd\n')).toBe(
      '/etc/openvpn/server/ccd',
    );
    expect(at('cd /etc/openvpn\nclient-config-dir ccd\n')).toBe('/etc/openvpn/ccd');
    expect(at('client-config-dir /srv/ccd\n')).toBe('/srv/ccd');
    expect(at('server 10.8.0.0 255.255.255.0\n')).toBeNull();
  });
});

describe('parseOpenVpnCcd', () => {
  it('reads iroute lines; the file name is the common name', () => {
    const { file, warnings } = parseOpenVpnCcd(
      '# site one\nifconfig-push 10.8.0.20 255.255.255.0\niroute 192.168.77.0 255.255.255.0\niroute 10.77.0.0 255.0.255.0\n',
      '/etc/openvpn/ccd/site1',
    );
    expect(file).toEqual({
      source: '/etc/openvpn/ccd/site1',
      commonName: 'site1',
      iroutes: ['192.168.77.0/24'],
      lines: ['iroute 192.168.77.0 255.255.255.0', 'iroute 10.77.0.0 255.0.255.0'],
    });
    expect(warnings.map((w) => w.message)).toEqual(['unreadable: iroute 10.77.0.0 255.0.255.0']);
  });
});
