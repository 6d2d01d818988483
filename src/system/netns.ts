/**
 * Network namespaces for `plan --prove`: create, configure with `ip` (argv arrays, or
 * `ip -batch` on standard input), run a command inside, delete, on the box an access reaches
 * (this machine, or a remote one). Nothing here links a namespace to the root namespace;
 * callers build veth pairs whose both ends are created directly inside namespaces
 * (`ip link add A netns X type veth peer name B netns Y`).
 */
import { parseCapEff } from './capabilities.js';
import { checkedOutput, type CommandOutput } from './run.js';
import type { HostAccess } from './access.js';

/** CAP_NET_ADMIN (12) makes links and routes; CAP_SYS_ADMIN (21) mounts /run/netns. */
const NEEDED_BITS = [12n, 21n];

/** What --prove does with namespaces on one box (plan/prove.ts ProveDeps, and canBuild). */
export type Namespaces = ReturnType<typeof namespacesOn>;

export function namespacesOn(access: HostAccess) {
  const tool = async (argv: readonly string[], options: Parameters<HostAccess['run']>[1]) =>
    checkedOutput(await access.run(argv, options), options);
  return {
    /** Whether the box lets netdoctor build namespaces: root, or both capabilities. */
    canBuild: async (): Promise<boolean> => {
      if ((await access.identity()).uid === 0) return true;
      const read = await access.readFile('/proc/self/status');
      const eff = read.text === null ? null : parseCapEff(read.text);
      return eff !== null && NEEDED_BITS.every((b) => (eff & (1n << b)) !== 0n);
    },
    addNamespace: async (name: string, signal?: AbortSignal): Promise<void> => {
      await tool(['ip', 'netns', 'add', name], signal ? { signal } : {});
    },
    /** Deletes a namespace (and every interface in it); never throws. */
    deleteNamespace: async (name: string): Promise<boolean> =>
      (await access.run(['ip', 'netns', 'del', name])).exitCode === 0,
    /** `ip [-n NS] -batch -` with one `ip` command per line; throws on the first that fails. */
    ipBatch: async (
      ns: string | null,
      lines: readonly string[],
      signal?: AbortSignal,
    ): Promise<void> => {
      if (lines.length === 0) return;
      await tool(['ip', ...(ns ? ['-n', ns] : []), '-batch', '-'], {
        input: `${lines.join('\n')}\n`,
        ...(signal ? { signal } : {}),
      });
    },
    /** `ip -n NS ARGS...`, recorded whatever happened (a refused route is an answer). */
    ipIn: (ns: string, args: readonly string[], signal?: AbortSignal): Promise<CommandOutput> =>
      access.run(['ip', '-n', ns, ...args], signal ? { signal } : {}),
    /** Runs argv inside the namespace (`ip netns exec NS ...`), recorded whatever happened. */
    execIn: (
      ns: string,
      argv: readonly string[],
      options: { signal?: AbortSignal; timeoutMs?: number } = {},
    ): Promise<CommandOutput> => access.run(['ip', 'netns', 'exec', ns, ...argv], options),
  };
}

/**
 * A prefix no other run can hold: `ndp` + this pid + random hex. Short, because veth
 * peers are named inside namespaces (15 characters) and the prefix only names namespaces.
 */
export function uniqueNamespacePrefix(): string {
  // The global Web Crypto, not node:crypto: importing that costs every start 10 ms (issue 20).
  const random = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(3)));
  return `ndp${process.pid.toString(36)}${random.toString('hex')}`;
}
