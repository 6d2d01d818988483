/**
 * The shipped file's launcher (scripts/launcher.mjs) on a small app of its own, packed as
 * the build packs netdoctor: chunks compiled on first import, live bindings and a cycle
 * between chunks, top-level awaits, builtins, the vendor index, V8's code cache (kept,
 * reused under the launcher's V8 flags, refused after a change of build or of flags, skipped
 * when off or unwritable) and a damaged file told in one line. Each through both ways in:
 * the file run as an ES module (`node dist/netdoctor.mjs`, as copied to another box) and
 * the netdoctor command (bin/netdoctor.js, which reads the file's header as bytes).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import {
  launcher,
  META_PREFIX,
  packChunks,
  SPLIT_BUILD_OPTIONS,
  TEXT_CARRIAGE_MAX,
} from '../../scripts/launcher.mjs';

const repo = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'netdoctor-launcher-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const APP: Record<string, string> = {
  'main.js': `
    import { log, bump } from './shared.js';
    import { basename } from 'node:path';
    import { even } from './cycle-a.js';
    log('main ' + basename('/x/netdoctor.mjs') + ' ' + even(4));
    bump();
    // As src/main.ts does: a failure is one line and exit 2.
    import('./late.js').then(
      (m) => {
        bump(); // after late.js ran: it must see 2, a live binding
        log(m.late());
      },
      (err) => {
        process.stderr.write('netdoctor: ' + err.message + '\\n');
        process.exitCode = 2;
      },
    );
  `,
  'shared.js': `
    export let counter = 0;
    export function bump() { counter += 1; }
    export function log(text) { process.stdout.write(text + '\\n'); }
  `,
  'cycle-a.js': `
    import { odd } from './cycle-b.js';
    export function even(n) { return n === 0 ? true : odd(n - 1); }
  `,
  'cycle-b.js': `
    import { even } from './cycle-a.js';
    export function odd(n) { return n === 0 ? false : even(n - 1); }
  `,
  'late.js': `
    import { counter, log } from './shared.js';
    import { slow } from './slow.js';
    import { words } from './big.js';
    log('late sees slow: ' + slow + ', big: ' + words.length);
    export function late() { return 'late counter ' + counter + ' vendor ' + __ndOui('name').toString('latin1'); }
  `,
  // Bigger than TEXT_CARRIAGE_MAX: it travels as base64 of brotli, the others as their text.
  'big.js': `export const words = ${JSON.stringify(Array.from({ length: 1500 }, (_, i) => `w${i}`))};
    export const later = () => import('./tiny.js');`,
  // A chunk of its own, on one line (never run).
  'tiny.js': `export const tiny = 'tiny';`,
  'slow.js': `
    await new Promise((resolve) => setTimeout(resolve, 5));
    export const slow = 'done';
  `,
};

const EXPECTED = [
  'main netdoctor.mjs true',
  'late sees slow: done, big: 1500',
  'late counter 2 vendor Raspberry Pi Ltd, Cambridge',
  '',
].join('\n');

/**
 * The app above (with `variant` in main.js), packed into one file as the build does, in a
 * package of its own beside a copy of bin/: returns the file.
 */
async function packed(variant = ''): Promise<string> {
  const app = { ...APP, 'main.js': `${APP['main.js']}\n// ${variant}` };
  return packApp(`pkg${variant}`, app);
}

/** `app` (main.js and what it imports) packed as the build packs it, in package `name`. */
async function packApp(
  name: string,
  app: Record<string, string>,
  options: { readonly startMs?: number } = {},
): Promise<string> {
  const src = path.join(tmp, `src-${name}`);
  mkdirSync(src, { recursive: true });
  for (const [file, text] of Object.entries(app)) writeFileSync(path.join(src, file), text);
  const result = await build({
    entryPoints: [path.join(src, 'main.js')],
    outdir: path.join(src, 'out'),
    write: false,
    ...SPLIT_BUILD_OPTIONS,
    logLevel: 'error',
  });
  const { chunks, awaits } = await packChunks(result.outputFiles, result.metafile);
  const oui = { name: 'Raspberry Pi Ltd, Cambridge' };
  return inPackage(
    name,
    launcher({ version: '9.9.9', chunks, awaits, entry: './main.js', oui, ...options }),
  );
}

/** `text` as dist/netdoctor.mjs of a package named `name`, beside a copy of bin/. */
function inPackage(name: string, text: string): string {
  const pkg = path.join(tmp, name);
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  mkdirSync(path.join(pkg, 'bin'), { recursive: true });
  for (const file of ['netdoctor.js', 'package.json']) {
    copyFileSync(path.join(repo, 'bin', file), path.join(pkg, 'bin', file));
  }
  writeFileSync(path.join(pkg, 'package.json'), '{ "type": "module" }\n');
  const file = path.join(pkg, 'dist', 'netdoctor.mjs');
  writeFileSync(file, text, 'latin1');
  return file;
}

/** What runs for each way in: the file itself, or the bin beside it. */
const ENTRIES = {
  file: (file: string) => file,
  bin: (file: string) => path.join(path.dirname(file), '..', 'bin', 'netdoctor.js'),
};
type Entry = keyof typeof ENTRIES;

/** The code cache a run wrote under `cache` (XDG_CACHE_HOME): its directory, name and path. */
function codeCacheIn(cache: string): { dir: string; name: string; cacheFile: string } {
  const dir = path.join(cache, 'netdoctor');
  const [name = ''] = readdirSync(dir);
  return { dir, name, cacheFile: path.join(dir, name) };
}

function runWith(
  entry: Entry,
  file: string,
  env: Record<string, string>,
  args: readonly string[] = [],
  nodeFlags: readonly string[] = [],
) {
  return spawnSync('node', [...nodeFlags, ENTRIES[entry](file), ...args], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe.each(Object.keys(ENTRIES) as Entry[])('the launcher, run as %s', (entry) => {
  const run = (...a: [string, Record<string, string>, (readonly string[])?]) =>
    runWith(entry, ...a);

  it('runs the app from its sections: imports, cycles, top-level awaits, builtins, the vendor index', async () => {
    const file = await packed();
    const r = run(file, { NETDOCTOR_CODE_CACHE: '0' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(EXPECTED);
    expect(run(file, {}, ['--version']).stdout).toBe('9.9.9\n');
  });

  it('carries a small section as its text (base64 of it when it holds a line break), a big one as base64 of brotli', async () => {
    const file = await packed();
    const text = readFileSync(file, 'latin1');
    const meta = JSON.parse(text.split('\n')[2]!.slice(META_PREFIX.length, -1)) as {
      base: number;
      sections: [string, number, number, number, number, number, number][];
    };
    const chunks = meta.sections
      .filter(([name]) => !name.startsWith('oui'))
      .map(([name, offset, length, , brotli, , size]) => {
        const line = text.slice(meta.base + offset, meta.base + offset + length);
        const bytes = brotli ? Buffer.from(line, 'base64') : Buffer.from(line, 'latin1');
        const source = (brotli === 1 ? brotliDecompressSync(bytes) : bytes).toString('latin1');
        return { name, brotli, size, lineBreak: /[\n\r]/.test(source) };
      });
    const big = chunks.filter((c) => c.size > TEXT_CARRIAGE_MAX);
    expect(big.length).toBeGreaterThan(0);
    for (const c of big) expect(c).toMatchObject({ brotli: 1 });
    const small = chunks.filter((c) => c.size <= TEXT_CARRIAGE_MAX);
    expect(small.filter((c) => !c.lineBreak).length).toBeGreaterThan(0);
    expect(small.filter((c) => c.lineBreak).length).toBeGreaterThan(0);
    for (const c of small) expect(c).toMatchObject({ brotli: c.lineBreak ? 2 : 0 });
  });

  it("keeps V8's code cache, uses it, and refuses another build's", async () => {
    const file = await packed();
    const cache = path.join(tmp, `cache-${entry}`);
    const first = run(file, { XDG_CACHE_HOME: cache });
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(EXPECTED);
    const dir = path.join(cache, 'netdoctor');
    const [name, ...more] = readdirSync(dir);
    expect(more).toEqual([]);
    expect(name).toMatch(/^code-[0-9a-f]{16}-.+-root\.bin$/);
    const written = readFileSync(path.join(dir, name!));
    expect(run(file, { XDG_CACHE_HOME: cache }).stdout).toBe(EXPECTED);
    // A run that found every section in the cache, the one the app imported late too
    // (compiled after the launcher set its V8 flags, as the first was), writes nothing:
    // not even the same bytes again (a new file each time).
    const inode = statSync(path.join(dir, name!)).ino;
    expect(run(file, { XDG_CACHE_HOME: cache }).stdout).toBe(EXPECTED);
    expect(statSync(path.join(dir, name!)).ino).toBe(inode);
    expect(readFileSync(path.join(dir, name!)).equals(written)).toBe(true);
    // Under another V8 flag V8 refuses it, and the cache is made anew: the check above can
    // fail. Then the launcher's own flags again: refused once more, then kept.
    const flagged = runWith(entry, file, { XDG_CACHE_HOME: cache }, [], ['--max-lazy']);
    expect(flagged.stdout).toBe(EXPECTED);
    expect(statSync(path.join(dir, name!)).ino).not.toBe(inode);
    expect(run(file, { XDG_CACHE_HOME: cache }).stdout).toBe(EXPECTED);
    const again = statSync(path.join(dir, name!)).ino;
    expect(run(file, { XDG_CACHE_HOME: cache }).stdout).toBe(EXPECTED);
    expect(statSync(path.join(dir, name!)).ino).toBe(again);

    // Another build: its own cache; the old one goes. Given the old one's data under its
    // own name, V8 refuses it, the app runs as ever and the cache is written anew.
    const other = await packed('b');
    expect(run(other, { XDG_CACHE_HOME: cache }).stdout).toBe(EXPECTED);
    const [otherName, ...rest] = readdirSync(dir);
    expect(rest).toEqual([]);
    expect(otherName).not.toBe(name);
    writeFileSync(path.join(dir, otherName!), written);
    expect(run(other, { XDG_CACHE_HOME: cache }).stdout).toBe(EXPECTED);
    expect(readFileSync(path.join(dir, otherName!)).equals(written)).toBe(false);
    // Garbage in the cache file is no cache.
    writeFileSync(path.join(dir, otherName!), 'not a code cache');
    expect(run(other, { XDG_CACHE_HOME: cache }).stdout).toBe(EXPECTED);
  });

  it("loads before its V8 flags the builtins the start loaded last time, from Node's cache", async () => {
    // dgram in the start (its first 600 ms here); readline well after it (a key pressed
    // later): only dgram is kept.
    const app = {
      'main.js': `
        const seen = (name) => process.moduleLoadList.includes('NativeModule ' + name);
        process.stdout.write(['dgram', 'readline', 'punycode'].map((n) => n + ' ' + seen(n)).join(', ') + '\\n');
        require('node:dgram');
        setTimeout(() => require('node:readline'), 1200);
      `,
    };
    const file = await packApp(`builtins-${entry}`, app, { startMs: 600 });
    const cache = path.join(tmp, `cache-builtins-${entry}`);
    const env = { XDG_CACHE_HOME: cache };
    const none = 'dgram false, readline false, punycode false\n';
    const preloaded = 'dgram true, readline false, punycode false\n';
    expect(run(file, env).stdout).toBe(none);
    const { cacheFile } = codeCacheIn(cache);
    const inode = statSync(cacheFile).ino;
    expect(run(file, env).stdout).toBe(preloaded);
    expect(run(file, env).stdout).toBe(preloaded);
    expect(statSync(cacheFile).ino).toBe(inode); // nothing new to keep: not written again
    expect(run(file, { ...env, NETDOCTOR_CODE_CACHE: '0' }).stdout).toBe(none);

    // The index names what the file holds: a name that is no builtin, or one that warns
    // when loaded, is not loaded.
    const bytes = readFileSync(cacheFile);
    const length = bytes.readUInt32LE(0);
    const index = JSON.parse(bytes.subarray(4, 4 + length).toString('latin1')) as {
      builtins: string[];
    };
    expect(index.builtins).toEqual(['dgram']);
    index.builtins = ['no-such-builtin', 'punycode', '../../x', 'dgram'];
    const edited = Buffer.from(JSON.stringify(index), 'latin1');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(edited.length);
    writeFileSync(cacheFile, Buffer.concat([head, edited, bytes.subarray(4 + length)]));
    const r = run(file, env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(preloaded);
  });

  it('reads and writes its code cache only where no other user can write', async () => {
    const file = await packed();
    const cache = path.join(tmp, `cache-owned-${entry}`);
    const env = { XDG_CACHE_HOME: cache };
    expect(run(file, env).stdout).toBe(EXPECTED);
    const { dir, name, cacheFile } = codeCacheIn(cache);
    const kept = statSync(cacheFile).ino;
    expect(run(file, env).stdout).toBe(EXPECTED);
    expect(statSync(cacheFile).ino).toBe(kept); // used, not written again
    // The file writable by others: it could be anyone's code. Refused, and made anew (0600).
    chmodSync(cacheFile, 0o666);
    expect(run(file, env).stdout).toBe(EXPECTED);
    expect(statSync(cacheFile).ino).not.toBe(kept);
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    // Its directory or the cache root writable by others: neither read nor written.
    for (const d of [dir, cache]) {
      chmodSync(d, 0o777);
      rmSync(cacheFile);
      expect(run(file, env).stdout).toBe(EXPECTED);
      expect(readdirSync(dir)).toEqual([]);
      chmodSync(d, 0o700);
      expect(run(file, env).stdout).toBe(EXPECTED);
      expect(readdirSync(dir)).toEqual([name]);
    }
    if (process.geteuid?.() === 0) {
      // Root and a cache file another user owns (sudo -E): refused, and made anew as root's.
      chownSync(cacheFile, 65534, 65534);
      expect(run(file, env).stdout).toBe(EXPECTED);
      expect(statSync(cacheFile).uid).toBe(0);
    }
  });

  it('writes no cache when told not to or when it cannot', async () => {
    const file = await packed();
    const home = path.join(tmp, `home-off-${entry}`);
    mkdirSync(home);
    expect(run(file, { HOME: home, NETDOCTOR_CODE_CACHE: '0' }).stdout).toBe(EXPECTED);
    expect(readdirSync(home)).toEqual([]);
    const r = run(file, { HOME: '/proc' });
    expect(r.stdout).toBe(EXPECTED);
    expect(r.stderr).toBe('');
  });

  it('tells a damaged or cut file in one line, exit 2', async () => {
    const file = await packed();
    const text = readFileSync(file, 'latin1');
    // A character changed inside the last chunk's line (the vendor index is the last line).
    const lines = text.split('\n');
    const at = lines.length - 3;
    const line = lines[at]!;
    const middle = Math.floor(line.length / 2);
    lines[at] = line.slice(0, middle) + (line[middle] === 'A' ? 'B' : 'A') + line.slice(middle + 1);
    const damaged = inPackage(`damaged-${entry}`, lines.join('\n'));
    const r = run(damaged, { NETDOCTOR_CODE_CACHE: '0' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^netdoctor: .*damaged-\w+\/dist\/netdoctor\.mjs is damaged \(.+\): copy it again\n$/,
    );

    const cut = inPackage(
      `cut-${entry}`,
      [...lines.slice(0, at), line.slice(0, middle)].join('\n'),
    );
    const c = run(cut, { NETDOCTOR_CODE_CACHE: '0' });
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(
      /^netdoctor: .*cut-\w+\/dist\/netdoctor\.mjs is damaged \(.+\): copy it again\n$/,
    );
  });
});

describe('the netdoctor command (bin/netdoctor.js)', () => {
  it('answers --version from the header and tells a damaged header or no build in one line', async () => {
    const text = readFileSync(await packed(), 'latin1');
    const lines = text.split('\n');
    expect(lines[2]).toMatch(/^const meta = \{.*\};$/);
    expect(lines[3]).toMatch(/^const launch = \(function launch\(/);
    const bin = (file: string) => ENTRIES.bin(file);
    const ok = inPackage('version', text);
    expect(spawnSync('node', [bin(ok), '--version'], { encoding: 'utf8' }).stdout).toBe('9.9.9\n');

    // The meta's JSON cut, and the launcher's text shorter than the meta says.
    const badMeta = inPackage(
      'bad-meta',
      [...lines.slice(0, 2), lines[2]!.slice(0, 40) + ';', ...lines.slice(3)].join('\n'),
    );
    const badLaunch = inPackage(
      'bad-launch',
      [...lines.slice(0, 3), lines[3]!.replace('launch(url', 'launch(u'), ...lines.slice(4)].join(
        '\n',
      ),
    );
    for (const file of [badMeta, badLaunch]) {
      const r = spawnSync('node', [bin(file), 'overview'], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`netdoctor: ${file} is damaged (header): copy it again\n`);
    }

    const unbuilt = inPackage('unbuilt', '');
    rmSync(unbuilt);
    const r = spawnSync('node', [bin(unbuilt)], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('netdoctor: not built yet: run npm run build (npm ci does it)\n');
  });
});
