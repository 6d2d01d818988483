import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IP_SOURCES, snapshotCommands } from '../snapshot/sources.js';
import { planIpBatches, splitIpBatch } from './ip-batch.js';

/** Real output, captured in a lab namespace by test/fixtures/ip-batch/capture.sh. */
const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/ip-batch/${name}`, import.meta.url), 'utf8');

const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: '' });

describe('planIpBatches', () => {
  it("carries a snapshot's seven reads in four processes, each batch with one set of options", () => {
    const { ip, tools, firewall } = snapshotCommands(true);
    const argvs = [...ip, ...tools, ...firewall];
    const { batches, alone } = planIpBatches(argvs);
    expect(batches).toEqual([
      {
        argv: ['ip', '-j', '-batch', '-'],
        input: 'addr show\nneigh show\n',
        members: [argvs.indexOf(IP_SOURCES.addr), argvs.indexOf(IP_SOURCES.neigh)],
      },
      {
        argv: ['ip', '-j', '-4', '-batch', '-'],
        input: 'route show table all\nrule show\n',
        members: [argvs.indexOf(IP_SOURCES.route4), argvs.indexOf(IP_SOURCES.rule4)],
      },
      {
        argv: ['ip', '-j', '-6', '-batch', '-'],
        input: 'route show table all\nrule show\n',
        members: [argvs.indexOf(IP_SOURCES.route6), argvs.indexOf(IP_SOURCES.rule6)],
      },
    ]);
    // -d applies to a whole batch: the link read, alone with it, runs as itself.
    expect(alone.map((at) => argvs[at])).toEqual(
      argvs.filter((a) => ![...batches.flatMap((b) => b.members)].some((m) => argvs[m] === a)),
    );
    expect(alone.map((at) => argvs[at])).toContainEqual(IP_SOURCES.link);
    expect(alone.length + batches.reduce((n, b) => n + b.members.length, 0)).toBe(argvs.length);
  });

  it('leaves alone what a batch cannot carry as it is', () => {
    const argvs = [
      ['ip', '-V'], // not a read
      ['ip', 'addr', 'show'], // not JSON
      ['ip', '-j', 'addr', 'show', 'dev', 'a b'], // a word ip -batch would split
      ['ip', '-j', 'neigh', 'show', 'dev', 'x"y'], // a quote
      ['ip', '-j', '-s', 'link', 'show'], // an option a batch does not take here
      ['ip', '-j', '-d', 'link', 'show'], // the only read with its options
      ['/usr/sbin/ip', '-j', 'addr', 'show'], // another program name
      ['bridge', '-j', 'vlan', 'show'],
    ];
    expect(planIpBatches(argvs)).toEqual({ batches: [], alone: argvs.map((_, at) => at) });
  });
});

describe('splitIpBatch', () => {
  it("gives each command the very bytes it printed alone (a lab's rich state)", () => {
    expect(splitIpBatch(ok(fixture('batch.json')), 2)).toEqual([
      fixture('addr.json'),
      fixture('neigh.json'),
    ]);
    expect(splitIpBatch(ok(fixture('batch4.json')), 2)).toEqual([
      fixture('route4.json'),
      fixture('rule4.json'),
    ]);
    // Read with a cached route (a path MTU exception) in the kernel: not shown, as alone.
    expect(fixture('route6-cache.txt')).toMatch(/mtu 1280/);
    expect(splitIpBatch(ok(fixture('batch6.json')), 2)).toEqual([
      fixture('route6.json'),
      fixture('rule6.json'),
    ]);
  });

  it('answers nothing for a batch whose command failed: each read then runs alone', () => {
    const failed = {
      exitCode: Number(fixture('failed.exit')),
      stdout: fixture('failed.stdout'),
      stderr: fixture('failed.stderr'),
    };
    expect(failed.stderr).toMatch(/Command failed -:2/);
    expect(splitIpBatch(failed, 2)).toBeNull();
    // The same text, had ip said nothing and exited 0: one line for two commands.
    expect(splitIpBatch(ok(failed.stdout), 2)).toBeNull();
  });

  it('answers nothing for output it cannot prove whole', () => {
    const two = fixture('batch.json');
    expect(splitIpBatch({ ...ok(two), stderr: 'Warning: x\n' }, 2)).toBeNull();
    expect(splitIpBatch({ ...ok(two), error: 'timeout', exitCode: null }, 2)).toBeNull();
    expect(splitIpBatch(ok(two.slice(0, -1)), 2)).toBeNull(); // cut short
    expect(splitIpBatch(ok(two), 3)).toBeNull();
    expect(splitIpBatch(ok('[]\nnot json\n'), 2)).toBeNull();
    expect(splitIpBatch(ok('[]\n[]\n'), 2)).toEqual(['[]\n', '[]\n']);
  });
});
