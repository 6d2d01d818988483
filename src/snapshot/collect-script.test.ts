import { describe, expect, it } from 'vitest';
import { CollectorOutputInvalid, parseFrames, snapshotScript } from './collect-script.js';

const T = '0123456789abcdef';

describe('parseFrames', () => {
  it('takes stdout and stderr exactly, a missing final newline and empty parts included', () => {
    const out = Buffer.from(
      `${T} cmd ip -j addr show\n[{"a":1}]\n\n${T} 0 /usr/bin/ip\n\n${T}.\n` +
        `${T} cmd ping -V\nno newline\n${T} 2 /usr/bin/ping\nwarn\n\n${T}.\n` +
        `${T} cmd arping -V\n\n${T} missing \n\n${T}.\n` +
        `${T} file /proc/x\n\n${T} err ENOENT\n\n${T}.\n` +
        `${T} list /etc/openvpn\na.conf\n\n${T} 0 \n\n${T}.\n`,
    );
    expect(parseFrames(out, T)).toEqual([
      {
        kind: 'cmd',
        key: 'ip -j addr show',
        status: '0',
        detail: '/usr/bin/ip',
        stdout: '[{"a":1}]\n',
        stderr: '',
      },
      {
        kind: 'cmd',
        key: 'ping -V',
        status: '2',
        detail: '/usr/bin/ping',
        stdout: 'no newline',
        stderr: 'warn\n',
      },
      { kind: 'cmd', key: 'arping -V', status: 'missing', detail: '', stdout: '', stderr: '' },
      { kind: 'file', key: '/proc/x', status: 'err', detail: 'ENOENT', stdout: '', stderr: '' },
      {
        kind: 'list',
        key: '/etc/openvpn',
        status: '0',
        detail: '',
        stdout: 'a.conf\n',
        stderr: '',
      },
    ]);
  });

  it('a read cut short, or another token, is refused', () => {
    expect(() => parseFrames(Buffer.from(`${T} cmd ip\n[{"a"`), T)).toThrow(CollectorOutputInvalid);
    expect(() => parseFrames(Buffer.from(`other cmd ip\n\n${T} 0 \n\n${T}.\n`), T)).toThrow(
      CollectorOutputInvalid,
    );
  });

  it('the script quotes every word it was given and is valid sh', () => {
    const script = snapshotScript(T);
    expect(script).toContain(`'ip' '-j' 'addr' 'show'`);
    expect(script.startsWith('main() {')).toBe(true);
    expect(script.trimEnd().endsWith('main')).toBe(true);
  });
});
