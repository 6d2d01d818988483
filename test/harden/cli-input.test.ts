/** Issue 8's smaller items at the command line: each refused in one line, exit 2. */
import { execFileSync } from 'node:child_process';
import { runCli } from '../helpers/cli.js';
import { mkdtempSync, rmSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveTargets } from '../../src/probes/discover/target.js';
import { buildHostState } from '../../src/state/host-state.js';
import { routerSnapshot } from '../helpers/fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fifo = path.join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const snapshotPath = new URL('../fixtures/lab-router/snapshot.json', import.meta.url).pathname;

const cli = runCli;

const oneLine = (err: string) => err.endsWith('\n') && !err.slice(0, -1).includes('\n');

describe('refused in one line, exit 2, nothing on stdout', () => {
  it.each([
    [['overview', '--snapshot', fifo], /fifo: is a FIFO \(named pipe\), not a regular file$/],
    [['--snapshot', fifo], /is a FIFO/],
    [['overview', '--snapshot', '/dev/zero'], /\/dev\/zero: is a device, not a regular file$/],
    [['snapshot', '-o', fifo], /cannot write .*fifo: is a FIFO/],
    [['snapshot', '-o', ''], /-o needs a file name/],
    [['overview', '--json', '--plain', '--snapshot', snapshotPath], /--json and --plain: pick one/],
    [['--json', '--plain', '--snapshot', snapshotPath], /--json and --plain: pick one/],
    [['--version', 'x', '--frob'], /--version prints the version alone: drop 'x'$/],
    [['-V', '--json'], /--version prints the version alone: drop '--json'$/],
    [['plan', '--from-host', '--snapshot', snapshotPath, '-o', ''], /-o needs a file name/],
  ])('%j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(oneLine(r.err)).toBe(true);
    expect(r.err).toMatch(/^netdoctor: /);
    expect(r.err.trimEnd()).toMatch(message);
  });

  it('snapshot -o FIFO leaves the FIFO alone and does not block', async () => {
    await cli('snapshot', '-o', fifo);
    expect(existsSync(fifo)).toBe(true);
  });
});

describe('a snapshot saved with a byte order mark', () => {
  it('is read like any other', async () => {
    const bom = path.join(dir, 'bom.json');
    writeFileSync(bom, `\uFEFF${readFileSync(snapshotPath, 'utf8')}`);
    const r = await cli('overview', '--snapshot', bom);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Host vm/);
  });
});

describe('--cidr with a bare address', () => {
  const facts = buildHostState(routerSnapshot());
  it('is refused, saying how to ask for one host or its network', () => {
    expect(() =>
      resolveTargets(facts, { ifaces: [], cidr: '192.0.2.5', backend: 'kernel', force: false }),
    ).toThrow(
      '--cidr 192.0.2.5 is an address, not a prefix: write 192.0.2.5/32 for this one host, or its network (e.g. 192.0.2.0/24)',
    );
  });
  it('with host bits set is refused, saying its network address', () => {
    expect(() =>
      resolveTargets(facts, {
        ifaces: [],
        cidr: '10.77.0.1/24',
        backend: 'kernel',
        force: false,
      }),
    ).toThrow(
      '--cidr 10.77.0.1/24 has host bits set: its network is 10.77.0.0/24; write that to sweep the network, or 10.77.0.1/32 for the one host',
    );
  });
  it('with /32 is one host', () => {
    const [t] = resolveTargets(facts, {
      ifaces: [],
      cidr: '192.0.2.5/32',
      backend: 'kernel',
      force: false,
    });
    expect(t?.prefix.cidr).toBe('192.0.2.5/32');
  });
});
