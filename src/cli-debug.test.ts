/**
 * `--debug` from the command line: every command run and file read, on stderr, as it
 * happens; stdout is the same as without it. The live case reads this host only (ip route
 * get and the snapshot's reads): it sends no packet.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/helpers/cli.js';
import { main, takeDebugFlag } from './cli.js';
import type { CliIo } from './commands/context.js';
import { runOverview } from './commands/overview.js';
import { heldNote, startDebug, stopDebug } from './system/debug.js';
import { runCommand } from './system/run.js';
import { readTextFile } from './system/files.js';

const FIXTURE = new URL('../test/fixtures/lab-router/snapshot.json', import.meta.url).pathname;

describe('--debug', () => {
  it('is taken out of argv wherever it stands before --', () => {
    expect(takeDebugFlag(['route', '1.2.3.4', '--debug'])).toEqual({
      argv: ['route', '1.2.3.4'],
      debug: true,
    });
    expect(takeDebugFlag(['--debug', 'overview'])).toEqual({ argv: ['overview'], debug: true });
    expect(takeDebugFlag(['trace', '--', '--debug'])).toEqual({
      argv: ['trace', '--', '--debug'],
      debug: false,
    });
  });

  it('overview --snapshot F --debug says it read F; the report is unchanged', async () => {
    const plain = await runCli('overview', '--snapshot', FIXTURE);
    const debug = await runCli('overview', '--snapshot', FIXTURE, '--debug');
    expect(debug.code).toBe(plain.code);
    expect(debug.out).toBe(plain.out);
    expect(debug.err).toMatch(
      new RegExp(
        `^netdoctor debug: read ${FIXTURE.replace(/[.]/g, '\\.')}: \\d+ bytes, \\d+ ms$`,
        'm',
      ),
    );
    // A snapshot runs nothing.
    expect(debug.err).not.toMatch(/debug: ran /);
  });

  it('a live route 127.0.0.1 --debug lists the reads and the kernel question, exit and time', async () => {
    const r = await runCli('route', '127.0.0.1', '--debug');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Route to 127.0.0.1');
    const lines = r.err.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('netdoctor debug: '))).toBe(true);
    expect(r.err).toMatch(/^netdoctor debug: ran ip -j -d link show: exit 0, \d+ ms$/m);
    expect(r.err).toMatch(
      /^netdoctor debug: read \/proc\/sys\/net\/ipv4\/ip_forward: 2 bytes, \d+ ms$/m,
    );
    expect(r.err).toMatch(
      /^netdoctor debug: listed \/proc\/sys\/net\/ipv4\/conf: \d+ names, \d+ ms$/m,
    );
    expect(r.err).toMatch(
      /^netdoctor debug: ran ip -j -d route get 127\.0\.0\.1: exit 0, \d+ ms$/m,
    );
  });

  it('NETDOCTOR_DEBUG=1 does the same, and nothing is said without either', async () => {
    const plainCode = (await runCli('overview', '--snapshot', FIXTURE)).code;
    let err = '';
    const io: CliIo = {
      out: () => {},
      err: (t) => (err += t),
      isTTY: false,
      env: { NETDOCTOR_DEBUG: '1' },
    };
    expect(await main(['overview', '--snapshot', FIXTURE], io)).toBe(plainCode);
    expect(err).toMatch(/^netdoctor debug: read .*snapshot\.json: \d+ bytes/);
    const quiet = await runCli('overview', '--snapshot', FIXTURE);
    expect(quiet.err).toBe('');
  });

  it("never reaches the TUI's screen: lines bound for its terminal are counted, said after", async () => {
    const err: string[] = [];
    startDebug({ env: {}, err: (t) => err.push(t), errIsTerminal: true });
    try {
      const io: CliIo = { out: () => {}, err: (t) => err.push(t), isTTY: true, env: {} };
      // A fake TUI that reads the host while it "draws", as the real one does.
      await runOverview(io, { snapshot: FIXTURE }, true, async () => {
        await runCommand(['true']);
        await readTextFile('/proc/sys/net/ipv4/ip_forward');
      });
      // The snapshot is read before the TUI draws: that line is written.
      expect(err).toEqual([
        expect.stringMatching(/^netdoctor debug: read .*snapshot\.json/),
        `${heldNote(2)}\n`,
      ]);
    } finally {
      stopDebug();
    }
  });
});
