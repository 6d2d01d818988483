/**
 * The duplicate check: every IPv4 address that answered the sweep is asked once more with
 * iputils arping. arping reads every reply from its raw socket, so two machines answering
 * one broadcast request are both printed; the kernel (which the sweep goes through) keeps
 * only the first. Debian's iputils-arping carries cap_net_raw, so this works without root.
 * Where the binary cannot open its socket it fails at once, and the check says so once, as
 * a limit of the run.
 *
 * The addresses go in batches, one process tree each (batchArgv: xargs starts one arping per
 * address, `timeout` ends each after a short window): a duplicate's second reply follows the
 * first within milliseconds, and a single host's run would otherwise hold out for arping's
 * whole second (-w takes whole seconds only). The sweep asks its unanswered addresses again
 * the same way (kernel.ts), with its grace as the window.
 */
import { performance } from 'node:perf_hooks';
import { runCommand } from '../../system/run.js';
import { streamLines } from '../../system/stream.js';
import { parseArpingOutput, replyMacs } from '../../parse/arping.js';
import { arpingFlavour } from '../../parse/tool-versions.js';
import { readNeighbours } from './neighbours.js';
import type { ScanEvent } from './types.js';

/** How long a run waits for another MAC after its first reply. */
export const DUPLICATE_WINDOW_MS = 100;

/** The argv for one address: two replies or one second, whichever comes first. */
export function duplicateArgv(iface: string, ip: string): string[] {
  return ['arping', '-c', '2', '-w', '1', '-I', iface, ip];
}

/** What one address's arping said: the MACs that answered (in order), with its lines. */
export interface RunOutcome {
  readonly macs: readonly string[];
  readonly lines: readonly string[];
  /** The command that asks this address alone (the evidence's source). */
  readonly source: string;
}

/** arpings of one batch running at once (each a small process, started by xargs). */
export const BATCH_PARALLEL = 128;
/** The process group's bound: every arping ends by itself within its second anyway. */
const BATCH_DEADLINE_S = 30;

/**
 * One process tree asks many addresses, one arping each, instead of one process started by
 * us per address: starting a child from Node blocks its event loop (a fork of a large
 * process, then exec), 20-35 ms each on a loaded 2-core machine, so 121 of them held the
 * sweep up for seconds. xargs starts them (the addresses on its standard input, no shell);
 * `timeout` leads their process group, so stopping it stops every arping.
 */
export function batchArgv(iface: string, parallel: number): string[] {
  const arping = duplicateArgv(iface, '').slice(0, -1);
  return [
    'timeout',
    '-s',
    'INT',
    String(BATCH_DEADLINE_S),
    'xargs',
    '-P',
    String(parallel),
    '-n',
    '1',
    ...arping,
  ];
}

const REPLY = /^(?:Unicast|Broadcast) reply from (\S+) \[/;

/**
 * When a batch has said all it will: every address answered, and the last answer is
 * DUPLICATE_WINDOW_MS old (another MAC answering the same broadcast follows within
 * milliseconds). An address that stays silent (it answered the sweep, so it has just left)
 * lets its arping end by itself, within its second. Fed each line with the monotonic time
 * it came; pure. (arping writes its `ARPING ip from` line only with its first reply or its
 * end, so when each one started cannot be read.)
 */
export class BatchWatch {
  private readonly replied = new Set<string>();
  private lastReplyAt = 0;

  constructor(private readonly ips: ReadonlySet<string>) {}

  line(line: string, at: number): void {
    const reply = REPLY.exec(line)?.[1];
    if (reply === undefined || !this.ips.has(reply)) return;
    this.replied.add(reply);
    this.lastReplyAt = at;
  }

  /** When the batch may be stopped (monotonic ms), or null while an address is silent. */
  stopAt(): number | null {
    return this.replied.size < this.ips.size ? null : this.lastReplyAt + DUPLICATE_WINDOW_MS;
  }
}

/** What a batch said: each address's outcome (as if run alone), and arping's refusal. */
export interface BatchOutcome {
  readonly byIp: ReadonlyMap<string, RunOutcome>;
  readonly denied: string | null;
}

/**
 * Reads a batch's output: the replies sorted to their address (every iputils reply line
 * names the address that answered; each arping writes a line at a time), and arping's own
 * words when it could not open its socket.
 */
export function readBatchRun(
  iface: string,
  ips: readonly string[],
  stdout: string,
  stderr: string,
): BatchOutcome {
  const replies = parseArpingOutput('iputils', 'ping', {
    argv: [],
    exitCode: 0,
    stdout,
    stderr: '',
  }).replies;
  const byIp = new Map<string, RunOutcome>();
  for (const ip of ips) {
    const mine = replies.filter((r) => r.ip === ip);
    byIp.set(ip, {
      macs: replyMacs(mine),
      lines: mine.map((r) => r.line),
      source: duplicateArgv(iface, ip).join(' '),
    });
  }
  const denied = stderr
    .split('\n')
    .find((line) => /Operation not permitted|CAP_NET_RAW|Permission denied/i.test(line));
  return { byIp, denied: denied?.trim() ?? null };
}

/**
 * Asks every address of `ips` once, in one process tree (batchArgv), and stops it as soon as
 * BatchWatch says all is in: a single host's arping would otherwise wait its whole second
 * for a second reply (-w takes whole seconds only). With `noReplyMs` (the sweep asking its
 * unanswered addresses again, most of which stay silent), it is stopped that long after it
 * started at the latest.
 */
export async function askManyWithArping(
  iface: string,
  ips: readonly string[],
  signal: AbortSignal,
  noReplyMs?: number,
): Promise<BatchOutcome> {
  if (ips.length === 0) return { byIp: new Map(), denied: null };
  const watch = new BatchWatch(new Set(ips));
  const stdout: string[] = [];
  const stderr: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const child = await streamLines(batchArgv(iface, Math.min(ips.length, BATCH_PARALLEL)), {
    signal,
    input: `${ips.join('\n')}\n`,
    onLine: (line) => {
      stdout.push(line);
      watch.line(line, performance.now());
      const at = watch.stopAt();
      if (at === null) return;
      clearTimeout(timer);
      timer = setTimeout(() => child.stop(), Math.max(0, at - performance.now()));
    },
    // Without the capability every arping fails at once: they end by themselves.
    onErrorLine: (line) => stderr.push(line),
  });
  const deadline = noReplyMs === undefined ? undefined : setTimeout(() => child.stop(), noReplyMs);
  await child.done;
  clearTimeout(timer);
  clearTimeout(deadline);
  return readBatchRun(iface, ips, stdout.join('\n'), stderr.join('\n'));
}

/** Why this host's arping cannot do the check, or null when it is iputils' arping. */
export async function arpingProblem(signal: AbortSignal): Promise<string | null> {
  const version = await runCommand(['arping', '-V'], { timeoutMs: 5000, signal });
  if (version.error === 'not-installed') {
    return 'duplicate IPs are not checked: arping is not installed (apt-get install iputils-arping)';
  }
  if (arpingFlavour(`${version.stdout}\n${version.stderr}`, '') !== 'iputils') {
    return `duplicate IPs are not checked: ${version.resolved ?? 'arping'} is not iputils' arping (apt-get install iputils-arping)`;
  }
  return null;
}

/** The duplicate check of one interface, fed addresses as they answer the sweep. */
export interface DuplicateChecker {
  /** Asks `ip` (once), as soon as a place among the running arpings is free. */
  readonly add: (ip: string) => void;
  /** Starts no arping until `release`: addresses added meanwhile wait (a batch goes out). */
  readonly hold: () => void;
  readonly release: () => void;
  /** Waits for every address asked, then reports the duplicates (or the limit). */
  readonly finish: () => Promise<void>;
}

/**
 * How long addresses added outside a hold wait for company: the answers after a batch went
 * out (late ones, retries) come in a trickle, and each batch is one process tree.
 */
const GATHER_MS = 30;

/**
 * Asks each address added once more: every reply is a sighting (via `arping`), and an
 * address answered by two or more MACs is one `duplicate` event with the table's current
 * MAC. What it cannot do is one `limit` event. The table does not wait for it: addresses are
 * asked while the sweep goes on (in batches, askManyWithArping: the ones that answered while
 * a batch went out all at once when it has), so most of the check is over when the sweep
 * ends. Aborting kills every arping still running.
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
  // Only once an address answered: a scan that finds nobody runs no arping at all.
  let ready: Promise<boolean> | null = null;
  const check = () =>
    (ready ??= arpingProblem(stop.signal).then((p) => {
      problem = p;
      return p === null;
    }));

  const askBatch = async (ips: readonly string[]) => {
    if (!(await check()) || stop.signal.aborted) return;
    const batch = await askManyWithArping(iface, ips, stop.signal);
    if (batch.denied !== null) {
      // Without the capability every run fails the same way: say it once, stop the rest.
      denied ??= batch.denied;
      stop.abort();
      return;
    }
    // Every answer is a proof of life now (the watch counts on it); two MACs, a duplicate.
    const at = Date.now();
    for (const [ip, outcome] of batch.byIp) {
      for (const mac of outcome.macs) {
        push({
          type: 'sighting',
          sighting: { iface, ip, mac, rttMs: null, at, via: 'arping', state: null },
        });
      }
      if (outcome.macs.length > 1) found.push({ ip, outcome });
    }
  };
  const batches: Promise<void>[] = [];
  let waiting: string[] = [];
  let held = false;
  let gather: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(gather);
    gather = undefined;
    if (waiting.length === 0 || stop.signal.aborted) return;
    batches.push(askBatch(waiting));
    waiting = [];
  };
  const release = () => {
    held = false;
    flush();
  };

  return {
    add: (ip) => {
      if (asked.has(ip) || stop.signal.aborted) return;
      asked.add(ip);
      waiting.push(ip);
      if (!held) gather ??= setTimeout(flush, GATHER_MS);
    },
    hold: () => {
      held = true;
    },
    release,
    finish: async () => {
      try {
        release(); // nothing waits past the end
        if (asked.size === 0) return;
        await check();
        await Promise.all(batches);
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
        const held = table.records.find((n) => n.dev === iface && n.dst === ip)?.lladdr ?? null;
        push({
          type: 'duplicate',
          iface,
          ip,
          macs: outcome.macs,
          current: held,
          source: outcome.source,
          lines: outcome.lines,
        });
      }
    },
  };
}
