import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { parseSshTarget, shellCommand, shellQuote, sshCommandLine } from './ssh-target.js';

describe('parseSshTarget', () => {
  it('reads [user@]host[:port], IPv6 in brackets or bare', () => {
    expect(parseSshTarget('r1')).toEqual({ given: 'r1', host: 'r1' });
    expect(parseSshTarget('admin@r1.example:2222')).toEqual({
      given: 'admin@r1.example:2222',
      user: 'admin',
      host: 'r1.example',
      port: 2222,
    });
    expect(parseSshTarget('[2001:db8::1]:22')).toMatchObject({ host: '2001:db8::1', port: 22 });
    expect(parseSshTarget('root@2001:db8::1')).toMatchObject({ user: 'root', host: '2001:db8::1' });
    expect(sshCommandLine(parseSshTarget('u@h:2'))).toBe('ssh -p 2 u@h');
  });

  it('refuses what ssh would read as an option, or nonsense, in one line', () => {
    for (const bad of [
      '',
      '-oProxyCommand=id',
      'r1:0',
      'r1:65536',
      'r1:22x',
      "o'k@r1",
      '-l@r1',
      'r1;id',
      '[2001:db8::1',
      '[r1]:22',
      'a b',
    ]) {
      expect(() => parseSshTarget(bad), bad).toThrow(UsageError);
      try {
        parseSshTarget(bad);
      } catch (err) {
        expect((err as Error).message).not.toContain('\n');
      }
    }
  });
});

/** What `sh` makes of a command line: the words its printf receives, NUL-separated. */
function wordsThroughSh(line: string): string[] {
  const r = spawnSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it('every word reaches the program as it was, whatever it holds', () => {
    const hostile = [
      'h\'$(id)";x',
      '`id`',
      '$HOME',
      "'",
      "''",
      '\\',
      '-n',
      'a b\tc\nd',
      '*',
      '~root',
      '!',
      '',
      'é 日本',
    ];
    expect(wordsThroughSh(shellCommand(hostile))).toEqual(hostile);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
