/**
 * Names for discovered addresses: reverse DNS and /etc/hosts through the system resolver
 * (`getent hosts`, so nsswitch.conf is honoured). Lookups start while the sweep runs, in
 * chunks as hosts come in, and the report waits for them only up to a deadline counted from
 * the first lookup: a resolver that does not answer (glibc retries for seconds) costs that
 * much, once. Lookups still running at the deadline are killed.
 */
import { runCommand } from '../../system/run.js';
import { parseGetentHosts } from './getent.js';
import { sleep } from './channel.js';

const CHUNK = 32;
const GATHER_MS = 50;

export interface NameLookups {
  /** Asks for the name of an address (once per address). */
  readonly add: (ip: string) => void;
  /** Waits for the lookups asked so far, until the deadline; then stops the rest. */
  readonly finish: () => Promise<void>;
}

export function nameLookups(
  signal: AbortSignal,
  onName: (ip: string, name: string) => void,
  timeoutMs: number,
): NameLookups {
  const stop = new AbortController();
  const abort = () => stop.abort();
  signal.addEventListener('abort', abort, { once: true });
  const asked = new Set<string>();
  const pending: string[] = [];
  const running = new Set<Promise<void>>();
  let firstAt: number | null = null;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    while (pending.length > 0 && !stop.signal.aborted) {
      const chunk = pending.splice(0, CHUNK);
      const run = runCommand(['getent', 'hosts', ...chunk], {
        timeoutMs,
        signal: stop.signal,
      }).then((out) => {
        // getent exits 2 when some key had no entry; the lines it printed still count.
        if (!stop.signal.aborted)
          for (const [ip, name] of parseGetentHosts(out.stdout)) onName(ip, name);
      });
      running.add(run);
      void run.finally(() => running.delete(run));
    }
  };

  return {
    add: (ip) => {
      if (asked.has(ip) || stop.signal.aborted) return;
      asked.add(ip);
      pending.push(ip);
      firstAt ??= Date.now();
      timer ??= setTimeout(flush, GATHER_MS);
    },
    finish: async () => {
      if (timer) clearTimeout(timer);
      flush();
      const left = (firstAt ?? Date.now()) + timeoutMs - Date.now();
      if (running.size > 0 && left > 0) {
        await Promise.race([Promise.all([...running]), sleep(left, stop.signal)]);
      }
      stop.abort();
      signal.removeEventListener('abort', abort);
    },
  };
}
