/**
 * What the Discover keys do in the world: start or stop the sweep job, hand the terminal to
 * ssh, export the table. Each goes through the job store or the ports, never the OS.
 */
import { HostTable } from '../../../probes/discover/host-table.js';
import type { DiscoveredHost } from '../../../probes/discover/hosts.js';
import { hostsCsv, hostJson } from '../../../probes/discover/export.js';
import type { ScanEvent } from '../../../probes/discover/types.js';
import type { JobStore } from '../../jobs.js';
import type { PanelEffects } from '../../panel-module.js';
import {
  discoverRows,
  hostContext,
  knownNeighbours,
  selectedRow,
  type DiscoverAction,
  type DiscoverView,
  type SweepState,
  type WatchState,
} from './state.js';
import { WatchTracker } from '../../../probes/discover/watch.js';
import { ScanFold } from '../../../probes/discover/scan-fold.js';
import { firstLine } from '../../../text/first-line.js';

export const SWEEP_JOB = 'discover';

type Fx = PanelEffects<DiscoverView, DiscoverAction>;

function say(fx: Fx, message: string): void {
  fx.dispatch({ type: 'message', message });
}

/**
 * One event into the panel's sweep, through the fold `scan` and `scan --watch` use too (the
 * duplicate check's evidence included); a new state only when its messages changed (the
 * table is shared and versioned).
 */
export function foldSweepEvent(scan: ScanFold, s: SweepState, event: ScanEvent): SweepState {
  const said = scan.messages.length;
  scan.apply(event);
  return scan.messages.length === said ? s : { ...s, warnings: [...scan.messages] };
}

/** The sweep now, if one ran since the TUI opened. */
export function sweepOf(jobs: JobStore): SweepState | null {
  return jobs.get<SweepState>(SWEEP_JOB)?.snapshot() ?? null;
}

/** The hosts the table is made of: the sweep's, or the neighbours the kernel knew. */
export function tableHosts(fx: Pick<Fx, 'jobs' | 'app' | 'slice'>): readonly DiscoveredHost[] {
  return sweepOf(fx.jobs)?.table.hosts() ?? knownNeighbours(fx.app.host, fx.slice.localNames);
}

/**
 * Reads the names /etc/hosts gives, for the opening table, when a live host has been read:
 * a file, no packet. A snapshot's host is elsewhere, so its table stays unnamed.
 */
export function readLocalNames(
  fx: Pick<Fx, 'app' | 'ports' | 'dispatch'>,
  still: () => boolean,
): void {
  const read = fx.ports.discover.localNames;
  if (fx.app.origin.kind !== 'live' || fx.app.host === null || !read) return;
  read().then(
    (names) => {
      if (still()) fx.dispatch({ type: 'local-names', names });
    },
    () => {}, // unreadable /etc/hosts: the table stays unnamed, as the sweep's would
  );
}

export function startSweep(fx: Fx): void {
  const host = fx.app.host;
  if (fx.app.origin.kind === 'snapshot') {
    say(
      fx,
      `this is a snapshot (${fx.app.origin.path}): a sweep would probe this machine's LAN, not that host's; run netdoctor live there`,
    );
    return;
  }
  if (!host) return say(fx, 'the host is still being read: press s again in a moment');
  const running = sweepOf(fx.jobs)?.status;
  if (running === 'sweeping' || running === 'watching') return;
  fx.dispatch({ type: 'message', message: null });
  const choice = { ifaces: fx.slice.ifaces, backend: fx.slice.backend };
  const now = () => fx.ports.now().getTime();
  const initial: SweepState = {
    table: new HostTable(hostContext(host)),
    status: 'sweeping',
    targets: [],
    startedAt: now(),
    finishedAt: null,
    warnings: [],
    error: null,
  };
  fx.jobs.start<SweepState>(
    SWEEP_JOB,
    'sweep',
    initial,
    async (ctl) => {
      const targets = await fx.ports.discover.targets(host, choice);
      const ctx = hostContext(host);
      const table = new HostTable({
        selfAddresses: new Set([...ctx.selfAddresses, ...targets.flatMap((t) => t.localAddresses)]),
        gateways: new Set([...ctx.gateways, ...targets.flatMap((t) => t.gateways)]),
      });
      const scan = new ScanFold(table);
      ctl.update((s) => ({
        ...s,
        table,
        targets: targets.map((t) => `${t.iface} ${t.prefix.cidr}`),
      }));
      ctl.notify();
      await fx.ports.discover.sweep(
        targets,
        ctl.signal,
        (event) => ctl.update((s) => foldSweepEvent(scan, s, event)),
        choice.backend,
      );
    },
    (s, end) => ({
      ...s,
      status: end.status === 'running' ? 'sweeping' : end.status,
      error: end.error,
      finishedAt: now(),
    }),
  );
}

/** How often the panel's watch sweeps. */
export const WATCH_INTERVAL_MS = 30_000;

/**
 * `w`: the LAN as it changes. A job like the sweep (it goes on while you look elsewhere; x
 * stops it): a sweep every 30 s, the table followed between sweeps, hosts marked new, gone
 * and moved in the table, the next sweep's time on the status line.
 */
export function startWatch(fx: Fx): void {
  const host = fx.app.host;
  if (fx.app.origin.kind === 'snapshot') {
    return say(fx, "this is a snapshot: watching would probe this machine's LAN, not that host's");
  }
  if (!host) return say(fx, 'the host is still being read: press w again in a moment');
  const running = sweepOf(fx.jobs)?.status;
  if (running === 'sweeping' || running === 'watching') {
    return say(fx, 'a sweep is running: x stops it, then w');
  }
  const watch = fx.ports.discover.watch;
  if (!watch) return say(fx, 'watching is not available here');
  fx.dispatch({ type: 'message', message: null });
  const choice = { ifaces: fx.slice.ifaces, backend: fx.slice.backend };
  const now = () => fx.ports.now().getTime();
  const ctx = hostContext(host);
  const initial: SweepState = {
    table: new HostTable(ctx),
    status: 'watching',
    targets: [],
    startedAt: now(),
    finishedAt: null,
    warnings: [],
    error: null,
    watch: { tracker: new WatchTracker(ctx), sweeps: 0, nextAt: null, events: 0 },
  };
  fx.jobs.start<SweepState>(
    SWEEP_JOB,
    'watch',
    initial,
    async (ctl) => {
      const targets = await fx.ports.discover.targets(host, choice);
      const wctx = {
        selfAddresses: new Set([...ctx.selfAddresses, ...targets.flatMap((t) => t.localAddresses)]),
        gateways: new Set([...ctx.gateways, ...targets.flatMap((t) => t.gateways)]),
      };
      const tracker = new WatchTracker(wctx);
      const scan = new ScanFold(wctx);
      ctl.update((s) => ({
        ...s,
        table: scan.table,
        targets: targets.map((t) => `${t.iface} ${t.prefix.cidr}`),
        watch: { tracker, sweeps: 0, nextAt: null, events: 0 },
      }));
      ctl.notify();
      const onWatch = (s: SweepState, patch: Partial<WatchState>): SweepState => ({
        ...s,
        watch: { ...(s.watch ?? { tracker, sweeps: 0, nextAt: null, events: 0 }), ...patch },
      });
      await watch(
        targets,
        { backend: choice.backend, signal: ctl.signal, intervalMs: WATCH_INTERVAL_MS, ctx: wctx },
        {
          scan: (event) => ctl.update((s) => foldSweepEvent(scan, s, event)),
          sweepStarted: () => ctl.update((s) => onWatch(s, { nextAt: null })),
          watch: () => {
            ctl.update((s) => onWatch(s, { events: (s.watch?.events ?? 0) + 1 }));
            ctl.notify();
          },
          sweepEnded: ({ sweep, nextAt }) => {
            ctl.update((s) => onWatch(s, { sweeps: sweep, nextAt }));
            ctl.notify();
          },
        },
        tracker,
      );
    },
    (s, end) => ({
      ...s,
      status: end.status === 'running' ? 'watching' : end.status,
      error: end.error,
      finishedAt: now(),
    }),
  );
}

/** `b`: the backend chooser, with why each unavailable backend cannot run here. */
export function openBackendChooser(fx: Fx): void {
  const ask = fx.ports.discover.backendProblems;
  if (!ask)
    return fx.dispatch({ type: 'chooser-open', chooser: { kind: 'backend', problems: {} } });
  ask().then(
    (problems) => fx.dispatch({ type: 'chooser-open', chooser: { kind: 'backend', problems } }),
    (err: unknown) => say(fx, firstLine(err)),
  );
}

export function stopSweep(fx: Fx): void {
  fx.jobs.cancel(SWEEP_JOB);
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function sshTo(fx: Fx, as: 'self' | 'pi'): void {
  const host = selectedRow(fx.slice, discoverRows(fx.slice, tableHosts(fx)));
  if (!host) return;
  if (fx.app.origin.kind !== 'live') {
    // The hosts of a snapshot are on another machine's LAN: not reachable from here.
    return say(fx, 'ssh needs a live host: these hosts come from a snapshot');
  }
  const running = sweepOf(fx.jobs)?.status;
  if (running === 'sweeping' || running === 'watching') {
    return say(fx, 'a sweep is running: x stops it, then S');
  }
  const user = as === 'pi' ? 'pi' : fx.ports.user();
  const target = host.ip.startsWith('fe80:') ? `${host.ip}%${host.iface}` : host.ip;
  try {
    const { code, errorLines } = fx.handOver(['ssh', `${user}@${target}`]);
    // ssh's own last error lines ("Permission denied ...") stay on screen after the redraw.
    const said = code !== 0 && errorLines.length ? `: ${errorLines.join(' | ')}` : '';
    say(
      fx,
      code === null
        ? 'ssh could not start: apt-get install openssh-client'
        : `ssh ${user}@${target} ended (exit ${code})${said}`,
    );
  } catch (err) {
    say(fx, firstLine(err));
  }
}

export function exportTable(fx: Fx): void {
  if (fx.app.origin.kind !== 'live') {
    return say(fx, 'export works on a live host (a snapshot is exported with netdoctor snapshot)');
  }
  const rows = discoverRows(fx.slice, tableHosts(fx));
  const base = `netdoctor-hosts-${stamp(fx.ports.now())}`;
  const write = async () => {
    await fx.ports.discover.writeFile(
      `${base}.json`,
      `${JSON.stringify(rows.map(hostJson), null, 2)}\n`,
    );
    await fx.ports.discover.writeFile(`${base}.csv`, hostsCsv(rows));
    return `exported ${rows.length} hosts to ${base}.json and ${base}.csv`;
  };
  write().then(
    (message) => say(fx, message),
    (err: unknown) => say(fx, `export failed: ${firstLine(err)}`),
  );
}
