/**
 * The duplicate check: after a sweep, every IPv4 address that answered is asked once more
 * with iputils arping, many at a time. arping reads every reply from its raw socket, so two
 * machines answering one broadcast request are both printed; the kernel (which the sweep
 * goes through) keeps only the first. Debian's iputils-arping carries cap_net_raw, so this
 * works without root. Where the binary cannot open its socket it fails at once, and the
 * check says so once, as a limit of the run.
 *
 * `arping -c 2 -w 1` waits for two replies or one second (-w takes whole seconds only): a
 * duplicate ends it within milliseconds, a single host would hold it the full second. So
 * each run is stopped ourselves a short window after its first reply: the second machine
 * answered the same broadcast, and on a LAN its reply follows within a few milliseconds.
 */
import { setMaxListeners } from 'node:events';
import { runCommand } from '../../system/run.js';
import { streamLines } from '../../system/stream.js';
import { parseArpingOutput, replyMacs } from '../../parse/arping.js';
import { arpingFlavour } from '../../parse/tool-versions.js';
import { readNeighbours } from './neighbours.js';
import type { ScanEvent } from './types.js';
import { workerPool } from './pool.js';

/** arping runs at once: each is a process and one broadcast, most of them waiting. */
export const ARPING_CONCURRENCY = 64;
/** How long a run waits for another MAC after its first reply. */
export const DUPLICATE_WINDOW_MS = 100;

/** The argv for one address: two replies or one second, whichever comes first. */
export function duplicateArgv(iface: string, ip: string): string[] {
  return ['arping', '-c', '2', '-w', '1', '-I', iface, ip];
}

export interface RunOutcome {
  readonly macs: readonly string[];
  readonly lines: readonly string[];
  readonly source: string;
  /** arping's own first error line when it could not send (no capability). */
  readonly denied: string | null;
}

/**
 * One arping run for `ip`: stopped a short window after its first reply (another MAC
 * answering the same broadcast follows within milliseconds), or, with `noReplyMs`, that long
 * after it started when nothing answered (the sweep's retry of an unanswered address: a
 * whole second of -w is far longer than a LAN needs).
 */
export async function askWithArping(
  iface: string,
  ip: string,
  signal: AbortSignal,
  noReplyMs?: number,
): Promise<RunOutcome> {
  const argv = duplicateArgv(iface, ip);
  const stdout: string[] = [];
  const stderr: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let quiet: NodeJS.Timeout | undefined;
  const child = await streamLines(argv, {
    signal,
    onLine: (line) => {
      stdout.push(line);
      if (timer === undefined && /^(?:Unicast|Broadcast) reply from /.test(line)) {
        if (quiet) clearTimeout(quiet);
        timer = setTimeout(() => child.stop(), DUPLICATE_WINDOW_MS);
      }
    },
    onErrorLine: (line) => stderr.push(line),
  });
  if (noReplyMs !== undefined) quiet = setTimeout(() => child.stop(), noReplyMs);
  const { exitCode } = await child.done;
  if (timer) clearTimeout(timer);
  if (quiet) clearTimeout(quiet);
  return readDuplicateRun(argv, exitCode, stdout.join('\n'), stderr.join('\n'));
}

/**
 * What one run said: the MACs that answered (in order), their lines, and arping's own
 * words when it could not open its socket. A run we stopped after its window (exit null)
 * still counts its printed replies.
 */
export function readDuplicateRun(
  argv: readonly string[],
  exitCode: number | null,
  stdout: string,
  stderr: string,
): RunOutcome {
  const parsed = parseArpingOutput('iputils', 'ping', { argv, exitCode, stdout, stderr });
  return {
    macs: replyMacs(parsed.replies),
    lines: parsed.replies.map((r) => r.line),
    source: argv.join(' '),
    denied: parsed.failure?.kind === 'no-privilege' ? parsed.failure.message : null,
  };
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
  /** Waits for every address asked, then reports the duplicates (or the limit). */
  readonly finish: () => Promise<void>;
}

/**
 * Asks each address added once more: every reply is a sighting (via `arping`), and an
 * address answered by two or more MACs is one `duplicate` event with the table's current
 * MAC. What it cannot do is one `limit` event. The table does not wait for it: addresses are
 * asked while the sweep goes on, so most of the check is over when the sweep ends. Aborting
 * kills every arping still running.
 */
export function duplicateChecker(
  iface: string,
  signal: AbortSignal,
  push: (e: ScanEvent) => void,
): DuplicateChecker {
  const stop = new AbortController();
  // Every running arping listens on it until it ends: ARPING_CONCURRENCY at once is not a
  // leak, but Node warns on stderr past 10 listeners.
  setMaxListeners(0, stop.signal);
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

  const askOne = async (ip: string) => {
    if (!(await check()) || stop.signal.aborted) return;
    const outcome = await askWithArping(iface, ip, stop.signal);
    if (outcome.denied !== null) {
      // Without the capability every run fails the same way: say it once, stop the rest.
      denied ??= outcome.denied;
      stop.abort();
      return;
    }
    // Every answer is a proof of life now (the watch counts on it); two MACs, a duplicate.
    const at = Date.now();
    for (const mac of outcome.macs) {
      push({
        type: 'sighting',
        sighting: { iface, ip, mac, rttMs: null, at, via: 'arping', state: null },
      });
    }
    if (outcome.macs.length > 1) found.push({ ip, outcome });
  };
  const pool = workerPool(ARPING_CONCURRENCY, askOne, stop.signal);

  return {
    add: (ip) => {
      if (asked.has(ip) || stop.signal.aborted) return;
      asked.add(ip);
      pool.add(ip);
    },
    finish: async () => {
      try {
        if (asked.size === 0) return;
        await check();
        await pool.idle();
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
