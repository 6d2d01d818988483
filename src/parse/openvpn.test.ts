import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { netmaskLength, parseOpenVpnConfig } from './openvpn.js';

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
