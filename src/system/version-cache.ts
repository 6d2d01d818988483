/**
 * The helper tools' version records, kept between runs (issue 20). `ssh -V`, `ip -V` and six
 * more are eight processes of a plain overview's read (`ssh -V` alone about 20 ms of CPU: it
 * starts OpenSSL), and what they print changes only when the tool or a library it loads is
 * replaced. So a record is used again, exactly as it was recorded, while all of these are
 * the same file as when it ran (device, inode, size, modify and change times):
 *
 * - the program itself, at the path it was found;
 * - the loader's cache, /etc/ld.so.cache: ldconfig writes it anew whenever libraries are
 *   installed (Debian's library packages trigger it), so a new OpenSSL (`ssh -V` names it),
 *   libbpf (`ip -V`) or libpcap (`arp-scan --version`) means a new one;
 * - dpkg's status file, rewritten by every package installed, upgraded or removed;
 * - /etc/ld.so.preload;
 *
 * and LD_LIBRARY_PATH and LD_PRELOAD are what they were. Any other record is run again and
 * kept anew. What this cannot see: a library overwritten in place by hand, without ldconfig
 * or a package manager (NETDOCTOR_VERSION_CACHE=0 turns the cache off).
 *
 * The cache lives beside the code cache (scripts/launcher.mjs): $XDG_CACHE_HOME/netdoctor,
 * else ~/.cache/netdoctor; a cache that cannot be read or written is no cache.
 */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { TOOLS } from '../catalog/tools.js';
import type { CommandOutput } from './run.js';

const FORMAT = 1;

/** The version argvs of the catalogue's tools (the same as snapshot/sources.ts versionArgv). */
const VERSION_ARGVS = new Set(
  TOOLS.map((t) => [t.versionFrom ?? t.name, ...t.versionArgs].join('\0')),
);

/** Whether argv is one of the helper tools' version commands, the only ones kept. */
export function isVersionArgv(argv: readonly string[]): boolean {
  return VERSION_ARGVS.has(argv.join('\0'));
}

/** A file's identity: device, inode, size, modify and change times (ns); or why none. */
export function fileIdentity(file: string): string {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'unreadable';
  }
}

/** The files besides the program that decide what it prints of itself (see the header). */
export const LOADER_FILES = ['/etc/ld.so.cache', '/etc/ld.so.preload', '/var/lib/dpkg/status'];

/** What the loader would load, as far as files and environment tell. */
function loaderKey(env: NodeJS.ProcessEnv, files: readonly string[]): string {
  return JSON.stringify([
    ...files.map(fileIdentity),
    env['LD_LIBRARY_PATH'] ?? null,
    env['LD_PRELOAD'] ?? null,
  ]);
}

interface Entry {
  readonly resolved: string;
  readonly identity: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface CacheFile {
  readonly format: number;
  readonly loader: string;
  readonly entries: Record<string, Entry>;
}

export interface VersionCacheOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** The loader's files (tests give their own). */
  readonly loaderFiles?: readonly string[];
}

/** The cache of one process: read once, written when a run added to it. */
export class VersionCache {
  private readonly file: string | null;
  private readonly loader: string;
  private entries: Record<string, Entry> = {};
  private changed = false;

  constructor(options: VersionCacheOptions = {}) {
    const env = options.env ?? process.env;
    this.file = cacheFile(env);
    this.loader = this.file === null ? '' : loaderKey(env, options.loaderFiles ?? LOADER_FILES);
    if (this.file === null) return;
    try {
      const read = JSON.parse(readOwnFile(this.file)) as CacheFile;
      if (
        read.format === FORMAT &&
        read.loader === this.loader &&
        typeof read.entries === 'object'
      ) {
        this.entries = read.entries;
      }
    } catch {
      // none yet, or unreadable: every version runs
    }
  }

  /** argv's record as it was when its program, found at `resolved`, last ran; or null. */
  lookup(argv: readonly string[], resolved: string): CommandOutput | null {
    if (this.file === null || !isVersionArgv(argv)) return null;
    const entry = this.entries[argv.join(' ')];
    if (entry?.resolved !== resolved || entry.identity !== fileIdentity(resolved)) return null;
    const { exitCode, stdout, stderr } = entry;
    return { argv, resolved, exitCode, stdout, stderr, durationMs: 0 };
  }

  /** Keeps a version command's record, when it ran to its end. */
  remember(out: CommandOutput): void {
    if (this.file === null || !isVersionArgv(out.argv) || out.resolved === null) return;
    if (out.exitCode === null || out.error !== undefined) return;
    const { resolved, exitCode, stdout, stderr } = out;
    const entry = { resolved, identity: fileIdentity(resolved), exitCode, stdout, stderr };
    const key = out.argv.join(' ');
    if (JSON.stringify(this.entries[key]) === JSON.stringify(entry)) return; // kept already
    this.entries = { ...this.entries, [key]: entry };
    this.changed = true;
  }

  /** Writes the cache when a run added to it (atomically; silently not, when it cannot). */
  save(): void {
    if (this.file === null || !this.changed) return;
    this.changed = false;
    try {
      const dir = this.file.slice(0, this.file.lastIndexOf('/'));
      const dirs = [dir.slice(0, dir.lastIndexOf('/')), dir];
      // One level at a time, as the launcher does: a recursive mkdir spins under HOME=/proc.
      for (const d of dirs) {
        try {
          mkdirSync(d, { mode: 0o700 });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
      }
      if (!dirs.every(ownDir)) return;
      const data: CacheFile = { format: FORMAT, loader: this.loader, entries: this.entries };
      const tmp = `${this.file}.${process.pid}`;
      // 'wx': never through a link or a file someone put there first.
      writeFileSync(tmp, JSON.stringify(data), { mode: 0o600, flag: 'wx' });
      renameSync(tmp, this.file);
    } catch {
      // unwritable: the next run asks the tools again
    }
  }
}

/**
 * Whether only this user can change what `st` stats. A record read from a file another user
 * could write would put their words in this user's report (root with another's
 * $XDG_CACHE_HOME, `sudo -E`, a cache in /tmp): the launcher keeps its code cache by the same
 * rule (scripts/launcher.mjs).
 */
function ownedOnly(st: Stats): boolean {
  return st.uid === process.geteuid?.() && (st.mode & 0o022) === 0;
}

function ownDir(dir: string): boolean {
  try {
    const st = statSync(dir);
    return st.isDirectory() && ownedOnly(st);
  } catch {
    return false;
  }
}

/** The cache file's text, if it and its directories are this user's alone; else it throws. */
function readOwnFile(file: string): string {
  const dir = file.slice(0, file.lastIndexOf('/'));
  if (!ownDir(dir) || !ownDir(dir.slice(0, dir.lastIndexOf('/')))) {
    throw new Error('another user could write there');
  }
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || !ownedOnly(st)) throw new Error('another user could have written it');
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** Where the cache lives (the launcher's directory), or null: off, or no home. */
function cacheFile(env: NodeJS.ProcessEnv): string | null {
  if (env['NETDOCTOR_VERSION_CACHE'] === '0') return null;
  const home = env['XDG_CACHE_HOME']?.startsWith('/')
    ? env['XDG_CACHE_HOME']
    : env['HOME']?.startsWith('/')
      ? `${env['HOME']}/.cache`
      : null;
  return home === null ? null : `${home}/netdoctor/tool-versions.json`;
}
