/**
 * Names for discovered addresses: reverse DNS and /etc/hosts through the system resolver
 * (`getent hosts`, so nsswitch.conf is honoured). Lookups start while the sweep runs, in
 * chunks as hosts come in, and the report waits for them only up to a deadline counted from
 * the first lookup: a resolver that does not answer (glibc retries for seconds) costs that
 * much, once. Lookups still running at the deadline are killed.
 *
 * And multicast DNS (mdnsLookups): the same addresses asked of the LAN itself, where devices
 * that no resolver knows (a Pi is raspberrypi.local) name themselves. Only during a sweep.
 */
import { setMaxListeners } from 'node:events';
import { runCommand } from '../../system/run.js';
import { openMdnsAsker } from '../../system/mdns.js';
import { readTextFile } from '../../system/files.js';
import { parseEtcHosts, parseGetentHosts } from './getent.js';
import { namesFromResponse, reverseName } from './mdns-names.js';
import { sleep } from './channel.js';
import { workerPool } from './pool.js';

const CHUNK = 32;
/**
 * getent processes at once: a slow resolver holds each for its whole timeout, and 200 hosts
 * with their IPv6 neighbours are 13 chunks.
 */
const GETENT_CONCURRENCY = 8;

/** The names /etc/hosts gives each address: how a resolver answer is told from DNS. */
export async function etcHostsNames(): Promise<Map<string, string[]>> {
  const read = await readTextFile('/etc/hosts');
  return read.text === null ? new Map() : parseEtcHosts(read.text);
}
/** The first (canonical) name /etc/hosts gives each address, as `getent hosts` answers it. */
export async function etcHostsFirstNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [ip, all] of await etcHostsNames()) if (all[0] !== undefined) names.set(ip, all[0]);
  return names;
}

const GATHER_MS = 50;

export interface NameLookups {
  /** Asks for the name of an address (once per address). */
  readonly add: (ip: string) => void;
  /** Waits for the lookups asked so far, until the deadline; then stops the rest. */
  readonly finish: () => Promise<void>;
}

/** Lookups that can be held back a while (each getent is a process Node starts). */
export interface HeldLookups extends NameLookups {
  /** Starts no lookup until `release`: addresses added meanwhile wait (a batch goes out). */
  readonly hold: () => void;
  readonly release: () => void;
}

export function nameLookups(
  signal: AbortSignal,
  onName: (ip: string, name: string) => void,
  timeoutMs: number,
  /** Told when the resolver is done with addresses, named or not. */
  onSettled: (ips: readonly string[]) => void = () => {},
): HeldLookups {
  const stop = new AbortController();
  // Every running getent chunk listens on this signal (execa's cancelSignal) until it ends:
  // 200 hosts with their IPv6 neighbours are 13 chunks at once when the resolver is slow,
  // which is not a leak, but Node warns on stderr past 10 listeners.
  setMaxListeners(0, stop.signal);
  const abort = () => stop.abort();
  signal.addEventListener('abort', abort, { once: true });
  const asked = new Set<string>();
  const pending: string[] = [];
  let firstAt: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  let held = false;
  const lookups = workerPool(
    GETENT_CONCURRENCY,
    async (chunk: readonly string[]) => {
      const out = await runCommand(['getent', 'hosts', ...chunk], {
        timeoutMs,
        signal: stop.signal,
      });
      // getent exits 2 when some key had no entry; the lines it printed still count.
      if (!stop.signal.aborted)
        for (const [ip, name] of parseGetentHosts(out.stdout)) onName(ip, name);
      onSettled(chunk);
    },
    stop.signal,
  );

  const flush = () => {
    timer = undefined;
    while (pending.length > 0 && !stop.signal.aborted) lookups.add(pending.splice(0, CHUNK));
  };

  return {
    add: (ip) => {
      if (asked.has(ip) || stop.signal.aborted) return;
      asked.add(ip);
      pending.push(ip);
      firstAt ??= Date.now();
      if (!held) timer ??= setTimeout(flush, GATHER_MS);
    },
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      if (pending.length > 0) timer ??= setTimeout(flush, 0);
    },
    finish: async () => {
      held = false;
      if (timer) clearTimeout(timer);
      flush();
      const left = (firstAt ?? Date.now()) + timeoutMs - Date.now();
      if (lookups.pending() > 0 && left > 0) {
        await Promise.race([lookups.idle(), sleep(left, stop.signal)]);
      }
      stop.abort();
      signal.removeEventListener('abort', abort);
    },
  };
}

/** Questions per mDNS query: 16 reverse names keep a query far below one packet. */
const MDNS_QUESTIONS = 16;
/**
 * How long the report waits for mDNS answers after the last query. A responder answers a
 * question about its own (unique) record at once (RFC 6762 6): in the lab the name came back
 * within milliseconds, so 300 ms leaves room for a busy Pi and costs little, as it overlaps
 * the resolver's wait. Hosts without a responder (most non-Pis) never answer, so the wait
 * ends here, not when every host has answered.
 */
const MDNS_ANSWER_MS = 300;

/**
 * Asks the LAN, from `localAddress` on interface `iface`, the mDNS name of each address added
 * (one-shot PTR queries for d.c.b.a.in-addr.arpa, in batches as hosts come in). A socket that
 * cannot be opened or a query that cannot be sent (no multicast route) is one warning, and
 * names then come from the resolver only. The socket closes on finish or abort.
 */
export function mdnsLookups(
  signal: AbortSignal,
  iface: string,
  localAddress: string,
  onName: (ip: string, name: string) => void,
  onWarning: (message: string) => void,
): NameLookups {
  const stop = new AbortController();
  const abort = () => stop.abort();
  signal.addEventListener('abort', abort, { once: true });
  const asked = new Set<string>();
  const answered = new Set<string>();
  const pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let lastSentAt = 0;
  let warned = false;
  let allAnswered: () => void = () => {};

  const warn = (what: string) => {
    if (warned) return;
    warned = true;
    onWarning(`mDNS names on ${iface}: ${what}; names come from the resolver only`);
  };
  const asker = openMdnsAsker(localAddress, stop.signal, (packet) => {
    for (const [ip, name] of namesFromResponse(packet, asked)) {
      if (answered.has(ip)) continue;
      answered.add(ip);
      onName(ip, name);
    }
    if (answered.size === asked.size) allAnswered();
  });
  void asker.then((a) => {
    if (typeof a === 'string') warn(`cannot open a socket on ${localAddress} (${a})`);
  });

  // One query at a time, in the order the hosts came: the socket is one, and so is its buffer.
  const sending = workerPool(1, (ips: readonly string[]) => send(ips), stop.signal);
  async function send(ips: readonly string[]) {
    const a = await asker;
    for (let i = 0; i < ips.length && typeof a !== 'string' && !stop.signal.aborted;) {
      const chunk = ips.slice(i, (i += MDNS_QUESTIONS));
      lastSentAt = Date.now();
      const err = await a.askPtr(chunk.map(reverseName));
      if (err === 'ENETUNREACH') warn('no route for multicast (224.0.0.0/4) on this interface');
      else if (err && err !== 'ECLOSED') warn(`cannot send a query (${err})`);
      if (err) return;
    }
  }
  const flush = () => {
    timer = undefined;
    const ips = pending.splice(0);
    if (ips.length > 0) sending.add(ips);
  };

  return {
    add: (ip) => {
      // IPv4 only: IPv6 neighbours are folded under their IPv4 host, which is asked.
      if (ip.includes(':') || asked.has(ip) || stop.signal.aborted) return;
      asked.add(ip);
      pending.push(ip);
      timer ??= setTimeout(flush, GATHER_MS);
    },
    finish: async () => {
      if (timer) clearTimeout(timer);
      flush();
      await sending.idle();
      const left = lastSentAt + MDNS_ANSWER_MS - Date.now();
      if (!warned && answered.size < asked.size && left > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (allAnswered = resolve)),
          sleep(left, stop.signal),
        ]);
      }
      stop.abort();
      signal.removeEventListener('abort', abort);
    },
  };
}
