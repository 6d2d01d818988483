/** The one place that reads and writes files (/proc, /sys, snapshots, exports). */
import { readFile, readdir, open, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { FileUnreadable, FileUnwritable } from './errors.js';

/** A file as read: its text, or why it could not be read (ENOENT, EACCES, ...). */
export interface FileRead {
  readonly path: string;
  readonly text: string | null;
  readonly error?: string;
}

/** Reads a file and records the outcome; never throws. */
export async function readTextFile(path: string): Promise<FileRead> {
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (err) {
    return { path, text: null, error: errorCode(err) };
  }
}

/**
 * The most a file the person names may hold: a snapshot of a router with thousands of
 * interfaces is a few MB; /dev/zero or a runaway file must fail at once, not fill memory.
 */
export const USER_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** What a path is, in words, when it is not a regular file; null when it is one. */
async function notRegular(path: string): Promise<string | null> {
  const st = await stat(path);
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

/**
 * Reads a file the person named; throws FileUnreadable with a one-line reason. Only regular
 * files: a FIFO would block forever waiting for a writer, a device never ends. Opened without
 * blocking and checked again on the open file (it may have been swapped meanwhile), and read
 * no further than USER_FILE_MAX_BYTES.
 */
export async function readUserFile(path: string, maxBytes = USER_FILE_MAX_BYTES): Promise<string> {
  try {
    const what = await notRegular(path);
    if (what !== null) throw new FileUnreadable(path, what);
    const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = await file.stat();
      if (!st.isFile()) throw new FileUnreadable(path, 'is not a regular file');
      if (st.size > maxBytes) throw new FileUnreadable(path, tooBig(st.size, maxBytes));
      // Read in chunks sized by the file, not a buffer of the cap: a 20 kB snapshot must not
      // cost 64 MB of memory. The file may grow after stat; the cap still holds.
      const chunks: Buffer[] = [];
      let length = 0;
      for (;;) {
        const chunk = Buffer.alloc(Math.min(Math.max(st.size - length, 0) + 65536, maxBytes + 1));
        const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        length += bytesRead;
        if (length > maxBytes) throw new FileUnreadable(path, tooBig(length, maxBytes));
      }
      return Buffer.concat(chunks, length).toString('utf8');
    } finally {
      await file.close();
    }
  } catch (err) {
    if (err instanceof FileUnreadable) throw err;
    throw new FileUnreadable(path, describeCode(errorCode(err)));
  }
}

function tooBig(size: number, maxBytes: number): string {
  return `larger than ${maxBytes / (1024 * 1024)} MB (${size >= maxBytes ? 'over' : size} bytes): too large to be what netdoctor reads`;
}

/** Mode of every file netdoctor writes: read and write for the owner only. */
export const WRITTEN_FILE_MODE = 0o600;

/**
 * Writes a file the person named. An existing path must be a regular file: writing to a FIFO
 * blocks until someone reads it, and a device is not where a report belongs.
 */
export async function writeUserFile(path: string, text: string): Promise<void> {
  if (path === '') throw new FileUnwritable(path, 'an empty file name');
  try {
    const what = await notRegular(path);
    if (what !== null) throw new FileUnwritable(path, what);
  } catch (err) {
    if (err instanceof FileUnwritable) throw err;
    if (errorCode(err) !== 'ENOENT') throw new FileUnwritable(path, describeCode(errorCode(err)));
  }
  try {
    // Owner-only (0600): a snapshot or report tells how a network is built, and is mailed
    // around. An existing file is emptied and made 0600 before anything is written into it.
    const file = await open(path, 'w', WRITTEN_FILE_MODE);
    try {
      await file.chmod(WRITTEN_FILE_MODE).catch(() => undefined);
      await file.writeFile(text, 'utf8');
    } finally {
      await file.close();
    }
  } catch (err) {
    throw new FileUnwritable(path, describeCode(errorCode(err)));
  }
}

/** The error of a bounded read of something that is not a regular file (a FIFO, a device). */
export const NOT_REGULAR = 'not a regular file';

/**
 * Reads at most `maxBytes` of a file (a config a person wrote can be anything); `truncated`
 * says the rest was left unread. Never throws.
 */
export async function readTextFileBounded(
  path: string,
  maxBytes: number,
): Promise<FileRead & { readonly truncated: boolean }> {
  try {
    // Without blocking, and only a regular file: a FIFO would wait forever for a writer.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = await handle.stat();
      if (st.isDirectory()) return { path, text: null, error: 'EISDIR', truncated: false };
      if (!st.isFile()) return { path, text: null, error: NOT_REGULAR, truncated: false };
      const buffer = Buffer.alloc(maxBytes + 1);
      const { bytesRead } = await handle.read(buffer, 0, maxBytes + 1, 0);
      const truncated = bytesRead > maxBytes;
      return {
        path,
        text: buffer.subarray(0, Math.min(bytesRead, maxBytes)).toString('utf8'),
        truncated,
      };
    } finally {
      await handle.close();
    }
  } catch (err) {
    return { path, text: null, error: errorCode(err), truncated: false };
  }
}

/** The names in a directory, or why it could not be listed (ENOENT when it is absent). */
export async function readDirectory(
  path: string,
): Promise<{ readonly names: string[]; readonly error?: string }> {
  try {
    return { names: (await readdir(path)).sort() };
  } catch (err) {
    return { names: [], error: errorCode(err) };
  }
}

/** The names in a directory, or an empty list when it does not exist. */
export async function listDirectory(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch {
    return [];
  }
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return String(err);
}

function describeCode(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return code ?? 'unknown error';
  }
}
