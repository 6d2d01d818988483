import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFileBounded, readUserFile, writeUserFile } from './files.js';

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
    await expect(readUserFile(big, 1024)).rejects.toThrow(/larger than/);
    expect(await readUserFile(big, 4096)).toHaveLength(2048);
  });

  it('says what is missing and what is a directory', async () => {
    await expect(readUserFile(path.join(dir, 'nope'))).rejects.toThrow(/no such file/);
    await expect(readUserFile(dir)).rejects.toThrow(/is a directory/);
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
      error: 'not a regular file',
    });
    expect((await readTextFileBounded(dir, 100)).error).toBe('EISDIR');
  });
});
