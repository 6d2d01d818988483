/**
 * The watch itself: a sweep every interval (the next one starts an interval after the last
 * one started, or when it ends if it ran longer: never two at once), and between sweeps the
 * kernel's neighbour table followed with `ip monitor neigh`. Everything heard goes through a
 * WatchTracker; its events and every sweep's end go to the caller as they happen. Runs until
 * the signal is aborted, then ends the monitor and the sweep's children and returns.
 */
import { discover } from './discover.js';
import { followNeighbours } from './neighbours.js';
import { sleep } from './channel.js';
import { prefixContains } from '../../net/prefix.js';
import { WatchTracker, type WatchEvent } from './watch.js';
import type { HostContext } from './hosts.js';
import type { BackendName, ScanEvent, ScanTarget } from './types.js';

export const DEFAULT_WATCH_INTERVAL_MS = 30_000;

export interface WatchOptions {
  readonly backend: BackendName;
  readonly signal: AbortSignal;
  readonly intervalMs: number;
  /** Names are looked up in the first sweep (later new hosts get none: fewer queries). */
  readonly names: boolean;
  readonly waitMs?: number;
  readonly ctx: HostContext;
}

export interface SweepEnd {
  /** 1 for the baseline. */
  readonly sweep: number;
  readonly at: number;
  /** When the next sweep starts. */
  readonly nextAt: number;
}

export interface WatchSink {
  /** Every event of every sweep, as discover() gives it (the table folds these). */
  readonly scan: (event: ScanEvent, sweep: number) => void;
  readonly watch: (event: WatchEvent) => void;
  readonly sweepStarted?: (sweep: number, at: number) => void;
  readonly sweepEnded: (end: SweepEnd) => void;
}

export async function watchLan(
  targets: readonly ScanTarget[],
  options: WatchOptions,
  sink: WatchSink,
  tracker: WatchTracker = new WatchTracker(options.ctx),
): Promise<void> {
  const { signal } = options;
  const ifaces = new Set(targets.map((t) => t.iface));
  const inTargets = (iface: string, ip: string) =>
    targets.some((t) => t.iface === iface && prefixContains(t.prefix, ip));
  let sweeping = true;
  const emit = (events: readonly WatchEvent[]) => events.forEach((e) => sink.watch(e));
  const monitor = await followNeighbours(signal, (entry) => {
    if (!ifaces.has(entry.dev) || entry.ip.includes(':') || !inTargets(entry.dev, entry.ip)) {
      return;
    }
    emit(
      tracker.hear(
        {
          iface: entry.dev,
          ip: entry.ip,
          mac: entry.mac,
          rttMs: null,
          at: Date.now(),
          via: 'monitor',
          state: entry.state,
        },
        sweeping,
      ),
    );
  });
  try {
    for (let n = 1; !signal.aborted; n++) {
      const startedAt = Date.now();
      sweeping = true;
      sink.sweepStarted?.(n, startedAt);
      await discover(
        targets,
        {
          backend: options.backend,
          signal,
          names: options.names && n === 1,
          alsoAsk: (iface) => tracker.addresses(iface),
          ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
        },
        (event) => {
          sink.scan(event, n);
          if (event.type === 'sighting') emit(tracker.hear(event.sighting, true));
        },
      );
      if (signal.aborted) break;
      sweeping = false;
      const at = Date.now();
      emit(tracker.sweepDone(at, options.backend === 'kernel' ? 'arping' : options.backend));
      const nextAt = Math.max(at, startedAt + options.intervalMs);
      sink.sweepEnded({ sweep: n, at, nextAt });
      await sleep(nextAt - Date.now(), signal);
    }
  } finally {
    await monitor.done;
  }
}
