import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, type CommandOutput } from './run.js';
import { VersionCache, isVersionArgv } from './version-cache.js';

let dir: string;
let tool: string;
let loader: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-version-cache-'));
  // A program of its own, so that the test can replace it: a copy of this machine's `ip`.
  tool = path.join(dir, 'ip');
  copyFileSync('/usr/sbin/ip', tool);
  loader = path.join(dir, 'ld.so.cache');
  writeFileSync(loader, 'one');
  env = { XDG_CACHE_HOME: path.join(dir, 'cache') };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cache = (more: NodeJS.ProcessEnv = {}) =>
  new VersionCache({ env: { ...env, ...more }, loaderFiles: [loader, path.join(dir, 'absent')] });

/** `ip -V` as this machine's ip prints it, run from the test's copy. */
async function ran(): Promise<CommandOutput> {
  const out = await runCommand([tool, '-V'], { timeoutMs: 5000 });
  expect(out.exitCode).toBe(0);
  return { ...out, argv: ['ip', '-V'] };
}

describe('the tool version cache', () => {
  it("keeps the catalogue tools' version commands only", () => {
    expect(isVersionArgv(['ip', '-V'])).toBe(true);
    expect(isVersionArgv(['ssh', '-V'])).toBe(true);
    expect(isVersionArgv(['mtr', '--version'])).toBe(true); // mtr-packet's, through mtr
    expect(isVersionArgv(['ip', '-j', 'addr', 'show'])).toBe(false);
    expect(isVersionArgv(['arping', '--help'])).toBe(false);
  });

  it('gives the next run the record exactly as it ran, in a file only its user reads', async () => {
    const out = await ran();
    const first = cache();
    expect(first.lookup(['ip', '-V'], tool)).toBeNull();
    first.remember(out);
    first.save();
    const file = path.join(dir, 'cache', 'netdoctor', 'tool-versions.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(cache().lookup(['ip', '-V'], tool)).toEqual({ ...out, durationMs: 0 });
    expect(out.stdout).toMatch(/iproute2/);
  });

  it('reads and writes only a cache no other user can write', async () => {
    const out = await ran();
    const first = cache();
    first.remember(out);
    first.save();
    const netdoctor = path.join(dir, 'cache', 'netdoctor');
    const file = path.join(netdoctor, 'tool-versions.json');
    expect(cache().lookup(['ip', '-V'], tool)).not.toBeNull();
    // The file writable by others: its records could be anyone's.
    chmodSync(file, 0o666);
    expect(cache().lookup(['ip', '-V'], tool)).toBeNull();
    chmodSync(file, 0o600);
    // Its directory (or the cache root) writable by others: neither read nor written.
    for (const d of [netdoctor, path.join(dir, 'cache')]) {
      chmodSync(d, 0o777);
      expect(cache().lookup(['ip', '-V'], tool)).toBeNull();
      const before = statSync(file);
      const again = cache();
      again.remember({ ...out, stdout: 'another' });
      again.save();
      expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
      chmodSync(d, 0o700);
    }
    expect(cache().lookup(['ip', '-V'], tool)).not.toBeNull();
    if (process.geteuid?.() === 0) {
      // Root reading a file another user owns (sudo -E): refused.
      chownSync(file, 65534, 65534);
      expect(cache().lookup(['ip', '-V'], tool)).toBeNull();
    }
  });

  it('never writes through a link planted where it writes', async () => {
    const netdoctor = path.join(dir, 'cache', 'netdoctor');
    const first = cache();
    first.remember(await ran());
    first.save();
    const victim = path.join(dir, 'victim');
    symlinkSync(victim, path.join(netdoctor, `tool-versions.json.${process.pid}`));
    const next = cache();
    next.remember({ ...(await ran()), stdout: 'changed' });
    next.save();
    expect(existsSync(victim)).toBe(false);
  });

  it('runs the tool again once the program is another file', async () => {
    const first = cache();
    first.remember(await ran());
    first.save();
    rmSync(tool);
    copyFileSync('/usr/sbin/ip', tool); // the same bytes, a new file: as a package upgrade
    expect(cache().lookup(['ip', '-V'], tool)).toBeNull();
    expect(cache().lookup(['ip', '-V'], '/usr/sbin/ip')).toBeNull(); // found elsewhere
  });

  it('runs the tool again once the loader may find other libraries', async () => {
    const first = cache();
    first.remember(await ran());
    first.save();
    expect(cache().lookup(['ip', '-V'], tool)).not.toBeNull();
    expect(cache({ LD_LIBRARY_PATH: '/opt/lib' }).lookup(['ip', '-V'], tool)).toBeNull();
    expect(cache({ LD_PRELOAD: '/opt/x.so' }).lookup(['ip', '-V'], tool)).toBeNull();
    writeFileSync(loader, 'two'); // ldconfig after a library was installed
    expect(cache().lookup(['ip', '-V'], tool)).toBeNull();
  });

  it('keeps nothing that did not run to its end, nor other commands', async () => {
    const out = await ran();
    const c = cache();
    c.remember({ ...out, exitCode: null, error: 'timeout' });
    c.remember({ ...out, argv: ['ip', '-j', 'addr', 'show'] });
    c.save();
    expect(cache().lookup(['ip', '-V'], tool)).toBeNull();
    expect(cache().lookup(['ip', '-j', 'addr', 'show'], tool)).toBeNull();
  });

  it('is off with NETDOCTOR_VERSION_CACHE=0, and no cache where it cannot write', async () => {
    const out = await ran();
    const off = cache({ NETDOCTOR_VERSION_CACHE: '0' });
    off.remember(out);
    off.save();
    expect(() =>
      readFileSync(path.join(dir, 'cache', 'netdoctor', 'tool-versions.json')),
    ).toThrow();
    const proc = new VersionCache({ env: { XDG_CACHE_HOME: '/proc' } });
    proc.remember(out);
    expect(() => proc.save()).not.toThrow();
  });
});
