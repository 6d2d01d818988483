import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DIRECTORY_MAX_NAMES,
  listDirectory,
  readDirectory,
  readTextFile,
  readTextFileBounded,
  readUserFile,
  writeUserFile,
} from './files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fifo = path.join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);

describe('readUserFile', () => {
  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    await expect(readUserFile(fifo)).rejects.toThrow(/fifo: is a FIFO \(named pipe\)/);
  });

  it('refuses a device such as /dev/zero at once, never reading it', async () => {
    await expect(readUserFile('/dev/zero')).rejects.toThrow(
      'cannot read /dev/zero: is a device, not a regular file',
    );
  });

  it('reads no more than its cap', async () => {
    const big = path.join(dir, 'big');
    writeFileSync(big, 'x'.repeat(2048));
    await expect(readUserFile(big, 1024)).rejects.toThrow(
      `cannot read ${big}: larger than 1024 bytes (2048 bytes): too large to be what netdoctor reads`,
    );
    expect(await readUserFile(big, 4096)).toHaveLength(2048);
  });

  it('says what is missing and what is a directory', async () => {
    await expect(readUserFile(path.join(dir, 'nope'))).rejects.toThrow(/no such file/);
    await expect(readUserFile(dir)).rejects.toThrow(/is a directory/);
  });
});

describe('reading a host file (/proc, /sys, /etc)', () => {
  it('records a FIFO as what it is, at once, instead of waiting for a writer', async () => {
    expect(await readTextFile(fifo)).toEqual({
      path: fifo,
      text: null,
      error: 'is a FIFO (named pipe), not a regular file',
    });
    expect(await readTextFileBounded(fifo, 1024)).toEqual({
      path: fifo,
      text: null,
      error: 'is a FIFO (named pipe), not a regular file',
      truncated: false,
    });
  });

  it('never reads a device, and keeps the fs code for a missing file', async () => {
    expect((await readTextFile('/dev/zero')).error).toBe('is a device, not a regular file');
    expect((await readTextFileBounded('/dev/urandom', 16)).error).toBe(
      'is a device, not a regular file',
    );
    expect((await readTextFile(path.join(dir, 'nope'))).error).toBe('ENOENT');
  });

  it('reads /proc files, whose size says 0, to their end', async () => {
    const read = await readTextFile('/proc/self/status');
    expect(read.text).toMatch(/^Name:/);
    expect(read.text).toMatch(/\nPid:\s+\d+/);
  });

  it('reads the kernel tables (/proc/sys, /proc/net) as any file: text, ENOENT, a directory, the cap', async () => {
    const forward = '/proc/sys/net/ipv4/ip_forward';
    expect(await readTextFile(forward)).toEqual({
      path: forward,
      text: readFileSync(forward, 'utf8'),
    });
    expect((await readTextFile('/proc/sys/net/ipv4/netdoctor-none')).error).toBe('ENOENT');
    expect((await readTextFile('/proc/sys/net/ipv4')).error).toBe('is a directory');
    const dev = '/proc/net/dev';
    expect((await readTextFile(dev, 10)).error).toMatch(/^larger than 10 bytes/);
    expect((await readTextFile(dev)).text).toMatch(/^Inter-\|/);
    const conf = await readDirectory('/proc/sys/net/ipv4/conf');
    expect(conf.names).toEqual(expect.arrayContaining(['all', 'default', 'lo']));
    expect(conf.names).toEqual([...conf.names].sort());
    expect((await readDirectory('/proc/net/netdoctor-none')).error).toBe('ENOENT');
  });

  it('is bounded: a file over the cap is refused whole, or cut when a part will do', async () => {
    const file = path.join(dir, 'config');
    writeFileSync(file, 'y'.repeat(3000));
    expect(await readTextFile(file, 1000)).toEqual({
      path: file,
      text: null,
      error: 'larger than 1000 bytes (3000 bytes): too large to be what netdoctor reads',
    });
    const cut = await readTextFileBounded(file, 1000);
    expect(cut).toMatchObject({ text: 'y'.repeat(1000), truncated: true });
    expect(await readTextFileBounded(file, 3000)).toMatchObject({ truncated: false });
  });
});

describe('listing a directory', () => {
  it('lists sorted names, says ENOENT or ENOTDIR, and stops at its cap', async () => {
    const many = path.join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 3; i++) writeFileSync(path.join(many, `f${2 - i}`), '');
    expect(await readDirectory(many)).toEqual({ names: ['f0', 'f1', 'f2'], truncated: false });
    expect(await listDirectory(path.join(dir, 'nope'))).toEqual([]);
    expect((await readDirectory(fifo)).error).toBe('ENOTDIR');
    const cut = await readDirectory(many, 2);
    expect(cut.truncated).toBe(true);
    expect(cut.names).toHaveLength(2);
    expect(DIRECTORY_MAX_NAMES).toBeGreaterThan(4096);
  });
});

describe('writeUserFile', () => {
  it('refuses a FIFO (it would block until someone read it) and an empty name', async () => {
    await expect(writeUserFile(fifo, '{}')).rejects.toThrow(/is a FIFO/);
    await expect(writeUserFile('', '{}')).rejects.toThrow(/an empty file name/);
  });

  it('writes a new regular file and overwrites one', async () => {
    const file = path.join(dir, 'out.json');
    await writeUserFile(file, 'a');
    await writeUserFile(file, 'b');
    expect(readFileSync(file, 'utf8')).toBe('b');
  });

  it('writes owner-only (0600), also over a file that was world-readable', async () => {
    const fresh = path.join(dir, 'fresh.json');
    await writeUserFile(fresh, 'a');
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    const old = path.join(dir, 'old.json');
    writeFileSync(old, 'x', { mode: 0o644 });
    await writeUserFile(old, 'secret');
    expect(statSync(old).mode & 0o777).toBe(0o600);
    expect(readFileSync(old, 'utf8')).toBe('secret');
  });
});

describe('readTextFileBounded', () => {
  it('refuses a FIFO at once instead of waiting for a writer, and says a directory is one', async () => {
    expect(await readTextFileBounded(fifo, 100)).toMatchObject({
      text: null,
      error: 'is a FIFO (named pipe), not a regular file',
    });
    expect((await readTextFileBounded(dir, 100)).error).toBe('is a directory');
  });
});
