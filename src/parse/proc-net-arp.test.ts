/** /proc/net/arp as the kernel wrote it (test/fixtures/proc-net-arp/capture.sh). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProcNetArp } from './proc-net-arp.js';

const DIR = join(import.meta.dirname, '../../test/fixtures/proc-net-arp');
const text = readFileSync(join(DIR, 'table.txt'), 'utf8');
const states = JSON.parse(readFileSync(join(DIR, 'table.ip-neigh.json'), 'utf8')) as {
  dst: string;
  lladdr?: string;
  state: string[];
}[];

describe('/proc/net/arp', () => {
  it('reads every entry, valid exactly where ip neigh shows an answered state', () => {
    const { records, warnings } = parseProcNetArp(text);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.ip)).toEqual(states.map((s) => s.dst));
    for (const s of states) {
      const r = records.find((x) => x.ip === s.dst);
      const answered = s.state.some((x) => ['REACHABLE', 'STALE', 'PERMANENT'].includes(x));
      expect(r).toMatchObject({ dev: 'lan0', valid: answered, mac: s.lladdr ?? null });
      expect(r?.permanent).toBe(s.state.includes('PERMANENT'));
    }
  });

  it('asking and failed entries have no MAC (the kernel prints zeros)', () => {
    const silent = parseProcNetArp(text).records.filter((r) => !r.valid);
    expect(silent.map((r) => r.ip)).toEqual(['198.51.100.6', '198.51.100.8']);
    expect(silent.every((r) => r.mac === null)).toBe(true);
  });

  it('a line that is not an entry is a warning, the rest still read', () => {
    const lines = text.split('\n');
    const bad = [lines[0], 'garbage', lines[2]?.replace('lan0', 'a/b'), lines[2]].join('\n');
    const r = parseProcNetArp(bad ?? '');
    expect(r.records.map((x) => x.ip)).toEqual(['198.51.100.7']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'line 2: not an entry (1 fields)',
      'line 3: not an interface name',
    ]);
  });
});
