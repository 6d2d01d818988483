import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotSchema, type Snapshot } from '../snapshot/types.js';
import { collectHosts, type CollectProgress } from './collect.js';

const DIR = resolve(import.meta.dirname, '../../test/fixtures/path/vpc/broken');
const read = (name: string): Snapshot =>
  snapshotSchema.parse(JSON.parse(readFileSync(resolve(DIR, `${name}.json`), 'utf8')));

describe('collectHosts', () => {
  it('reads at most N at once, keeps the order given, and names a failed host with its reason', async () => {
    let running = 0;
    let most = 0;
    const progress: CollectProgress[] = [];
    const names = ['vpc1', 'vpc2', 'gone', 'vpc3', 'h2', 'h3'];
    const hosts = await collectHosts(
      names,
      (n) => n,
      async (n) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        if (n === 'gone')
          throw new Error('ssh: connect to host gone port 22: No route to host\nmore');
        return read(n);
      },
      { concurrency: 2, onProgress: (p) => progress.push(p) },
    );
    expect(most).toBe(2);
    expect(hosts.map((h) => h.name)).toEqual(names);
    expect(hosts[2]).toEqual({
      name: 'gone',
      state: null,
      error: 'ssh: connect to host gone port 22: No route to host',
    });
    expect(hosts[1]?.state?.interfaces.some((i) => i.name === 'eth1')).toBe(true);
    expect(progress.at(-1)).toEqual({ done: 6, total: 6, failed: 1 });
  });
});
