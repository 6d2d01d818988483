/**
 * Finding the helper tools on this machine (the catalogue is src/catalog/tools.ts). Tools
 * live in sbin on Debian, which an ordinary user's PATH often lacks, so lookups also search
 * the sbin directories.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

import { toolSpec } from '../catalog/tools.js';
import { ToolMissing } from './errors.js';
import { debugEvent } from './debug.js';

export { TOOLS, toolSpec, type ToolSpec } from '../catalog/tools.js';

const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

function searchDirs(): string[] {
  const fromPath = (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
  return [...new Set([...fromPath, ...SBIN_DIRS])];
}

/**
 * The absolute path of an executable, or null when it is not installed. The checks are
 * synchronous (a few microseconds each): a snapshot's dozen commands then start in the
 * same turn as the read, not after whatever else the main thread does meanwhile (the
 * TUI's code loading, before its first frame).
 */
export function findExecutableSync(name: string): string | null {
  for (const dir of searchDirs()) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** findExecutable, as a promise (the HostAccess `which`). */
export async function findExecutable(name: string): Promise<string | null> {
  return findExecutableSync(name);
}

/** The Debian package that installs `program`: the catalogue's, else its own name. */
export function debianPackageOf(program: string): string {
  try {
    return toolSpec(program).debianPackage;
  } catch {
    return program;
  }
}

/**
 * argv's program as the path to start and its arguments, for a child that streams: a program
 * not installed throws ToolMissing (said first with --debug, as runCommand records it).
 */
export async function startable(
  argv: readonly string[],
): Promise<{ path: string; args: string[] }> {
  const [program, ...args] = argv;
  if (program === undefined) throw new Error('an argv needs a program');
  const path = program.includes('/') ? program : await findExecutable(program);
  if (path !== null) return { path, args };
  debugEvent({
    kind: 'ran',
    argv,
    exitCode: null,
    durationMs: 0,
    stderr: '',
    error: 'not-installed',
  });
  throw new ToolMissing(program, debianPackageOf(program));
}
