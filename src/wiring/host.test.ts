/**
 * The seam a remote box plugs into: a Host over any HostAccess reads the same snapshot and
 * runs the same argv as this machine's. Here the access replays a snapshot (every command's
 * output and every file as recorded), as a remote box would answer over ssh; anything it
 * was not recorded answering is an error, so a read that went around the access fails the
 * test. The snapshot replayed is this machine's, taken by the test (reads only, no packet).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostAccess } from '../system/access.js';
import type { Snapshot } from '../snapshot/types.js';
import { commandKey } from '../snapshot/sources.js';
import { hostOver, LOCAL_HOST, sweepRefusal } from './host.js';
import { UsageError } from '../usage-error.js';
import { refuseRemoteSweep } from '../commands/scan-options.js';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures');

function loadFixture(name: string): Snapshot {
  return JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8')) as Snapshot;
}

/** An access that answers from a snapshot's records, and records what it was asked. */
function replay(snapshot: Snapshot): HostAccess & { readonly asked: string[] } {
  const asked: string[] = [];
  const record = (key: string) => {
    asked.push(key);
    const r = snapshot.sources[key];
    if (r === undefined) throw new Error(`the replayed host never answered ${key}`);
    return r;
  };
  return {
    label: 'replayed',
    asked,
    run: async (argv) => {
      // Which namespace it runs in is not a source: the snapshot's host says it.
      if (commandKey(argv) === 'ip netns identify') {
        const ns = snapshot.host.netns;
        return {
          argv,
          resolved: '/usr/bin/ip',
          exitCode: 0,
          stdout: `${ns ?? ''}\n`,
          stderr: '',
          durationMs: 0,
        };
      }
      const r = record(commandKey(argv));
      return {
        argv,
        resolved: r.resolved ?? null,
        exitCode: r.exitCode,
        stdout: r.stdout,
        stderr: r.stderr,
        ...(r.error !== undefined ? { error: r.error } : {}),
        durationMs: 0,
      };
    },
    stream: () => Promise.reject(new Error('a snapshot streams nothing')),
    openChannel: () => Promise.reject(new Error('a snapshot opens no channel')),
    readFile: async (path) => {
      const r = record(path);
      return {
        path,
        text: r.exitCode === 0 ? r.stdout : null,
        ...(r.error ? { error: r.error } : {}),
      };
    },
    listDirectory: async (dir) => {
      asked.push(dir);
      // A directory with a record of its own (the OpenVPN ones) lists what it held.
      const own = snapshot.sources[dir];
      if (own !== undefined) {
        return {
          names: own.stdout.split('\n').filter(Boolean),
          truncated: false,
          ...(own.error ? { error: own.error } : {}),
        };
      }
      const names = new Set(
        Object.keys(snapshot.sources)
          .filter((k) => k.startsWith(`${dir}/`))
          .map((k) => k.slice(dir.length + 1).split('/')[0] ?? ''),
      );
      return names.size === 0
        ? { names: [], truncated: false, error: 'ENOENT' }
        : { names: [...names].sort(), truncated: false };
    },
    which: () => Promise.reject(new Error('a snapshot finds no tool')),
    identity: async () => ({ ...snapshot.host }),
  };
}

describe('a Host over another access (the seam a remote box plugs into)', () => {
  it('reads back a snapshot of this machine source for source, through the access alone', async () => {
    // Captured now (reads only), so every source the collector asks today is in it.
    const captured = await LOCAL_HOST.readSnapshot();
    const access = replay(captured);
    const read = await hostOver(access).readSnapshot();
    expect(read.sources).toEqual(captured.sources);
    expect(read.host).toEqual(captured.host);
    // Every record came from the access: nothing was read around it.
    expect(access.asked).toEqual(expect.arrayContaining(Object.keys(captured.sources)));
  });

  it('asks the kernel its route question through the same access, as argv', async () => {
    const ran: string[][] = [];
    const access: HostAccess = {
      ...replay(loadFixture('vlan/healthy.snapshot.json')),
      run: async (argv) => {
        ran.push([...argv]);
        return { argv, resolved: null, exitCode: 0, stdout: '[]', stderr: '', durationMs: 0 };
      },
    };
    await hostOver(access).kernelRoute({ dst: '192.0.2.1', src: '198.51.100.2' });
    expect(ran).toEqual([['ip', '-j', '-d', 'route', 'get', '192.0.2.1', 'from', '198.51.100.2']]);
  });
});

describe("the LAN sweep is this machine's own", () => {
  const far = hostOver({
    ...replay(loadFixture('vlan/healthy.snapshot.json')),
    label: 'r1 via ssh',
  });

  it('runs for this machine', () => {
    expect(sweepRefusal(LOCAL_HOST)).toBeNull();
    expect(() => refuseRemoteSweep({})).not.toThrow();
  });

  it('is refused in one line for a box over ssh, naming it and where to run the scan', () => {
    expect(sweepRefusal(far)).toMatch(/not from r1 via ssh: run netdoctor scan on that box/);
    expect(() => refuseRemoteSweep({ host: far })).toThrow(UsageError);
    expect(() => refuseRemoteSweep({ host: far })).toThrow(
      /^scan: the LAN sweep sends from this machine/,
    );
  });
});
