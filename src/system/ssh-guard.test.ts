/**
 * The far side's guard (ssh.ts REMOTE_GUARD), run here with `sh`: the program ends when the
 * guard's stdin closes (what ssh gives it when the channel closes), and not before.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REMOTE_GUARD, guardedCommand } from './ssh.js';

function runGuard(argv: readonly string[]) {
  const child = spawn('sh', ['-c', REMOTE_GUARD, 'sh', ...argv], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number | null>((resolve) => child.once('close', resolve));
  return { child, done, out: () => ({ stdout, stderr }) };
}

describe('the remote guard', () => {
  it('runs the program with its words as given, stdin still open', async () => {
    const g = runGuard(['printf', '%s|', 'h\'$(id)";x', '$HOME']);
    expect(await g.done).toBe(0);
    expect(g.out().stdout).toBe(`h'$(id)";x|$HOME|`);
    g.child.stdin.end();
  });

  it('ends the program when its stdin closes', async () => {
    const started = Date.now();
    const g = runGuard(['sleep', '30']);
    await new Promise((r) => setTimeout(r, 300));
    g.child.stdin.end();
    expect(await g.done).toBe(143);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('says a program is missing with 127 and one line', async () => {
    const g = runGuard(['no-such-tool-here']);
    expect(await g.done).toBe(127);
    expect(g.out().stderr).toBe('no-such-tool-here: not installed\n');
    g.child.stdin.end();
  });

  it('is one command line for the far login shell', () => {
    expect(guardedCommand(['ip', '-j', 'addr'])).toMatch(/^exec sh -c '.*' sh 'ip' '-j' 'addr'$/s);
  });
});
