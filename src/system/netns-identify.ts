/**
 * The name of the network namespace this process runs in, read as `ip netns identify` reads
 * it (iproute2 ip/ipnetns.c netns_identify_pid): the namespace of /proc/self/ns/net against
 * every name under /var/run/netns, equal when device and inode are; the last match in
 * directory order wins, as there. In-process: one process fewer before the first output.
 */
import { opendirSync, statSync, type BigIntStats } from 'node:fs';
import { debugEvent, debugging } from './debug.js';

/** Where iproute2 keeps the names of namespaces (NETNS_RUN_DIR). */
export const NETNS_RUN_DIR = '/var/run/netns';

/** Whether `path` is the file `own` stats as; a path that cannot be stat'ed is not (ip skips it). */
function sameFile(path: string, own: BigIntStats): boolean {
  try {
    const st = statSync(path, { bigint: true });
    return st.dev === own.dev && st.ino === own.ino;
  } catch {
    return false;
  }
}

/** The namespace's name, or undefined when it has none (or it cannot be told). */
export function identifyNetns(
  self = '/proc/self/ns/net',
  runDir = NETNS_RUN_DIR,
): string | undefined {
  const started = Date.now();
  let name: string | undefined;
  let error: string | undefined;
  let seen = 0;
  try {
    const own = statSync(self, { bigint: true });
    const dir = opendirSync(runDir);
    try {
      // readSync, not readdir: in the directory's own order, which decides between two names.
      for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
        seen++;
        if (sameFile(`${runDir}/${entry.name}`, own)) name = entry.name;
      }
    } finally {
      dir.closeSync();
    }
  } catch (e) {
    // No /var/run/netns: no names, as ip says. Anything else: not told.
    error = (e as NodeJS.ErrnoException).code ?? 'failed';
    name = undefined;
  }
  if (debugging()) {
    const durationMs = Date.now() - started;
    debugEvent({
      kind: 'listed',
      path: runDir,
      durationMs,
      size: error === undefined ? seen : null,
      ...(error !== undefined ? { error } : {}),
    });
  }
  return name;
}
