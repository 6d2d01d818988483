import { describe, expect, it } from 'vitest';
import { parseInventory, parseTarget } from './targets.js';

describe('--ssh targets', () => {
  it.each([
    ['r1', { name: 'r1', host: 'r1', user: null, port: null }],
    [
      'admin@r1.example.net:2222',
      { name: 'admin@r1.example.net:2222', host: 'r1.example.net', user: 'admin', port: 2222 },
    ],
    ['192.0.2.1', { name: '192.0.2.1', host: '192.0.2.1', user: null, port: null }],
    ['[2001:db8::1]:22', { name: '[2001:db8::1]:22', host: '2001:db8::1', user: null, port: 22 }],
    ['ops@2001:db8::1', { name: 'ops@2001:db8::1', host: '2001:db8::1', user: 'ops', port: null }],
  ])('%s', (text, want) => {
    expect(parseTarget(text)).toEqual(want);
  });

  it.each([
    ['', '--ssh: an empty target'],
    ['-oProxyCommand=sh', "--ssh: '-oProxyCommand=sh' is not a host name or address"],
    ['r1:99999', "--ssh: '99999' is not a port (1-65535)"],
    ['bad user@r1', "--ssh: 'bad user' is not a user name"],
    ['r1;reboot', "--ssh: 'r1;reboot' is not a host name or address"],
  ])('refuses %j in one line', (text, message) => {
    expect(() => parseTarget(text)).toThrow(message);
  });
});

describe('--inventory', () => {
  const ansible = JSON.stringify({
    _meta: {
      hostvars: {
        r1: { ansible_host: '192.0.2.1', ansible_user: 'ops', ansible_port: 2222 },
        r2: { ansible_host: '192.0.2.2' },
      },
    },
    all: { children: ['routers', 'ungrouped'] },
    routers: { hosts: ['r1', 'r2', 'r3'] },
  });

  it('reads ansible-inventory --list: names, hosts, users and ports', () => {
    expect(parseInventory(ansible, 'inv.json')).toEqual([
      { name: 'r1', host: '192.0.2.1', user: 'ops', port: 2222 },
      { name: 'r2', host: '192.0.2.2', user: null, port: null },
      { name: 'r3', host: 'r3', user: null, port: null },
    ]);
  });

  it('reads a plain list, comments and blank lines aside', () => {
    expect(parseInventory('# routers\nr1\n\nops@r2:2200\nr1\n', 'hosts.txt')).toEqual([
      { name: 'r1', host: 'r1', user: null, port: null },
      { name: 'ops@r2:2200', host: 'r2', user: 'ops', port: 2200 },
    ]);
  });

  it.each([
    ['{"_meta": {', 'inv.json: not valid JSON'],
    ['{"all": {"children": []}}', 'inv.json: the inventory names no host'],
    [
      '{"g": {"hosts": ["r1"]}, "_meta": {"hostvars": {"r1": {"ansible_port": "ssh"}}}}',
      "inv.json: host 'r1': ansible_port: 'ssh' is not a port",
    ],
    ['r1\n-oProxyCommand=x\n', "inv.json line 2: '-oProxyCommand=x' is not a host name or address"],
    ['\n# nothing\n', 'inv.json: no host in it'],
  ])('refuses %j in one line', (text, message) => {
    expect(() => parseInventory(text, 'inv.json')).toThrow(message);
  });
});
