/** The one place that reads and writes files (/proc, /sys, snapshots, exports). */
import { open, readFile, writeFile, readdir } from 'node:fs/promises';
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

/** Reads a file the person named; throws FileUnreadable with a one-line reason. */
export async function readUserFile(path: string): Promise<string> {
  const read = await readTextFile(path);
  if (read.text === null) throw new FileUnreadable(path, describeCode(read.error));
  return read.text;
}

export async function writeUserFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (err) {
    throw new FileUnwritable(path, describeCode(errorCode(err)));
  }
}

/**
 * Reads at most `maxBytes` of a file (a config a person wrote can be anything); `truncated`
 * says the rest was left unread. Never throws.
 */
export async function readTextFileBounded(
  path: string,
  maxBytes: number,
): Promise<FileRead & { readonly truncated: boolean }> {
  try {
    const handle = await open(path, 'r');
    try {
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
