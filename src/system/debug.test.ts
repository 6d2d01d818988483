import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  argvText,
  debugLine,
  debugWanted,
  heldNote,
  holdWhileDrawing,
  startDebug,
  stopDebug,
} from './debug.js';
import { runCommand } from './run.js';
import { runAll } from './run-all.js';
import { readDirectory, readTextFile } from './files.js';
import { streamLines } from './stream.js';

afterEach(() => stopDebug());

function capture(errIsTerminal = false) {
  const lines: string[] = [];
  startDebug({ env: {}, err: (t) => lines.push(t), errIsTerminal });
  return lines;
}

describe('debug lines', () => {
  it('say argv, exit code, time and the first line of stderr, safe for a terminal', () => {
    expect(
      debugLine({
        kind: 'ran',
        argv: ['ip', '-j', 'route', 'get', '10.9.9.9'],
        exitCode: 2,
        durationMs: 4.4,
        stderr: 'RTNETLINK answers: Network is unreachable\nsecond line\n',
      }),
    ).toBe(
      'netdoctor debug: ran ip -j route get 10.9.9.9: exit 2, 4 ms: RTNETLINK answers: Network is unreachable',
    );
    // A tool's version kept from an earlier run (version-cache.ts) says it did not run now.
    expect(
      debugLine({
        kind: 'ran',
        argv: ['ssh', '-V'],
        exitCode: 0,
        durationMs: 0,
        stderr: 'OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.22 25 Aug 2026\n',
        remembered: true,
      }),
    ).toBe(
      'netdoctor debug: kept ssh -V: exit 0, as it ran before (same program and libraries): OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.22 25 Aug 2026',
    );
    const hostile = debugLine({
      kind: 'ran',
      argv: ['getent', 'hosts', "it's me"],
      exitCode: null,
      durationMs: 10,
      stderr: '\u001b]0;pwned\u0007title',
      error: 'timeout',
    });
    expect(hostile).toBe(
      "netdoctor debug: ran getent hosts 'it'\\''s me': timeout, 10 ms: \\x1b]0;pwned\\x07title",
    );
    expect(
      debugLine({ kind: 'read', path: '/proc/x', durationMs: 0, size: null, error: 'ENOENT' }),
    ).toBe('netdoctor debug: read /proc/x: ENOENT, 0 ms');
    expect(argvText(['a b', 'c'])).toBe("'a b' c");
  });

  it('NETDOCTOR_DEBUG turns them on unless empty or 0', () => {
    expect(debugWanted(false, {})).toBe(false);
    expect(debugWanted(true, {})).toBe(true);
    expect(debugWanted(false, { NETDOCTOR_DEBUG: '1' })).toBe(true);
    expect(debugWanted(false, { NETDOCTOR_DEBUG: '0' })).toBe(false);
    expect(debugWanted(false, { NETDOCTOR_DEBUG: '' })).toBe(false);
  });

  it('src/system/ writes one as each command ends and each file is read', async () => {
    const lines = capture();
    await runCommand(['sh', '-c', 'echo first >&2; echo second >&2; exit 3']);
    await runCommand(['no-such-tool-netdoctor']);
    await runAll([['sh', '-c', 'echo one >&2'], ['true'], ['no-such-tool-netdoctor']], {
      timeoutMs: 5000,
    });
    await readTextFile('/proc/sys/net/ipv4/ip_forward');
    await readDirectory('/nonexistent-netdoctor');
    const child = await streamLines(['sh', '-c', 'echo oops >&2; exit 1'], { onLine: () => {} });
    await child.done;
    expect(lines.join('')).toMatch(
      new RegExp(
        [
          "^netdoctor debug: ran sh -c 'echo first >&2; echo second >&2; exit 3': exit 3, \\d+ ms: first\\n",
          'netdoctor debug: ran no-such-tool-netdoctor: not-installed, 0 ms\\n',
          'netdoctor debug: ran 2 commands at once through one sh: exit 0, \\d+ ms\\n',
          "netdoctor debug: ran sh -c 'echo one >&2': exit 0, \\d+ ms: one\\n",
          'netdoctor debug: ran true: exit 0, \\d+ ms\\n',
          'netdoctor debug: ran no-such-tool-netdoctor: not-installed, 0 ms\\n',
          'netdoctor debug: read /proc/sys/net/ipv4/ip_forward: 2 bytes, \\d+ ms\\n',
          'netdoctor debug: listed /nonexistent-netdoctor: ENOENT, \\d+ ms\\n',
          "netdoctor debug: started sh -c 'echo oops >&2; exit 1'\\n",
          "netdoctor debug: ran sh -c 'echo oops >&2; exit 1': exit 1, \\d+ ms: oops\\n$",
        ].join(''),
      ),
    );
  });

  it('nothing is written when it is off', async () => {
    const lines: string[] = [];
    startDebug({ env: {}, err: (t) => lines.push(t), errIsTerminal: false });
    stopDebug();
    await runCommand(['true']);
    expect(lines).toEqual([]);
  });

  it('while the TUI draws, lines bound for a terminal are counted, not written', async () => {
    const lines = capture(true);
    const release = holdWhileDrawing();
    await runCommand(['true']);
    await readTextFile('/proc/sys/net/ipv4/ip_forward');
    expect(lines).toEqual([]);
    expect(release()).toBe(2);
    await runCommand(['true']);
    expect(lines).toHaveLength(1);
    expect(heldNote(2)).toContain('NETDOCTOR_DEBUG_FILE');
  });

  it('with stderr not a terminal they are written while the TUI draws too', async () => {
    const lines = capture(false);
    const release = holdWhileDrawing();
    await runCommand(['true']);
    expect(release()).toBe(0);
    expect(lines).toHaveLength(1);
  });

  it('NETDOCTOR_DEBUG_FILE gets them instead of stderr, owner-only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nd-debug-'));
    try {
      const file = path.join(dir, 'debug.log');
      const err: string[] = [];
      startDebug({
        env: { NETDOCTOR_DEBUG_FILE: file },
        err: (t) => err.push(t),
        errIsTerminal: true,
      });
      const release = holdWhileDrawing();
      await runCommand(['true']);
      expect(release()).toBe(0);
      expect(err).toEqual([]);
      expect(readFileSync(file, 'utf8')).toMatch(/^netdoctor debug: ran true: exit 0, \d+ ms\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
