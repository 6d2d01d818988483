/**
 * Network namespaces for `plan --prove`: create, configure with `ip` (argv arrays, or
 * `ip -batch` on standard input), run a command inside, delete. Nothing here links a
 * namespace to the root namespace; callers build veth pairs whose both ends are created
 * directly inside namespaces (`ip link add A netns X type veth peer name B netns Y`).
 */
import { randomBytes } from 'node:crypto';
import { readTextFile } from './files.js';
import { parseCapEff } from './capabilities.js';
import { runCommand, runTool, type CommandOutput } from './run.js';

/** CAP_NET_ADMIN (12) makes links and routes; CAP_SYS_ADMIN (21) mounts /run/netns. */
const NEEDED_BITS = [12n, 21n];

/** Whether this process may build namespaces: root, or both capabilities. */
export async function canBuildNamespaces(): Promise<boolean> {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return true;
  const read = await readTextFile('/proc/self/status');
  const eff = read.text === null ? null : parseCapEff(read.text);
  return eff !== null && NEEDED_BITS.every((b) => (eff & (1n << b)) !== 0n);
}

/**
 * A prefix no other run can hold: `ndp` + this pid + random hex. Short, because veth
 * peers are named inside namespaces (15 characters) and the prefix only names namespaces.
 */
export function uniqueNamespacePrefix(): string {
  return `ndp${process.pid.toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function addNamespace(name: string, signal?: AbortSignal): Promise<void> {
  await runTool(['ip', 'netns', 'add', name], signal ? { signal } : {});
}

/** Deletes a namespace (and every interface in it); never throws. */
export async function deleteNamespace(name: string): Promise<boolean> {
  const out = await runCommand(['ip', 'netns', 'del', name]);
  return out.exitCode === 0;
}

/** The names of the namespaces that exist now. */
export async function listNamespaces(): Promise<string[]> {
  const out = await runCommand(['ip', 'netns', 'list']);
  return out.stdout
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter(Boolean);
}

/** `ip [-n NS] -batch -` with one `ip` command per line; throws on the first that fails. */
export async function ipBatch(
  ns: string | null,
  lines: readonly string[],
  signal?: AbortSignal,
): Promise<void> {
  if (lines.length === 0) return;
  await runTool(['ip', ...(ns ? ['-n', ns] : []), '-batch', '-'], {
    input: `${lines.join('\n')}\n`,
    ...(signal ? { signal } : {}),
  });
}

/** `ip -n NS ARGS...`, recorded whatever happened (a refused route is an answer, not an error). */
export function ipIn(
  ns: string,
  args: readonly string[],
  signal?: AbortSignal,
): Promise<CommandOutput> {
  return runCommand(['ip', '-n', ns, ...args], signal ? { signal } : {});
}

/** Runs argv inside the namespace (`ip netns exec NS ...`), recorded whatever happened. */
export function execIn(
  ns: string,
  argv: readonly string[],
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<CommandOutput> {
  return runCommand(['ip', 'netns', 'exec', ns, ...argv], options);
}
