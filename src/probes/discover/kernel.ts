/**
 * The kernel backend: discovery without privilege. One empty UDP datagram to each address
 * of an on-link prefix makes the kernel ARP for it; whoever answers becomes a valid entry
 * of the neighbour table, which `ip monitor neigh` announces the moment it happens (our
 * RTT: datagram sent to entry valid). Batches keep the table under gc_thresh3. After each
 * batch the table itself is read, so an announcement the monitor missed is not a host missed.
 *
 * The sweep is named steps (sweep.ts) over a port (sweep-port.ts: every OS effect and the
 * clocks, implemented here for this host by osSweepPort) and a pure fold (sweep-fold.ts: what
 * arrived → new state and what to do), in mtr's shape: wait for activity (an answer, or the
 * next deadline), receive what came, check the timeouts. A
 * batch ends when every address answered or had its one retry (asked again by arping after a
 * grace measured from the answers, or by the kernel itself): see sweep-fold.ts.
 *
 * What it cannot see: a second MAC answering for one address. The kernel keeps the first
 * answer and drops later ones silently (within its locktime); discover() asks every answered
 * address again with arping (duplicate-check.ts), which reads every reply from a raw socket.
 */
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { openDatagramSender, type DatagramSender } from '../../system/udp.js';
import { streamLines } from '../../system/stream.js';
import { readTextFile } from '../../system/files.js';
import { checkedOutput, runCommand, type CommandOutput } from '../../system/run.js';
import { runAll } from '../../system/run-all.js';
import { parseIpLink } from '../../parse/ip-link.js';
import { parseIpRoute } from '../../parse/ip-route.js';
import { PROC_NET_ARP, parseProcNetArp } from '../../parse/proc-net-arp.js';
import { produce } from './channel.js';
import { parseMonitorLine } from './monitor-line.js';
import { neighboursArgv, neighboursFrom, readNeighbours } from './neighbours.js';
import { isValidState } from './pacing.js';
import { SOFTNET_STAT_PATH, softnetDrops } from './softnet.js';
import {
  ARPING_VERSION_ARGV,
  arpingProblem,
  askManyWithArping,
  learnArping,
} from './arping-check.js';
import { sweepRouteProblem } from './target.js';
import { GC_THRESH3_PATH, sweep } from './sweep.js';
import type { SweepPort } from './sweep-port.js';
import type { ScanEvent, ScanOptions, ScanTarget, Scanner } from './types.js';

export { GC_THRESH3_PATH } from './sweep.js';
/** The discard port: nothing should listen, and an answer (port unreachable) is harmless. */
const DISCARD_PORT = 9;
/**
 * A datagram waiting for its ARP answer is charged to its socket's send buffer until the
 * address resolves or fails (3 s): one socket fills after ~200 and then blocks the sweep.
 * So each socket carries a share of the datagrams.
 */
const PER_SOCKET = 64;
/** The route check's and the table's reads: `ip` answers in milliseconds. */
const READ_TIMEOUT_MS = 5000;

export const KERNEL_LIMITS: readonly string[] = [];

export function kernelScanner(portFor: typeof osPortFor = osPortFor): Scanner {
  return {
    backend: 'kernel',
    limits: KERNEL_LIMITS,
    scan: (target, options) =>
      produce<ScanEvent>(options.signal, (push, signal) =>
        sweep(target, options, push, signal, portFor(target, options, signal)),
      ),
  };
}

function osPortFor(target: ScanTarget, options: ScanOptions, signal: AbortSignal): SweepPort {
  const check = options.checkRoute;
  if (check === undefined) return osSweepPort(target, signal, () => checkSweepRoute(target));
  const checkRoute = () => check(target);
  const readStart = async () => {
    const [route, table] = await Promise.all([checkRoute(), readNeighbours('all', signal)]);
    return { route, table };
  };
  return osSweepPort(target, signal, checkRoute, readStart);
}

/** This host's port for one target. */
export function osSweepPort(
  target: ScanTarget,
  signal: AbortSignal,
  checkRoute: () => Promise<string | null>,
  readStart: SweepPort['readStart'] = () => readSweepStart(target, signal),
): SweepPort {
  const { iface } = target;
  // Every batch of arpings asking again listens on it until it ends: a few of them are not a
  // leak, but Node warns on stderr past 10 listeners.
  const asking = new AbortController();
  setMaxListeners(0, asking.signal);
  signal.addEventListener('abort', () => asking.abort(), { once: true });
  let arping: Promise<string | null> | null = null;
  const senders: DatagramSender[] = [];
  let onSocket = PER_SOCKET;
  let wakeUp: (() => void) | null = null;
  const readNumber = async (path: string) => {
    const read = await readTextFile(path);
    const value = read.text === null ? NaN : Number(read.text.trim());
    return { value, error: read.error };
  };
  return {
    now: () => Date.now(),
    mono: () => performance.now(),
    wait: (ms) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const done = () => {
          if (timer) clearTimeout(timer);
          signal.removeEventListener('abort', done);
          wakeUp = null;
          resolve();
        };
        const timer = ms === null ? undefined : setTimeout(done, Math.max(0, ms));
        wakeUp = done;
        signal.addEventListener('abort', done, { once: true });
      }),
    wake: () => wakeUp?.(),
    readGcThresh3: async () => {
      const { value, error } = await readNumber(GC_THRESH3_PATH);
      if (Number.isInteger(value) && value > 0) return { value };
      // Inside a network namespace other than the first, the kernel does not show the
      // table's limits (they are set in the initial namespace only).
      return {
        why:
          error === 'ENOENT' ? 'not visible in this network namespace' : (error ?? 'not a number'),
      };
    },
    readRetransMs: async () => {
      const { value } = await readNumber(`/proc/sys/net/ipv4/neigh/${iface}/retrans_time_ms`);
      return Number.isInteger(value) && value > 0 && value <= 60_000 ? value : null;
    },
    readDrops: async () => softnetDrops((await readTextFile(SOFTNET_STAT_PATH)).text),
    followTable: async (onChange) => {
      const monitor = await streamLines(['ip', 'monitor', 'neigh', 'dev', iface], {
        signal,
        onLine: (line) => {
          const change = parseMonitorLine(line);
          if (change === null || typeof change === 'string' || change.deleted) return;
          if (change.lladdr === null || !isValidState(change.states)) return;
          onChange({ ip: change.dst, mac: change.lladdr, state: change.states[0] ?? null });
        },
      });
      await monitor.started;
      return {
        stop: async () => {
          monitor.stop();
          await monitor.done;
        },
      };
    },
    readTable: (family) => readNeighbours(family, signal),
    readArpCache: async () => {
      const read = await readTextFile(PROC_NET_ARP);
      if (read.text === null) return [];
      return parseProcNetArp(read.text).records.flatMap((e) =>
        e.dev === iface && e.mac !== null ? [{ ip: e.ip, mac: e.mac, state: null }] : [],
      );
    },
    checkRoute,
    readStart,
    ask: (ip) => {
      if (onSocket >= PER_SOCKET) {
        senders.push(openDatagramSender('inet', target.localAddresses[0]));
        onSocket = 0;
      }
      onSocket++;
      return senders[senders.length - 1]!.send(ip, DISCARD_PORT);
    },
    askAgain: async (ips, windowMs) => {
      const problem = await (arping ??= arpingProblem(asking.signal));
      if (problem !== null) return { cannot: problem };
      const run = await askManyWithArping(iface, ips, asking.signal, windowMs);
      if (run.denied !== null) return { cannot: run.denied };
      return { byIp: new Map([...run.byIp].map(([ip, o]) => [ip, o.macs])) };
    },
    echoIpv6: async (onAnswer) => {
      try {
        const echo = await streamLines(
          ['ping', '-6', '-n', '-c', '1', '-W', '1', `ff02::1%${iface}`],
          {
            signal,
            onLine: (line) => {
              if (/ bytes from /.test(line)) onAnswer();
            },
          },
        );
        return {
          stop: async () => {
            echo.stop();
            await echo.done;
          },
        };
      } catch (err) {
        return { error: err instanceof Error ? err.message : String(err) };
      }
    },
    close: () => senders.splice(0).forEach((s) => s.close()),
  };
}

/** The reads sweepRouteProblem needs: the interface's link and every IPv4 route. */
function routeArgvs(target: ScanTarget): string[][] {
  return [
    ['ip', '-j', 'link', 'show', 'dev', target.iface],
    ['ip', '-j', '-4', 'route', 'show'],
  ];
}

function routeProblemOf(link: CommandOutput, route: CommandOutput, target: ScanTarget) {
  return sweepRouteProblem(
    parseIpLink(checkedOutput(link, { okExitCodes: [0, 1] }).stdout).records,
    parseIpRoute(checkedOutput(route).stdout, 'inet', 'ip -j -4 route show').records,
    target,
  );
}

/**
 * sweepRouteProblem over this host's links and IPv4 routes as they are now, read again
 * before every batch (reads only): a link that drops mid-sweep stops the sweep.
 */
export async function checkSweepRoute(target: ScanTarget): Promise<string | null> {
  const [link, route] = await Promise.all(
    routeArgvs(target).map((argv) => runCommand(argv, { timeoutMs: READ_TIMEOUT_MS })),
  );
  return routeProblemOf(link!, route!, target);
}

/**
 * The set-up's reads (the route check and the whole neighbour table) through one sh, with
 * `arping -V` beside them: the duplicate check and the sweep's own retry then know whether
 * arping can ask without a process of their own, mid-sweep (it sends nothing).
 */
async function readSweepStart(target: ScanTarget, signal: AbortSignal) {
  const argvs = [...routeArgvs(target), neighboursArgv('all'), ARPING_VERSION_ARGV];
  const [link, route, neigh, arping] = await runAll(argvs, {
    timeoutMs: READ_TIMEOUT_MS,
    signal,
  });
  learnArping(arping!);
  // A signal that stops the sweep while it sets up cancels these reads: no route is known
  // to be wrong then, and the sweep ends as interrupted with what it has seen.
  const cancelled = link!.error === 'cancelled' || route!.error === 'cancelled';
  return {
    route: cancelled ? null : routeProblemOf(link!, route!, target),
    table: neighboursFrom(neigh!),
  };
}
