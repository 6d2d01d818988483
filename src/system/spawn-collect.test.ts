import { describe, expect, it } from 'vitest';
import { spawnCollect } from './spawn-collect.js';
import { runCommand } from './run.js';

const env = { ...process.env, LC_ALL: 'C' };

describe('spawnCollect', () => {
  it('keeps both outputs exactly, final newline and bytes split across chunks included', async () => {
    // 200,000 'é' (two bytes each) cross many pipe chunks; a split character must survive.
    const r = await spawnCollect(
      'sh',
      ['-c', 'printf "a\\n"; printf "b\\n" >&2; head -c 200000 /dev/zero | tr "\\0" x; exit 3'],
      { timeoutMs: 5000, env },
    );
    expect(r.exitCode).toBe(3);
    expect(r.stdout.startsWith('a\n')).toBe(true);
    expect(r.stdout.length).toBe(2 + 200_000);
    expect(r.stderr).toBe('b\n');
    expect(r.error).toBeUndefined();
    const utf8 = await spawnCollect(
      'sh',
      ['-c', 'i=0; while [ $i -lt 20000 ]; do printf é; i=$((i+1)); done'],
      {
        timeoutMs: 10_000,
        env,
      },
    );
    expect(utf8.stdout).toBe('é'.repeat(20_000));
  });

  it('gives the child its input', async () => {
    const r = await spawnCollect('cat', [], { timeoutMs: 5000, env, input: 'one\ntwo\n' });
    expect(r).toEqual({ exitCode: 0, stdout: 'one\ntwo\n', stderr: '' });
  });

  it('stops a child at its timeout or when the signal aborts, and says which', async () => {
    const slow = await spawnCollect('sleep', ['30'], { timeoutMs: 50, env });
    expect(slow).toMatchObject({ exitCode: null, error: 'timeout' });
    const ac = new AbortController();
    const running = spawnCollect('sleep', ['30'], { timeoutMs: 5000, env, signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    expect(await running).toMatchObject({ exitCode: null, error: 'cancelled' });
    expect(
      await spawnCollect('sleep', ['30'], { timeoutMs: 5000, env, signal: AbortSignal.abort() }),
    ).toMatchObject({ exitCode: null, error: 'cancelled' });
  });

  it('names a start that failed and a death by a signal', async () => {
    const r = await spawnCollect('/proc/self/status', [], { timeoutMs: 5000, env });
    expect(r.exitCode).toBeNull();
    expect(r.error).toMatch(/EACCES/);
    const killed = await spawnCollect('sh', ['-c', 'kill -9 $$'], { timeoutMs: 5000, env });
    expect(killed).toMatchObject({ exitCode: null, error: 'Command was killed with SIGKILL' });
  });

  it('is what runCommand runs: LC_ALL=C, resolved from PATH and sbin', async () => {
    const out = await runCommand(['sh', '-c', 'echo $LC_ALL']);
    expect(out).toMatchObject({
      exitCode: 0,
      stdout: 'C\n',
      resolved: expect.stringMatching(/\/sh$/),
    });
  });
});
