import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.js';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures/path');
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A folder of the story's snapshots, each from the first variant that has it. */
function folder(story: string, ...variants: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'netdoctor-path-test-'));
  made.push(dir);
  for (const v of [...variants].reverse()) {
    for (const f of readdirSync(join(FIXTURES, story, v))) {
      copyFileSync(join(FIXTURES, story, v, f), join(dir, f));
    }
  }
  return dir;
}

describe('netdoctor path --snapshots', () => {
  it('exit 1 and the JSON of both walks, schema first, when the way back fails', async () => {
    const r = await runCli(
      'path',
      '10.8.0.6',
      'lan-host',
      '--snapshots',
      folder('vpn', 'broken'),
      '--json',
    );
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(json)[0]).toBe('schema');
    expect(json['schema']).toBe('netdoctor.path/1');
    expect(json['dst']).toBe('192.168.50.10');
    expect(json['return']).toMatchObject({
      verdict: 'failed',
      end: { kind: 'dropped', host: 'gateway', drop: 'no-route' },
      hops: [
        { host: 'lan-host', iif: null },
        { host: 'gateway', iif: 'eth0' },
      ],
    });
    expect(json['findings']).toMatchObject([{ code: 'return-route-missing', host: 'gateway' }]);
  });

  it('exit 0 when both ways work; the text names every hop', async () => {
    const r = await runCli(
      'path',
      'client',
      'lan-host',
      '--snapshots',
      folder('vpn', 'fixed', 'broken'),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('Return 192.168.50.10 → 10.8.0.6: works');
    expect(r.out).toContain(' 4. client: in eth0, for this box');
    expect(r.out).toContain('no problems found');
  });

  it('a file that is no snapshot is a host that could not be read; the walk goes on', async () => {
    const dir = folder('vpn', 'fixed', 'broken');
    writeFileSync(join(dir, 'r9\u001b[2J.json'), '{"not": "a snapshot"}');
    const r = await runCli('path', 'client', 'lan-host', '--snapshots', dir);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^netdoctor: r9\\x1b\[2J: could not be read: .* is not a netdoctor snapshot/m,
    );
    // The escape is written out wherever a terminal may show it.
    expect(r.err).not.toContain('\u001b');
    expect(r.out).toContain('r9\\x1b[2J: could not be read');
    expect(r.out).not.toContain('\u001b');
  });

  it.each([
    [
      ['path', 'a', 'b'],
      'netdoctor: path needs hosts: --snapshots DIR, --ssh [USER@]HOST[:PORT] or --inventory FILE',
    ],
    [
      ['path', 'a', 'b', '--snapshots', '/nonexistent-netdoctor'],
      'netdoctor: --snapshots /nonexistent-netdoctor: no such directory',
    ],
    [
      ['path', 'nobody', '10.8.0.6', '--snapshots', 'VPN'],
      "netdoctor: 'nobody' is neither an address nor one of the hosts given (client, gateway, lan-host, vpn-server)",
    ],
    [
      ['path', '10.8.0.6', '2001:db8::1', '--snapshots', 'VPN'],
      'netdoctor: 10.8.0.6 and 2001:db8::1 are not of the same IP family',
    ],
    [
      ['path', 'a;b', 'c', '--snapshots', 'VPN'],
      "netdoctor: 'a;b' is not an address or a host name",
    ],
    [['path', 'a', 'b', '--ssh', 'r1:0'], "netdoctor: --ssh: '0' is not a port (1-65535)"],
    [
      ['path', 'a', 'b', '--snapshots', 'VPN', '--concurrency', '0'],
      "netdoctor: --concurrency takes 1 to 256, not '0'",
    ],
  ])('%j: one line, exit 2', async (argv, message) => {
    const vpn = folder('vpn', 'broken');
    const r = await runCli(...argv.map((a) => (a === 'VPN' ? vpn : a)));
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.err).toContain(message);
  });
});
