/** The duplicate check's reading of real arping runs (test/fixtures/arping-dup/capture.sh). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicateArgv, readDuplicateRun } from './arping-check.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/arping-dup');
const read = (name: string, ext: string) => readFileSync(join(DIR, `${name}.${ext}`), 'utf8');
function run(name: string, exit?: number | null) {
  const argv = read(name, 'argv').trim().split('\n');
  return readDuplicateRun(
    argv,
    exit === undefined ? Number(read(name, 'exit')) : exit,
    read(name, 'stdout'),
    read(name, 'stderr'),
  );
}

describe('the duplicate check reads arping', () => {
  it('asks for two replies within a second, on the interface', () => {
    expect(duplicateArgv('lan0', '198.51.100.7')).toEqual(
      read('duplicate', 'argv').trim().split('\n'),
    );
  });

  it('two MACs answering one request: both, in order, with their lines', () => {
    expect(run('duplicate')).toEqual({
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
    expect(run('single').macs).toEqual(['02:00:00:00:00:0b']);
    const stopped = readDuplicateRun(
      ['arping'],
      null,
      read('single', 'stdout').split('\n').slice(0, 2).join('\n'),
      '',
    );
    expect(stopped.macs).toEqual(['02:00:00:00:00:0b']);
    expect(stopped.denied).toBeNull();
  });

  it('a binary without cap_net_raw: denied, in its own words', () => {
    const r = run('no-capability');
    expect(r.macs).toEqual([]);
    expect(r.denied).toMatch(/socket: Operation not permitted$/);
  });
});
