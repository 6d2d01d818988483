import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runCli } from '../test/helpers/cli.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSnapshotText } from './snapshot/load.js';
import { NETDOCTOR_VERSION } from './version.js';

const fixturePath = new URL('../test/fixtures/lab-router/snapshot.json', import.meta.url).pathname;
const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = runCli;

describe('usage errors: one line on stderr, exit 2', () => {
  const corrupt = path.join(dir, 'corrupt.json');
  writeFileSync(corrupt, '{"format": "netdoctor-snapshot", "formatVersion": 1');
  const foreign = path.join(dir, 'foreign.json');
  writeFileSync(foreign, '{"kind": "something else"}');

  it.each([
    [['frobnicate'], /^netdoctor: unknown command 'frobnicate' \(commands: overview, snapshot/],
    [['--frobnicate'], /^netdoctor: error: unknown option '--frobnicate'/],
    [['overview', '--bogus'], /^netdoctor: error: unknown option '--bogus'/],
    [['snapshot', 'extra'], /^netdoctor: error: too many arguments for 'snapshot'/],
    [
      ['overview', '--snapshot', path.join(dir, 'nope.json')],
      /^netdoctor: cannot read .*nope\.json: no such file or directory$/,
    ],
    [
      ['--snapshot', corrupt],
      /^netdoctor: .*corrupt\.json is not a netdoctor snapshot: not valid JSON$/,
    ],
    [['overview', '--snapshot', foreign], /is not a netdoctor snapshot: no "format"/],
    [['overview', '--snapshot', dir], /^netdoctor: cannot read .*: is a directory$/],
    [
      ['--ssh-user', '-oProxyCommand=x'],
      /^netdoctor: '-oProxyCommand=x' is not a user name for --ssh-user$/,
    ],
    [['overview', '--snapshot'], /^netdoctor: error: option '--snapshot <file>' argument missing$/],
  ])('%j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trimEnd()).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('help and version', () => {
  it('prints the version', async () => {
    expect(await cli('--version')).toEqual({ code: 0, out: `${NETDOCTOR_VERSION}\n`, err: '' });
  });

  it('prints help with the commands and exit codes', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('overview');
    expect(r.out).toContain('snapshot');
    expect(r.out).toContain('Exit codes: 0 ok, 1 problems found, 2 usage or environment error;');
    expect(r.out).toContain('129, 130, 143: stopped by HUP, INT (Ctrl-C), TERM');
  });

  it('prints per-command help', async () => {
    const r = await cli('snapshot', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('-o, --output <file>');
  });
});

describe('overview from a snapshot', () => {
  it('prints the snapshot host as plain text when stdout is not a terminal', async () => {
    const r = await cli('--snapshot', fixturePath);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Host vm \(netns ndcap\d+r\)$/m);
    expect(r.out).toContain('Interfaces (5)');
  });

  it('prints JSON with --json', async () => {
    const r = await cli('overview', '--snapshot', fixturePath, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { interfaces: { name: string }[]; tools: { name: string }[] };
    expect(json.interfaces.map((i) => i.name)).toEqual(['lo', 'lan0', 'lan1', 'mv0', 'tun0']);
    expect(json.tools.map((t) => t.name)).toContain('arping');
  });
});

describe('snapshot of this host (reads only)', () => {
  it('writes a snapshot that loads back, with raw sources keyed by command and path', async () => {
    const file = path.join(dir, 'this-host.json');
    const r = await cli('snapshot', '-o', file);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/sources written to /);
    const snapshot = parseSnapshotText(readFileSync(file, 'utf8'), file);
    expect(snapshot.netdoctorVersion).toBe(NETDOCTOR_VERSION);
    expect(Object.keys(snapshot.sources)).toEqual(
      expect.arrayContaining([
        'ip -j -d link show',
        'ip -j neigh show',
        '/proc/sys/net/ipv4/ip_forward',
      ]),
    );
  });

  it('says in one line when it cannot write', async () => {
    const r = await cli('snapshot', '-o', path.join(dir, 'no', 'such', 'dir.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^netdoctor: cannot write .*dir\.json: no such file or directory\n$/);
  });
});
