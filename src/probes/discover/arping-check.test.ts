/** The duplicate check's reading of real arping runs (test/fixtures/arping-dup/capture.sh). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ARPING_VERSION_ARGV,
  BatchWatch,
  DUPLICATE_WINDOW_MS,
  arpingProblem,
  arpingProblemOf,
  batchArgv,
  duplicateArgv,
  learnArping,
  readBatchRun,
  streamArgv,
} from './arping-check.js';
import type { CommandOutput } from '../../system/run.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/arping-dup');
const read = (name: string, ext: string) => readFileSync(join(DIR, `${name}.${ext}`), 'utf8');
/** A single run's capture, read as a batch of its one address. */
function run(name: string, ip: string) {
  const batch = readBatchRun('lan0', [ip], read(name, 'stdout'), read(name, 'stderr'));
  return { ...batch.byIp.get(ip)!, denied: batch.denied };
}

describe('the duplicate check reads arping', () => {
  it('asks for two replies within a second, on the interface', () => {
    expect(duplicateArgv('lan0', '198.51.100.7')).toEqual(
      read('duplicate', 'argv').trim().split('\n'),
    );
  });

  it('two MACs answering one request: both, in order, with their lines', () => {
    expect(run('duplicate', '198.51.100.7')).toEqual({
      macs: ['02:00:00:00:00:0c', '02:00:00:00:00:0b'],
      lines: [
        'Unicast reply from 198.51.100.7 [02:00:00:00:00:0C]  0.565ms',
        'Unicast reply from 198.51.100.7 [02:00:00:00:00:0B]  0.605ms',
      ],
      source: 'arping -c 2 -w 1 -I lan0 198.51.100.7',
      denied: null,
    });
  });

  it('one MAC, also when the run was stopped after its window', () => {
    expect(run('single', '198.51.100.8').macs).toEqual(['02:00:00:00:00:0b']);
    const cut = read('single', 'stdout').split('\n').slice(0, 2).join('\n');
    const stopped = readBatchRun('lan0', ['198.51.100.8'], cut, '');
    expect(stopped.byIp.get('198.51.100.8')?.macs).toEqual(['02:00:00:00:00:0b']);
    expect(stopped.denied).toBeNull();
  });

  it('a binary without cap_net_raw: denied, in its own words', () => {
    const r = run('no-capability', '198.51.100.7');
    expect(r.macs).toEqual([]);
    expect(r.denied).toMatch(/socket: Operation not permitted$/);
  });
});

describe('the duplicate check reads a batch (one process tree, one arping per address)', () => {
  const ips = read('batch', 'stdin').trim().split('\n');

  it('starts them with xargs, the addresses on its input, under one timeout', () => {
    expect(batchArgv('lan0', 3)).toEqual(read('batch', 'argv').trim().split('\n'));
  });

  it("the duplicate check's tree: the same, room for a /24, yielding the CPU to the sweep", () => {
    expect(streamArgv('lan0')).toEqual(['nice', '-n', '5', ...batchArgv('lan0', 256)]);
  });

  it('sorts each reply to its address: two MACs, one, none; each with its own command', () => {
    const r = readBatchRun('lan0', ips, read('batch', 'stdout'), read('batch', 'stderr'));
    expect(r.denied).toBeNull();
    expect([...r.byIp].map(([ip, o]) => [ip, o.macs])).toEqual([
      ['198.51.100.7', ['02:00:00:00:00:0c', '02:00:00:00:00:0b']],
      ['198.51.100.8', ['02:00:00:00:00:0b']],
      ['198.51.100.9', []],
    ]);
    expect(r.byIp.get('198.51.100.7')).toEqual({
      macs: ['02:00:00:00:00:0c', '02:00:00:00:00:0b'],
      lines: [
        'Unicast reply from 198.51.100.7 [02:00:00:00:00:0C]  0.564ms',
        'Unicast reply from 198.51.100.7 [02:00:00:00:00:0B]  0.609ms',
      ],
      source: 'arping -c 2 -w 1 -I lan0 198.51.100.7',
    });
  });

  it('a binary without cap_net_raw: denied, in its own words, nothing answered', () => {
    const r = readBatchRun(
      'lan0',
      ips,
      read('batch-no-capability', 'stdout'),
      read('batch-no-capability', 'stderr'),
    );
    expect(r.denied).toBe('arping: socket: Operation not permitted');
    expect([...r.byIp.values()].every((o) => o.macs.length === 0)).toBe(true);
  });

  it('may stop once every address answered and the last answer had its window', () => {
    const watch = new BatchWatch(new Set(['198.51.100.7', '198.51.100.8']));
    const lines = read('batch', 'stdout').split('\n');
    lines.forEach((line, i) => watch.line(line, 10 + i));
    const last = lines.findLastIndex((l) => l.startsWith('Unicast reply from 198.51.100.8'));
    expect(watch.stopAt()).toBe(10 + last + DUPLICATE_WINDOW_MS);
  });

  it('a tree fed while the sweep runs: no stop before its input is closed, then as a batch', () => {
    const watch = new BatchWatch(['198.51.100.7'], true);
    const lines = read('batch', 'stdout').split('\n');
    lines.forEach((line, i) => watch.line(line, 10 + i));
    // .7 answered, but more may come: .8 is asked later, and answers.
    expect(watch.stopAt()).toBeNull();
    watch.expect('198.51.100.8');
    lines.forEach((line, i) => watch.line(line, 100 + i));
    expect(watch.stopAt()).toBeNull();
    watch.close();
    const last = lines.findLastIndex((l) => l.startsWith('Unicast reply from'));
    expect(watch.stopAt()).toBe(100 + last + DUPLICATE_WINDOW_MS);
  });

  it('an address still silent: no early stop (its arping ends by itself)', () => {
    const watch = new BatchWatch(new Set(ips));
    read('batch', 'stdout')
      .split('\n')
      .forEach((line, i) => watch.line(line, i));
    expect(watch.stopAt()).toBeNull();
  });
});

describe('which arping this is (arping -V, real captures in test/fixtures/arping)', () => {
  const version = (flavour: string): CommandOutput => {
    const at = join(DIR, '../arping', flavour);
    const file = (ext: string) => readFileSync(join(at, `version.${ext}`), 'utf8');
    return {
      argv: file('argv').trim().split('\n'),
      resolved: '/usr/bin/arping',
      exitCode: Number(file('exit')),
      stdout: file('stdout'),
      stderr: file('stderr'),
      durationMs: 1,
    };
  };

  it("iputils' can do the check; another one, or none, cannot, and the note says why", () => {
    expect(version('iputils').argv).toEqual(ARPING_VERSION_ARGV);
    expect(arpingProblemOf(version('iputils'))).toBeNull();
    expect(arpingProblemOf(version('habets'))).toBe(
      "duplicate IPs are not checked: /usr/bin/arping is not iputils' arping (apt-get install iputils-arping)",
    );
    expect(arpingProblemOf({ ...version('iputils'), error: 'not-installed' })).toMatch(
      /arping is not installed/,
    );
  });

  it('an answer read with the set-up is kept: the check runs no arping -V of its own', async () => {
    const stopped = new AbortController();
    stopped.abort(); // a run of its own would be cancelled, and say "not iputils'"
    learnArping({ ...version('iputils'), error: 'cancelled' }); // says nothing
    expect(await arpingProblem(stopped.signal)).toMatch(/not iputils/);
    learnArping(version('iputils'));
    expect(await arpingProblem(stopped.signal)).toBeNull();
  });
});
