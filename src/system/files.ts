/** The one place that reads and writes files (/proc, /sys, snapshots, exports). */
import { opendir, open, stat } from 'node:fs/promises';
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  type Stats,
} from 'node:fs';
import { FileUnreadable, FileUnwritable } from './errors.js';
import { debugEvent, debugging } from './debug.js';

/** With --debug, a line for each file read, listed or written (debug.ts). */
function said(
  kind: 'read' | 'listed' | 'wrote',
  path: string,
  startedAt: number,
  size: number | null,
  error?: string,
): void {
  if (!debugging()) return;
  const durationMs = Date.now() - startedAt;
  debugEvent({ kind, path, durationMs, size, ...(error !== undefined ? { error } : {}) });
}

function bytes(text: string | null): number | null {
  return text === null ? null : Buffer.byteLength(text);
}

/** A file as read: its text, or why it could not be read (ENOENT, EACCES, ...). */
export interface FileRead {
  readonly path: string;
  readonly text: string | null;
  readonly error?: string;
  /** Set by a bounded read (readTextFileBounded): the file held more than was read. */
  readonly truncated?: boolean;
}

/**
 * The most any file netdoctor reads may hold: a snapshot of a router with thousands of
 * interfaces is a few MB; /dev/zero or a runaway file must fail at once, not fill memory.
 */
export const USER_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** The most names a directory listing holds: a directory is listed, never walked for ever. */
export const DIRECTORY_MAX_NAMES = 65536;

/** What a file is, in words, when it is not a regular file; null when it is one. */
function notRegularKind(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

/** What a path is, in words, when it is not a regular file; null when it is one. */
async function notRegular(path: string): Promise<string | null> {
  return notRegularKind(await stat(path));
}

/**
 * The kernel's own tables (sysctls, /proc/net), which answer at once: read synchronously.
 * A snapshot reads about a hundred of them before its first output; each read through the
 * thread pool is five round trips (stat, open, fstat, read, close), each waiting for a main
 * thread that is busy loading the app meanwhile (issue 20).
 */
const KERNEL_TABLE = /^\/proc\/(sys|net)\//;

/** How many bytes the next read asks for (a read of a file said to be `size` long). */
function nextReadSize(size: number, length: number, chunks: number, maxBytes: number): number {
  // /proc and /sys files say size 0 and hold a few bytes: small steps, doubling (a
  // snapshot reads a hundred of them before the first frame; 64 kB each was 13 MB).
  const step = 4096 * 2 ** Math.min(chunks, 4);
  return Math.min(Math.max(size - length, 0) + step, maxBytes + 1 - length);
}

/** A sysctl: its handler writes the whole value in one read (see readRegularFileSync). */
const SYSCTL = /^\/proc\/sys\//;

/**
 * readRegularFile, synchronously: for KERNEL_TABLE paths only. Four system calls a file
 * (open, fstat, read, close), each of which costs here (a /proc/sys read is about 50 µs in
 * the kernel): no stat before the open, since nothing under /proc/sys or /proc/net is a FIFO
 * or a device that an open could block on or set off (the open is non-blocking, and fstat
 * still refuses what is no regular file, in the same words), and no read of the end after a
 * sysctl's value: a sysctl's handler writes all of it in the first read, so a read that
 * fills less than it asked for ended the file. /proc/net's seq_files may stop a read short
 * of their end, so they are read until a read returns nothing.
 */
function readRegularFileSync(path: string, maxBytes: number): CappedRead {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    const what = notRegularKind(st);
    if (what !== null) throw new FileUnreadable(path, what);
    const wholeInOneRead = SYSCTL.test(path);
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxBytes) {
      const chunk = Buffer.allocUnsafe(nextReadSize(st.size, length, chunks.length, maxBytes));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (wholeInOneRead && bytesRead < chunk.length) break;
    }
    return capped(chunks, length, maxBytes, st.size);
  } finally {
    closeSync(fd);
  }
}

/** The chunks read, as text cut at the cap. */
function capped(chunks: Buffer[], length: number, maxBytes: number, size: number): CappedRead {
  const text = Buffer.concat(chunks, length).subarray(0, maxBytes).toString('utf8');
  return { text, over: length > maxBytes, size };
}

/** A file read up to a cap: `over` says it held more than the cap (text is the first part). */
interface CappedRead {
  readonly text: string;
  readonly over: boolean;
  /** The size the file said it had (0 for /proc and /sys files, which know theirs only once read). */
  readonly size: number;
}

/**
 * Reads a regular file, at most `maxBytes` of it; throws FileUnreadable for anything else and
 * the fs error (with its code) when it cannot be opened. A FIFO would block forever waiting for
 * a writer and a device never ends, so the path is checked before it is opened, opened without
 * blocking, and checked again on the open file (it may have been swapped meanwhile). Read in
 * chunks sized by the file, not a buffer of the cap: a 20 kB file must not cost 64 MB.
 */
async function readRegularFile(path: string, maxBytes: number): Promise<CappedRead> {
  const what = await notRegular(path);
  if (what !== null) throw new FileUnreadable(path, what);
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await file.stat();
    if (!st.isFile()) throw new FileUnreadable(path, 'is not a regular file');
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxBytes) {
      const chunk = Buffer.allocUnsafe(nextReadSize(st.size, length, chunks.length, maxBytes));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    return capped(chunks, length, maxBytes, st.size);
  } finally {
    await file.close();
  }
}

/** Why a read failed, in the words a record keeps: the fs code (ENOENT, EACCES) or the reason. */
function readFailure(err: unknown): string {
  return err instanceof FileUnreadable ? err.reason : errorCode(err);
}

/**
 * Reads a host file (/proc, /sys, /etc) and records the outcome; never throws. Only a regular
 * file, and no more than `maxBytes`: a FIFO or a device where a config belongs is recorded as
 * what it is instead of hanging the read.
 */
export async function readTextFile(
  path: string,
  maxBytes = USER_FILE_MAX_BYTES,
): Promise<FileRead> {
  const startedAt = Date.now();
  const read = await readTextFileOnce(path, maxBytes);
  said('read', path, startedAt, bytes(read.text), read.error);
  return read;
}

async function readTextFileOnce(path: string, maxBytes: number): Promise<FileRead> {
  try {
    const read = KERNEL_TABLE.test(path)
      ? readRegularFileSync(path, maxBytes)
      : await readRegularFile(path, maxBytes);
    if (read.over) return { path, text: null, error: tooBig(read.size, maxBytes) };
    return { path, text: read.text };
  } catch (err) {
    return { path, text: null, error: readFailure(err) };
  }
}

/**
 * Reads a file the person named; throws FileUnreadable with a one-line reason. Only regular
 * files, and no further than `maxBytes`.
 */
export async function readUserFile(path: string, maxBytes = USER_FILE_MAX_BYTES): Promise<string> {
  const startedAt = Date.now();
  try {
    const text = await readUserFileOnce(path, maxBytes);
    said('read', path, startedAt, bytes(text));
    return text;
  } catch (err) {
    said('read', path, startedAt, null, err instanceof FileUnreadable ? err.reason : String(err));
    throw err;
  }
}

async function readUserFileOnce(path: string, maxBytes: number): Promise<string> {
  try {
    const read = await readRegularFile(path, maxBytes);
    if (read.over) throw new FileUnreadable(path, tooBig(read.size, maxBytes));
    return read.text;
  } catch (err) {
    if (err instanceof FileUnreadable) throw err;
    throw new FileUnreadable(path, describeCode(errorCode(err)));
  }
}

/** A byte count in words: whole megabytes when it is some, else bytes. */
function bytesInWords(n: number): string {
  const mb = 1024 * 1024;
  return n >= mb && n % mb === 0 ? `${n / mb} MB` : `${n} bytes`;
}

/** `size` is what stat said; a file that grew past it (or /proc's 0) is only "larger". */
function tooBig(size: number, maxBytes: number): string {
  const said = size > maxBytes ? ` (${size} bytes)` : '';
  return `larger than ${bytesInWords(maxBytes)}${said}: too large to be what netdoctor reads`;
}

/** Mode of every file netdoctor writes: read and write for the owner only. */
export const WRITTEN_FILE_MODE = 0o600;

/**
 * Writes a file the person named. An existing path must be a regular file: writing to a FIFO
 * blocks until someone reads it, and a device is not where a report belongs.
 */
export async function writeUserFile(path: string, text: string): Promise<void> {
  const startedAt = Date.now();
  try {
    await writeUserFileOnce(path, text);
    said('wrote', path, startedAt, bytes(text));
  } catch (err) {
    said('wrote', path, startedAt, null, err instanceof FileUnwritable ? err.reason : String(err));
    throw err;
  }
}

async function writeUserFileOnce(path: string, text: string): Promise<void> {
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

/** Whether a read's error says the path is no regular file (a directory, a FIFO, a device). */
export function isNotRegularFile(error: string | undefined): boolean {
  return (
    error !== undefined && (error === 'is a directory' || error.endsWith('not a regular file'))
  );
}

/**
 * Reads at most `maxBytes` of a file (a config a person wrote can be anything); `truncated`
 * says the rest was left unread. Only a regular file, like readTextFile. Never throws.
 */
export async function readTextFileBounded(
  path: string,
  maxBytes: number,
): Promise<FileRead & { readonly truncated: boolean }> {
  const startedAt = Date.now();
  try {
    const read = await readRegularFile(path, maxBytes);
    said('read', path, startedAt, bytes(read.text));
    return { path, text: read.text, truncated: read.over };
  } catch (err) {
    said('read', path, startedAt, null, readFailure(err));
    return { path, text: null, error: readFailure(err), truncated: false };
  }
}

/** The names in a kernel table's directory (KERNEL_TABLE), sorted, at most `maxNames`. */
function directoryNamesSync(
  path: string,
  maxNames: number,
): { names: string[]; truncated: boolean } {
  const names = readdirSync(path);
  return { names: names.slice(0, maxNames).sort(), truncated: names.length > maxNames };
}

/** The names in a directory, sorted, at most `maxNames` of them. */
async function directoryNames(
  path: string,
  maxNames: number,
): Promise<{ names: string[]; truncated: boolean }> {
  if (KERNEL_TABLE.test(path)) return directoryNamesSync(path, maxNames);
  const dir = await opendir(path);
  const names: string[] = [];
  let truncated = false;
  try {
    for (let entry = await dir.read(); entry !== null; entry = await dir.read()) {
      if (names.length === maxNames) {
        truncated = true;
        break;
      }
      names.push(entry.name);
    }
  } finally {
    await dir.close();
  }
  return { names: names.sort(), truncated };
}

/** A directory as listed: its names, sorted, or why it could not be listed. */
export interface DirectoryListing {
  readonly names: string[];
  readonly truncated: boolean;
  readonly error?: string;
}

/**
 * The names in a directory, or why it could not be listed (ENOENT when it is absent);
 * `truncated` says it held more than `maxNames` (the rest are left unread).
 */
export async function readDirectory(
  path: string,
  maxNames = DIRECTORY_MAX_NAMES,
): Promise<DirectoryListing> {
  const startedAt = Date.now();
  try {
    const listing = await directoryNames(path, maxNames);
    said('listed', path, startedAt, listing.names.length);
    return listing;
  } catch (err) {
    said('listed', path, startedAt, null, errorCode(err));
    return { names: [], truncated: false, error: errorCode(err) };
  }
}

/** The names in a directory (at most DIRECTORY_MAX_NAMES), or none when it does not exist. */
export async function listDirectory(path: string): Promise<string[]> {
  return (await readDirectory(path)).names;
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
