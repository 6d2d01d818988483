import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identifyNetns } from './netns-identify.js';
import { runCommand } from './run.js';

const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-netns-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('identifyNetns', () => {
  it('names the entry that is this process namespace, as ip does', () => {
    const run = path.join(dir, 'run');
    mkdirSync(run);
    writeFileSync(path.join(run, 'other'), '');
    symlinkSync('/proc/self/ns/net', path.join(run, 'mine'));
    symlinkSync('/nowhere', path.join(run, 'dangling'));
    expect(identifyNetns('/proc/self/ns/net', run)).toBe('mine');
  });

  it('gives no name without a match or without the directory', () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    expect(identifyNetns('/proc/self/ns/net', empty)).toBeUndefined();
    expect(identifyNetns('/proc/self/ns/net', path.join(dir, 'absent'))).toBeUndefined();
  });

  it('agrees with `ip netns identify` here (reads only)', async () => {
    const out = await runCommand(['ip', 'netns', 'identify']);
    if (out.error === 'not-installed') return;
    const trimmed = out.stdout.trim();
    expect(identifyNetns()).toBe(out.exitCode === 0 && trimmed ? trimmed : undefined);
  });
});
