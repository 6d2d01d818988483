/**
 * The duplicate check of one interface while its sweep runs: every address that answered is
 * asked once more with arping (arping-check.ts says why), through ONE process tree that is
 * fed each address as the sweep reports it. The arpings run while later addresses are still
 * being asked and the sweep's grace runs, so most of the check is over when the sweep ends;
 * the tree is closed then, and stopped once every address answered and had its window.
 *
 * Why one tree: every process costs this machine its start (about 7 ms of CPU for an arping
 * on a small VM, 10-20 ms of Node's event loop for a child Node starts itself). A tree per
 * batch of answers started a child of Node's each time and waited for the batch to go out
 * first; a tree fed as the answers come starts once, and xargs starts each arping the moment
 * its address arrives. It runs niced (streamArgv): while the sweep still sends and reads
 * answers, the sweep gets the CPU first, and the arpings what is left (at one answer per
 * address, 120 arpings are most of a /24 scan's CPU).
 */
import { readNeighbours } from './neighbours.js';
import {
  arpingProblem,
  openArpingTree,
  type ArpingTree,
  type BatchOutcome,
  type RunOutcome,
  streamArgv,
} from './arping-check.js';
import type { ScanEvent } from './types.js';

/** The duplicate check of one interface, fed addresses as they answer the sweep. */
export interface DuplicateChecker {
  /** Asks `ip` (once), at once. */
  readonly add: (ip: string) => void;
  /** Waits for every address asked, then reports the duplicates (or the limit). */
  readonly finish: () => Promise<void>;
}

/**
 * Asks each address added once more: every reply is a sighting (via `arping`), and an
 * address answered by two or more MACs is one `duplicate` event with the table's current
 * MAC. What it cannot do is one `limit` event. Aborting kills every arping still running.
 */
export function duplicateChecker(
  iface: string,
  signal: AbortSignal,
  push: (e: ScanEvent) => void,
): DuplicateChecker {
  const stop = new AbortController();
  const abort = () => stop.abort();
  signal.addEventListener('abort', abort, { once: true });
  const asked = new Set<string>();
  const found: { ip: string; outcome: RunOutcome }[] = [];
  let denied: string | null = null;
  let problem: string | null = null;
  // Only once an address is asked (the sweep's set-up has learnt it by then, with its own
  // reads: learnArping): a scan that finds nobody runs no arping at all.
  let ready: Promise<boolean> | null = null;
  const check = () =>
    (ready ??= arpingProblem(stop.signal).then((p) => {
      problem = p;
      return p === null;
    }));

  const ended: Promise<void>[] = [];
  const heard = (outcome: BatchOutcome) => {
    if (outcome.denied !== null) {
      // Without the capability every arping fails the same way: say it once, ask no more.
      denied ??= outcome.denied;
      stop.abort();
      return;
    }
    // Every answer is a proof of life now (the watch counts on it); two MACs, a duplicate.
    const at = Date.now();
    for (const [ip, o] of outcome.byIp) {
      for (const mac of o.macs) {
        push({
          type: 'sighting',
          sighting: { iface, ip, mac, rttMs: null, at, via: 'arping', state: null },
        });
      }
      if (o.macs.length > 1) found.push({ ip, outcome: o });
    }
  };
  /** The tree being fed; a new one when it has ended (its deadline) while the sweep goes on. */
  let tree: ArpingTree | null = null;
  const feed = async (ips: readonly string[]) => {
    if (!(await check()) || stop.signal.aborted) return;
    if (tree !== null && !tree.ended()) {
      for (const ip of ips) tree.ask(ip);
      return;
    }
    tree = await openArpingTree(streamArgv(iface), iface, stop.signal, ips);
    ended.push(tree.done.then(heard));
  };
  // One feed at a time, in order: the first starts the tree, the next ones ask it.
  let feeding: Promise<void> = Promise.resolve();
  let waiting: string[] = [];
  const flush = () => {
    if (waiting.length === 0 || stop.signal.aborted) return;
    const ips = waiting;
    waiting = [];
    feeding = feeding.then(() => feed(ips));
  };

  return {
    add: (ip) => {
      if (asked.has(ip) || stop.signal.aborted) return;
      asked.add(ip);
      waiting.push(ip);
      flush();
    },
    finish: async () => {
      try {
        if (asked.size === 0) return;
        await feeding;
        tree?.close();
        await Promise.all(ended);
      } finally {
        signal.removeEventListener('abort', abort);
      }
      if (signal.aborted) return;
      if (problem !== null) {
        push({ type: 'limit', message: problem });
        return;
      }
      if (denied !== null) {
        push({
          type: 'limit',
          message: `duplicate IPs are not checked: arping cannot open a raw socket here (${denied}); it needs cap_net_raw on the binary (setcap cap_net_raw+ep $(command -v arping)) or root`,
        });
        return;
      }
      if (found.length === 0) return;
      const table = await readNeighbours('inet', signal);
      for (const { ip, outcome } of found.sort((a, b) => a.ip.localeCompare(b.ip))) {
        const current = table.records.find((n) => n.dev === iface && n.dst === ip)?.lladdr ?? null;
        push({
          type: 'duplicate',
          iface,
          ip,
          macs: outcome.macs,
          current,
          source: outcome.source,
          lines: outcome.lines,
        });
      }
    },
  };
}
