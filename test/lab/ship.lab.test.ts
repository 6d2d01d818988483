/**
 * Shipping: dist/netdoctor.mjs is one file that runs with no node_modules, from anywhere,
 * and `npm pack` makes a package whose bin works after `npm install -g` into a fresh prefix.
 * Needs `npm run build` first (npm run test:lab does it); needs no root and sends nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETDOCTOR_VERSION } from '../../src/version.js';

const repo = path.resolve(new URL('../..', import.meta.url).pathname);
const bundle = path.join(repo, 'dist', 'netdoctor.mjs');
const fixture = path.join(repo, 'test', 'fixtures', 'lab-router', 'snapshot.json');
const tmp = mkdtempSync(path.join(tmpdir(), 'netdoctor-ship-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A directory of its own under tmp: where the file goes, HOME, cwd. */
function dir(name: string): string {
  const d = path.join(tmp, name);
  mkdirSync(d, { recursive: true });
  return d;
}

/** Runs node FILE args with HOME and cwd in directories of their own, and no NODE_PATH. */
function runAlone(file: string, args: readonly string[], cwd: string, home: string) {
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LC_ALL: 'C' };
  return spawnSync('node', [file, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
}

describe('dist/netdoctor.mjs alone', () => {
  const alone = path.join(dir('router'), 'netdoctor.mjs');
  const home = dir('home');
  const cwd = dir('elsewhere');

  beforeAll(() => {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
    copyFileSync(bundle, alone);
    copyFileSync(fixture, path.join(cwd, 'router.json'));
  });

  it('is one file', () => {
    expect(readdirSync(path.dirname(alone))).toEqual(['netdoctor.mjs']);
  });

  it('answers --version and --help', () => {
    const v = runAlone(alone, ['--version'], cwd, home);
    expect(v.stdout).toBe(`${NETDOCTOR_VERSION}\n`);
    const h = runAlone(alone, ['--help'], cwd, home);
    expect(h.status, h.stderr).toBe(0);
    expect(h.stdout).toMatch(/Usage: netdoctor/);
    expect(h.stdout).toMatch(/\bscan\b/);
  });

  it('prints the Overview of a snapshot as JSON and as text, vendors included', () => {
    const j = runAlone(alone, ['overview', '--snapshot', 'router.json', '--json'], cwd, home);
    expect(j.status === 0 || j.status === 1, j.stderr).toBe(true);
    const json = JSON.parse(j.stdout) as { interfaces: unknown[] };
    expect(json.interfaces.length).toBeGreaterThan(0);
    const t = runAlone(alone, ['--snapshot', 'router.json', '--plain'], cwd, home);
    expect(t.stdout).toMatch(/^Interfaces \(\d+\)$/m);
    // The vendor index is inside the file: a registered MAC is named (b8:27:eb is a Pi).
    expect(t.stdout).toMatch(/Raspberry Pi/);
  });

  it("keeps V8's code cache under HOME, and answers the same with it, without it, or with a bad one", () => {
    const cacheHome = dir('cache-home');
    const args = ['--snapshot', 'router.json', '--plain'];
    const first = runAlone(alone, args, cwd, cacheHome);
    expect(first.status === 0 || first.status === 1, first.stderr).toBe(true);
    const cacheDir = path.join(cacheHome, '.cache', 'netdoctor');
    const files = readdirSync(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^code-[0-9a-f]{16}-.+-root\.bin$/);
    expect(runAlone(alone, args, cwd, cacheHome).stdout).toBe(first.stdout);
    // A damaged cache is refused by V8 and written again; an unwritable HOME is no cache.
    writeFileSync(path.join(cacheDir, files[0]!), 'not a code cache');
    expect(runAlone(alone, args, cwd, cacheHome).stdout).toBe(first.stdout);
    expect(runAlone(alone, args, cwd, '/proc').stdout).toBe(first.stdout);
  });

  it('refuses bad input in one line, exit 2', () => {
    const r = runAlone(alone, ['--snapshot', 'missing.json'], cwd, home);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^netdoctor: cannot read .*missing\.json.*\n$/);
  });

  it('draws the TUI in a pseudo-terminal and quits on Ctrl-C', async () => {
    const frame = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'script',
        ['-qfc', `stty cols 80 rows 24; exec node ${alone} --snapshot router.json`, '/dev/null'],
        { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: home, LC_ALL: 'C' } },
      );
      let text = '';
      let sent = false;
      child.stdin.on('error', () => {}); // the pty may be gone when Ctrl-C arrives
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        // eslint-disable-next-line no-control-regex
        text += chunk.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
        // Ctrl-C: quits the app in raw mode, and ends node too if it comes before raw mode.
        if (!sent && /Interfaces \(\d+\)/.test(text)) {
          sent = true;
          child.stdin.write('\u0003');
        }
      });
      // A guard, not a wait: a TUI that never draws fails with what it printed.
      const guard = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no Overview frame in 30 s:\n${text}`));
      }, 30_000);
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(guard);
        return /Interfaces \(\d+\)/.test(text)
          ? resolve(text)
          : reject(new Error(`no Overview frame (exit ${code}):\n${text}`));
      });
    });
    expect(frame).toMatch(/1 Overview/);
  });
});

describe('npm pack, then npm install -g into a fresh prefix', () => {
  it('gives a netdoctor command that runs with nothing else installed', () => {
    const packDir = dir('pack');
    const pack = spawnSync(
      'npm',
      ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir],
      { cwd: repo, encoding: 'utf8', timeout: 120_000 },
    );
    expect(pack.status, pack.stderr).toBe(0);
    const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    expect(tgz).toBeDefined();
    const prefix = dir('prefix');
    const home = dir('npm-home');
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      npm_config_cache: path.join(home, '.npm'),
    };
    const install = spawnSync(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--offline',
        '--no-audit',
        '--no-fund',
        path.join(packDir, tgz!),
      ],
      { cwd: dir('install-cwd'), env, encoding: 'utf8', timeout: 120_000 },
    );
    expect(install.status, install.stderr).toBe(0);
    // No dependency came along: the one file carries them.
    const installed = path.join(prefix, 'lib', 'node_modules', 'netdoctor');
    expect(existsSync(path.join(installed, 'node_modules'))).toBe(false);
    expect(readdirSync(path.join(installed, 'dist'))).toEqual(['netdoctor.mjs']);
    const bin = path.join(prefix, 'bin', 'netdoctor');
    const v = spawnSync(bin, ['--version'], { cwd: dir('run-cwd'), env, encoding: 'utf8' });
    expect(v.stdout).toBe(`${NETDOCTOR_VERSION}\n`);
    const o = spawnSync(bin, ['overview', '--snapshot', fixture, '--plain'], {
      cwd: dir('run-cwd'),
      env,
      encoding: 'utf8',
    });
    expect(o.stdout, o.stderr).toMatch(/^Interfaces \(\d+\)$/m);
  });
});
