/**
 * The kernel backend: discovery without privilege. One empty UDP datagram to each address
 * of an on-link prefix makes the kernel ARP for it; whoever answers becomes a valid entry
 * of the neighbour table, which `ip monitor neigh` announces the moment it happens (our
 * RTT: datagram sent to entry valid). Batches keep the table under gc_thresh3; a batch ends
 * when no new answer came for a grace period derived from the RTTs seen. After each batch
 * the table itself is read, so an announcement the monitor missed is not a host missed.
 *
 * What it cannot see: a second MAC answering for one address. The kernel keeps the first
 * answer and drops later ones silently (within its locktime); discover() asks every answered
 * address again with arping (arping-check.ts), which reads every reply from a raw socket.
 *
 * RTTs come from the monotonic clock (performance.now(), sub-millisecond): a LAN answers in
 * half a millisecond, which Date.now() would round to 0 or 1.
 */
import { performance } from 'node:perf_hooks';
import { openDatagramSender, type DatagramSender } from '../../system/udp.js';
import { streamLines, type StreamedProcess } from '../../system/stream.js';
import { readTextFile } from '../../system/files.js';
import { hostAddresses, hostCount, prefixContains } from '../../net/prefix.js';
import { produce, sleep } from './channel.js';
import { parseMonitorLine } from './monitor-line.js';
import { selfSightings, tableSightings, viaTable } from './sightings.js';
import { readNeighbours } from './neighbours.js';
import type { NeighbourRecord } from '../../parse/ip-neigh.js';
import { batchBudget, graceMs, isValidState } from './pacing.js';
import { SOFTNET_STAT_PATH, softnetDrops } from './softnet.js';
import type { ScanEvent, ScanOptions, ScanTarget, Scanner, Sighting } from './types.js';
import { sweepRouteProblem } from './target.js';
import { runTool } from '../../system/run.js';
import { parseIpLink } from '../../parse/ip-link.js';
import { parseIpRoute } from '../../parse/ip-route.js';

export const GC_THRESH3_PATH = '/proc/sys/net/ipv4/neigh/default/gc_thresh3';
const DEFAULT_GC_THRESH3 = 1024;
/** The discard port: nothing should listen, and an answer (port unreachable) is harmless. */
const DISCARD_PORT = 9;
const TICK_MS = 10;
/**
 * Datagrams per millisecond: about 2000 ARP requests a second, brisk but not a burst. (In the
 * 200-host lab every broadcast is copied 200 times by the bridge; 8 per ms already overran the
 * receive backlog and lost answers; arp-scan's default is one per 2 ms.)
 */
const SEND_CHUNK = 2;
const SEND_PAUSE_MS = 1;
/** How long the IPv6 all-nodes echo gets at least, for its answers to come in. */
const ECHO_MIN_MS = 150;
/** Quiet after the first batch's last answer before the IPv6 echo goes out. */
const ECHO_AFTER_QUIET_MS = 50;
const PER_SOCKET = 64;
/**
 * The kernel asks an unanswered address again every retrans_time (the interface's
 * retrans_time_ms, read at the sweep's start; 1 s by default) until it has asked
 * mcast_solicit (3) times. When this machine dropped received frames during a batch, an
 * answer may have been among them, and the kernel's next ask of that address is the chance
 * to hear it again. So the batch waits for the addresses still unanswered only (it ends the
 * moment they have all answered), and only until the kernel's next ask of the last of them
 * has had its answer: one retrans_time after it was first asked, and a margin. (It waited a
 * fixed 2.1 s after the batch before; on a busy router the drops never stop, so that was
 * every scan.)
 */
const KERNEL_RETRANS_MS = 1000;
const RETRY_MARGIN_MS = 100;

/** The interface's retrans_time (ms): how long the kernel waits before asking again. */
async function readRetransMs(iface: string): Promise<number> {
  const read = await readTextFile(`/proc/sys/net/ipv4/neigh/${iface}/retrans_time_ms`);
  const value = read.text === null ? NaN : Number(read.text.trim());
  return Number.isInteger(value) && value > 0 && value <= 60_000 ? value : KERNEL_RETRANS_MS;
}

export const KERNEL_LIMITS: readonly string[] = [];

export function kernelScanner(): Scanner {
  return {
    backend: 'kernel',
    limits: KERNEL_LIMITS,
    scan: (target, options) =>
      produce<ScanEvent>(options.signal, (push, signal) => sweep(target, options, push, signal)),
  };
}

async function readGcThresh3(push: (e: ScanEvent) => void): Promise<number> {
  const read = await readTextFile(GC_THRESH3_PATH);
  const value = read.text === null ? NaN : Number(read.text.trim());
  if (Number.isInteger(value) && value > 0) return value;
  // Inside a network namespace other than the first, the kernel does not show the table's
  // limits (they are set in the initial namespace only): go by the kernel's default.
  const why =
    read.error === 'ENOENT'
      ? 'not visible in this network namespace'
      : (read.error ?? 'not a number');
  push({
    type: 'warning',
    message: `${GC_THRESH3_PATH}: ${why}; pacing by the default limit of ${DEFAULT_GC_THRESH3} entries`,
  });
  return DEFAULT_GC_THRESH3;
}

async function sweep(
  target: ScanTarget,
  options: ScanOptions,
  push: (e: ScanEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const { iface, prefix } = target;
  const started = Date.now();
  /** When each datagram was handed to send(), and when the kernel had taken it (monotonic). */
  const queuedAt = new Map<string, number>();
  const sentAt = new Map<string, number>();
  const seenMac = new Map<string, string>();
  const rtts: number[] = [];
  let lastNewAt = 0;
  const sight = (s: Omit<Sighting, 'iface'>) => {
    const known = seenMac.get(s.ip);
    if (known !== undefined && known === s.mac) return false;
    if (s.mac !== null) seenMac.set(s.ip, s.mac);
    push({ type: 'sighting', sighting: { ...s, iface } });
    return known === undefined;
  };
  const self = new Set(target.localAddresses);
  push({ type: 'started', target, backend: 'kernel', addresses: hostCount(prefix), at: started });
  for (const seen of selfSightings(target, started)) sight(seen);

  const [gcThresh3, retransMs] = await Promise.all([readGcThresh3(push), readRetransMs(iface)]);
  const monitorStarting = streamLines(['ip', 'monitor', 'neigh', 'dev', iface], {
    signal,
    onLine: (line) => {
      const change = parseMonitorLine(line);
      if (change === null || typeof change === 'string' || change.deleted) return;
      if (change.lladdr === null || !isValidState(change.states)) return;
      const now = Date.now();
      if (change.dst.includes(':')) {
        sight({
          ip: change.dst,
          mac: change.lladdr,
          rttMs: null,
          at: now,
          via: 'ndp',
          state: change.states[0] ?? null,
        });
        return;
      }
      if (!prefixContains(prefix, change.dst)) return;
      const sent = sentAt.get(change.dst) ?? queuedAt.get(change.dst);
      const rttMs = sent === undefined ? null : Math.max(0.01, performance.now() - sent);
      if (
        sight({
          ip: change.dst,
          mac: change.lladdr,
          rttMs,
          at: now,
          via: sent === undefined ? 'table' : 'sweep',
          state: change.states[0] ?? null,
        })
      ) {
        lastNewAt = now;
        if (rttMs !== null) rtts.push(rttMs);
      }
    },
  });
  // IPv6: one echo to all nodes fills the IPv6 table; the monitor reports the entries. It
  // goes out once the first IPv4 batch has gone quiet, not with it: every host answers it at
  // once with multicast (neighbour solicitations), a burst that could crowd out ARP answers.
  let echoAnswered = false;
  let echo: StreamedProcess | null = null;
  let echoStartedAt = 0;
  let echoStarting: Promise<void> | null = null;
  const startEcho = (): Promise<void> => (echoStarting ??= sendEcho());
  const sendEcho = async () => {
    if (!target.ipv6 || signal.aborted) return;
    echoStartedAt = Date.now();
    echo = await streamLines(['ping', '-6', '-n', '-c', '1', '-W', '1', `ff02::1%${iface}`], {
      signal,
      onLine: (line) => {
        if (/ bytes from /.test(line)) echoAnswered = true;
      },
    }).catch((err: unknown) => {
      push({
        type: 'warning',
        message: `IPv6 all-nodes echo on ${iface} not sent: ${err instanceof Error ? err.message : String(err)}`,
      });
      return null;
    });
  };
  const monitor = await monitorStarting;
  await monitor.started;

  // What the table already holds (read after the monitor listens, so nothing falls between).
  const before = await readNeighbours('all', signal);
  for (const w of before.warnings) push({ type: 'warning', message: w });
  for (const seen of tableSightings(before.records, iface, prefix, viaTable)) sight(seen);

  // A datagram waiting for its ARP answer is charged to its socket's send buffer until the
  // address resolves or fails (3 s): one socket fills after ~200 and then blocks the sweep.
  // So each socket carries a share of the datagrams.
  const senders: DatagramSender[] = [];
  let onSocket = PER_SOCKET;
  let lostFrames = 0;
  const localDrops = async () => softnetDrops((await readTextFile(SOFTNET_STAT_PATH)).text);
  const sender = {
    send: (ip: string, port: number) => {
      if (onSocket >= PER_SOCKET) {
        senders.push(openDatagramSender('inet', target.localAddresses[0]));
        onSocket = 0;
      }
      onSocket++;
      return senders[senders.length - 1]!.send(ip, port);
    },
    close: () => senders.splice(0).forEach((s) => s.close()),
  };
  let sent = 0;
  let sendErrors = 0;
  /** Set when the sweep ended before its last address: the prefix stopped being on-link. */
  let stopped: string | undefined;
  const errorCodes = new Map<string, number>();
  try {
    const addresses = hostAddresses(prefix);
    let remaining = hostCount(prefix);
    let index = 0;
    // The first batch counts from the table read above; later ones read it afresh.
    let table: readonly NeighbourRecord[] | null = before.records;
    while (remaining > 0 && !signal.aborted) {
      const rows = table ?? (await readNeighbours('inet', signal)).records;
      table = null;
      const live = rows.filter((n) => n.family === 'inet' && !n.states.includes('FAILED')).length;
      const budget = batchBudget(gcThresh3, live, remaining);
      if (budget === 0) {
        // Our earlier entries are still INCOMPLETE; the kernel fails them within 3 s.
        await sleep(200, signal);
        continue;
      }
      const batch: string[] = [];
      while (batch.length < budget) {
        const next = addresses.next();
        if (next.done) break;
        remaining--;
        if (!self.has(next.value)) batch.push(next.value);
      }
      if (batch.length === 0) continue;
      // The link and the routes as they are now: a link that dropped mid-sweep loses its
      // connected route, and the rest of the sweep would go to the default gateway.
      const problem = await (options.checkRoute ?? checkSweepRoute)(target);
      if (problem !== null) {
        stopped = `sweep of ${prefix.cidr} on ${iface} stopped: ${problem}`;
        push({ type: 'warning', message: stopped });
        break;
      }
      const grace = graceMs(rtts, options.waitMs);
      const dropsBefore = await localDrops();
      push({ type: 'batch', iface, index: index++, size: batch.length, graceMs: grace });
      // Sent in small chunks, yielding between them, so answers are read (and shown) while
      // the rest of the batch goes out. The RTT clock starts when the kernel has taken the
      // datagram (and sent its ARP), not when it was queued behind the others.
      const results: (string | null)[] = [];
      for (let i = 0; i < batch.length && !signal.aborted; i += SEND_CHUNK) {
        const chunk = batch.slice(i, i + SEND_CHUNK);
        results.push(
          ...(await Promise.all(
            chunk.map((ip) => {
              queuedAt.set(ip, performance.now());
              return sender.send(ip, DISCARD_PORT).then((code) => {
                sentAt.set(ip, performance.now());
                return code;
              });
            }),
          )),
        );
        // A breath between chunks: a burst of hundreds of broadcasts overruns receive
        // queues (a Linux host's backlog holds 1000 frames) and answers get lost.
        if (i + SEND_CHUNK < batch.length) await sleep(SEND_PAUSE_MS, signal);
      }
      sent += batch.length;
      for (const code of results) {
        if (code === null) continue;
        sendErrors++;
        errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
      }
      const batchSent = Date.now();
      const pending = new Set(batch);
      let checkedDrops = false;
      let patientUntil = 0;
      while (!signal.aborted) {
        for (const ip of pending) if (seenMac.has(ip)) pending.delete(ip);
        if (pending.size === 0) break;
        const now = Date.now();
        const quietFor = now - Math.max(lastNewAt, batchSent);
        if (!checkedDrops && quietFor >= ECHO_AFTER_QUIET_MS) {
          checkedDrops = true;
          // Frames dropped here while the answers came in: some may have been answers. The
          // kernel asks each unanswered address again, 1 s and 2 s after; wait for that.
          const dropsAfter = await localDrops();
          if (dropsBefore !== null && dropsAfter !== null && dropsAfter > dropsBefore) {
            // Until the kernel's next ask of the last address still unanswered has had its
            // answer (on the same clock the sends were stamped with).
            let lastAsked = 0;
            for (const ip of pending) lastAsked = Math.max(lastAsked, sentAt.get(ip) ?? 0);
            const retryDone = lastAsked + retransMs + RETRY_MARGIN_MS;
            patientUntil = now + Math.max(0, retryDone - performance.now());
            lostFrames += dropsAfter - dropsBefore;
          } else {
            // The batch's answers are in: the echo can share the rest of the grace.
            void startEcho();
          }
        }
        if (quietFor >= graceMs(rtts, options.waitMs) && now >= patientUntil) break;
        await sleep(TICK_MS, signal);
      }
      // The table is the truth: anything valid the monitor did not announce counts too.
      const after = await readNeighbours('inet', signal);
      const unannounced = after.records.filter((n) => pending.has(n.dst) || !seenMac.has(n.dst));
      const via = (n: NeighbourRecord) => (queuedAt.has(n.dst) ? 'sweep' : 'table');
      for (const seen of tableSightings(unannounced, iface, prefix, via)) sight(seen);
      await startEcho();
    }
  } finally {
    sender.close();
  }
  await startEcho(); // a sweep with no batch at all still asks IPv6
  // Give the echo's answers a moment when the IPv4 sweep was quicker than that.
  const echoLeft = echoStartedAt + ECHO_MIN_MS - Date.now();
  if (target.ipv6 && echoLeft > 0) await sleep(echoLeft, signal);
  const ran = echo as StreamedProcess | null;
  ran?.stop();
  await ran?.done;
  if (ran && !echoAnswered && !signal.aborted) {
    push({
      type: 'warning',
      message: `no answer to the IPv6 all-nodes echo on ${iface} during the sweep: IPv6 neighbours come from the table only`,
    });
  }
  if (target.ipv6 && !signal.aborted) {
    // Whatever answered the echo is in the table by now.
    const v6 = await readNeighbours('inet6', signal);
    for (const seen of tableSightings(v6.records, iface, prefix, () => 'ndp')) sight(seen);
  }
  monitor.stop();
  await monitor.done;
  if (lostFrames > 0) {
    push({
      type: 'warning',
      message: `this machine dropped ${lostFrames} received frames during the sweep (${SOFTNET_STAT_PATH}): waited for the kernel to ask the unanswered addresses once more`,
    });
  }
  if (errorCodes.size > 0) {
    const list = [...errorCodes].map(([c, n]) => `${c} x${n}`).join(', ');
    push({
      type: 'warning',
      message: `the kernel refused ${sendErrors} of ${sent} datagrams on ${iface}: ${list}`,
    });
  }
  push({
    type: 'finished',
    target,
    at: Date.now(),
    sent,
    sendErrors,
    ...(stopped !== undefined ? { stopped } : {}),
  });
}

/**
 * sweepRouteProblem over this host's links and IPv4 routes as they are now, read again
 * before every batch (reads only): a link that drops mid-sweep stops the sweep.
 */
export async function checkSweepRoute(target: ScanTarget): Promise<string | null> {
  const [link, route] = await Promise.all([
    runTool(['ip', '-j', 'link', 'show', 'dev', target.iface], { okExitCodes: [0, 1] }),
    runTool(['ip', '-j', '-4', 'route', 'show']),
  ]);
  return sweepRouteProblem(
    parseIpLink(link.stdout).records,
    parseIpRoute(route.stdout, 'inet', 'ip -j -4 route show').records,
    target,
  );
}
