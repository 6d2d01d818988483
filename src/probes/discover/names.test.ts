/** Name lookups held while a batch goes out (real getent, on this host's /etc/hosts). */
import { describe, expect, it } from 'vitest';
import { nameLookups } from './names.js';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('name lookups', () => {
  it('held: nothing is looked up until release, then the address is', async () => {
    const names: string[] = [];
    const lookups = nameLookups(new AbortController().signal, (ip) => names.push(ip), 5000);
    lookups.hold();
    lookups.add('127.0.0.1');
    await later(200); // four times the gathering window: it would have run by now
    expect(names).toEqual([]);
    lookups.release();
    await lookups.finish();
    expect(names).toEqual(['127.0.0.1']);
  });

  it('finish looks up what is still held', async () => {
    const names: string[] = [];
    const lookups = nameLookups(new AbortController().signal, (ip) => names.push(ip), 5000);
    lookups.hold();
    lookups.add('127.0.0.1');
    await lookups.finish();
    expect(names).toEqual(['127.0.0.1']);
  });
});
