import { describe, expect, it } from 'vitest';
import { parseTargetText, portValue } from './target-syntax.js';

describe('[USER@]HOST[:PORT]', () => {
  it.each([
    ['r1', { host: 'r1' }],
    ['admin@r1.example.net:2222', { user: 'admin', host: 'r1.example.net', port: 2222 }],
    ['192.0.2.1:22', { host: '192.0.2.1', port: 22 }],
    ['[2001:db8::1]:2222', { host: '2001:db8::1', port: 2222 }],
    ['[fe80::1%eth0]', { host: 'fe80::1%eth0' }],
    ['ops@2001:db8::1', { user: 'ops', host: '2001:db8::1' }],
  ])('%s', (text, want) => {
    expect(parseTargetText(text)).toEqual(want);
  });

  it.each([
    ['', 'an empty target'],
    ['  ', 'an empty target'],
    ['-oProxyCommand=sh', "'-oProxyCommand=sh' is not a host name or address"],
    ['-l@r1', "'-l' is not a user name"],
    // The last @ splits: a user with an @ in it is no user name.
    ['a@b@r1', "'a@b' is not a user name"],
    ['r1:-p', "'-p' is not a port (1-65535)"],
    ['r1:0', "'0' is not a port (1-65535)"],
    ['r1:65536', "'65536' is not a port (1-65535)"],
    ['[2001:db8::1', 'a [ without ]'],
    ['[2001:db8::1]22', "'22' after the address"],
    ['[r1]:22', "'r1' is not an IPv6 address"],
    ['2001:db8::zz', "'2001:db8::zz' is not an IPv6 address"],
    ['r1;reboot', "'r1;reboot' is not a host name or address"],
  ])('refuses %j: %s', (text, why) => {
    expect(parseTargetText(text)).toEqual({ why });
  });

  it('reads a port from digits only', () => {
    expect(portValue('22')).toBe(22);
    expect(portValue('22x')).toEqual({ why: "'22x' is not a port (1-65535)" });
    expect(portValue('1e3')).toEqual({ why: "'1e3' is not a port (1-65535)" });
  });
});
