import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactCcdFile, redactOpenVpnConfig, removedMarker } from './openvpn-redact.js';
import { parseOpenVpnConfig } from '../parse/openvpn.js';
import { KEY_LINE } from '../../test/openvpn/key-line.js';

const CONFIG = readFileSync(
  resolve(import.meta.dirname, '../../test/fixtures/openvpn/inline-keys.conf'),
  'utf8',
);

describe('redactOpenVpnConfig', () => {
  const out = redactOpenVpnConfig(CONFIG);

  it('the fixture really holds keys (the test can fail)', () => {
    expect(CONFIG).toMatch(KEY_LINE);
    expect(CONFIG).toContain('correct horse battery staple');
  });

  it('leaves no key line, no password, no token', () => {
    expect(out).not.toMatch(KEY_LINE);
    expect(out).not.toContain('correct horse battery staple');
    expect(out).not.toContain('alice');
    expect(out).not.toContain('c2VjcmV0LXRva2Vu');
    expect(out).not.toContain('/etc/openvpn/client/pass.txt');
  });

  it('keeps each block tag with a one-line marker that says what was removed', () => {
    const lines = out.split('\n');
    const after = (tag: string) => lines[lines.indexOf(`<${tag}>`) + 1];
    expect(after('key')).toBe(removedMarker('key', 5));
    expect(after('key')).toBe('[netdoctor removed the private key: 5 lines]');
    expect(after('tls-auth')).toBe('[netdoctor removed the TLS auth key: 21 lines]');
    expect(after('tls-crypt-v2')).toMatch(
      /^\[netdoctor removed the TLS crypt v2 key: \d+ lines\]$/,
    );
    expect(after('secret')).toMatch(/static key/);
    expect(after('auth-user-pass')).toBe('[netdoctor removed the user name and password: 2 lines]');
    expect(after('cert')).toMatch(/the certificate/);
    expect(lines).toContain('</key>');
    expect(lines).toContain('askpass [netdoctor removed the value]');
  });

  it('an unterminated block (a cut file) loses everything after its tag', () => {
    expect(out.trimEnd().split('\n').slice(-2)).toEqual([
      '<tls-crypt>',
      '[netdoctor removed the TLS crypt key: 9 lines] (no </tls-crypt>)',
    ]);
  });

  it('keeps what diagnosis reads: the parse is the same before and after', () => {
    const before = parseOpenVpnConfig(CONFIG, 'c.conf').config;
    const redacted = parseOpenVpnConfig(out, 'c.conf').config;
    expect(redacted).toEqual(before);
    expect(redacted.client).toBe(true);
    expect(out).toContain('<connection>\nremote 203.0.113.5 443 tcp\n</connection>');
  });

  it('a config without secrets is unchanged', () => {
    const plain = 'server 10.8.0.0 255.255.255.0\npush "route 192.168.50.0 255.255.255.0"\n';
    expect(redactOpenVpnConfig(plain)).toBe(plain);
  });
});

describe('redactCcdFile', () => {
  it('keeps the options of a client file, comments out', () => {
    expect(
      redactCcdFile(
        '# site one\nifconfig-push 10.8.0.20 255.255.255.0\niroute 192.168.77.0 255.255.255.0\n',
      ),
    ).toBe('ifconfig-push 10.8.0.20 255.255.255.0\niroute 192.168.77.0 255.255.255.0\n');
  });

  it('a file that is no client file (a directory named by mistake) leaves nothing but a count', () => {
    expect(redactCcdFile('root:$y$j9T$abc:19000:0:99999:7:::\ndaemon:*:19000::::::\n')).toBe(
      '# [netdoctor left out 2 other lines]\n',
    );
  });
});
