import { describe, expect, it } from 'vitest';
import { describeSshFailure } from './ssh-failure.js';
import { parseSshTarget } from './ssh-target.js';

// What OpenSSH 9.2 prints (captured in the ssh lab, test/lab/ssh.lab.test.ts).
const UNKNOWN =
  'No ED25519 host key is known for 198.19.254.3 and you have requested strict checking.\r\nHost key verification failed.\r\n';
const REFUSED = 'root@198.19.254.4: Permission denied (publickey,password).\r\n';
const DOWN = 'ssh: connect to host 198.19.254.5 port 22: No route to host\r\n';

describe('describeSshFailure', () => {
  const r1 = parseSshTarget('r1');
  it('an unknown host key names the host and the commands that accept it', () => {
    const d = describeSshFailure(r1, UNKNOWN, true);
    expect(d.reason).toBe('unknown-host-key');
    expect(d.message).toMatch(/^r1 via ssh: its host key is unknown/);
    expect(d.message).toContain("'ssh r1'");
    expect(d.message).toContain('ssh-keyscan r1');
  });
  it('a refused login in batch mode says no password can be asked', () => {
    const d = describeSshFailure(r1, REFUSED, true);
    expect(d.reason).toBe('login-refused');
    expect(d.message).toContain('Permission denied (publickey,password)');
    expect(d.message).toMatch(/cannot ask for a password without a terminal/);
  });
  it('a host down is unreachable, with ssh own words', () => {
    const d = describeSshFailure(r1, DOWN, true);
    expect(d.reason).toBe('unreachable');
    expect(d.message).toBe(
      'r1 via ssh: cannot connect: ssh: connect to host 198.19.254.5 port 22: No route to host',
    );
  });
  it('every message is one line', () => {
    for (const text of [UNKNOWN, REFUSED, DOWN, '', 'weird\nthings\n'])
      expect(describeSshFailure(r1, text, false).message).not.toMatch(/[\r\n]/);
  });
});
