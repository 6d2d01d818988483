import { describe, expect, it } from 'vitest';
import { overviewReadAhead, startOverviewReadAhead } from './overview-ahead.js';
import { takeSnapshot } from '../snapshot/collect.js';
import { LOCAL_ACCESS } from '../system/access.js';
import { waitingAhead } from '../system/run-all.js';

describe('the overview read started before the app loads', () => {
  it('starts only for a live overview of this host, the TUI without the tools versions', () => {
    expect(overviewReadAhead([], true)).toBe('tui');
    expect(overviewReadAhead(['--debug'], true)).toBe('tui');
    expect(overviewReadAhead([], false)).toBe('whole');
    expect(overviewReadAhead(['--plain'], true)).toBe('whole');
    expect(overviewReadAhead(['overview'], true)).toBe('whole');
    expect(overviewReadAhead(['overview', '--json', '--debug'], false)).toBe('whole');
    for (const argv of [
      ['overview', '--snapshot', 'f'],
      ['--snapshot', 'f'],
      ['--ssh', 'r1'],
      ['overview', '--ssh', 'r1'],
      ['--plan', 'p'],
      ['--help'],
      ['overview', '--help'],
      ['scan'],
      ['overveiw'],
      ['--plain', 'overview'],
    ]) {
      expect(overviewReadAhead(argv, true), argv.join(' ')).toBeNull();
    }
  });

  it('is taken over by the snapshot that asks for the same commands (reads this host only)', async () => {
    const before = waitingAhead();
    startOverviewReadAhead(['overview', '--plain'], false);
    expect(waitingAhead()).toBe(before + 1);
    const snapshot = await takeSnapshot(LOCAL_ACCESS);
    expect(waitingAhead()).toBe(before);
    expect(snapshot.sources['ip -j addr show']?.exitCode).toBe(0);
    expect(Object.keys(snapshot.sources)).toContain('ip -V');
  });
});
