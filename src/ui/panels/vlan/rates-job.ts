/**
 * Live VLAN rates as a job of the app: `t` reads the host (every source, as a fresh
 * snapshot: reads only, sends nothing) once a second and keeps the rates of the last two
 * reads; `x` stops it, and so does quitting. It goes on while the person looks elsewhere.
 * A snapshot holds one read of the counters, so there it is refused.
 */
import { vlanRates, type VlanRates } from '../../../net/vlan.js';
import type { HostState } from '../../../state/host-state.js';
import type { JobStatus, JobStore } from '../../jobs.js';
import type { PanelEffects } from '../../panel-module.js';
import type { VlanAction, VlanView } from './state.js';

/** Keyed by the panel's id, so the tab bar marks VLAN while the rates run. */
export const RATES_JOB = 'vlan';
export const RATES_PERIOD_MS = 1000;

export interface RatesState {
  readonly status: JobStatus;
  /** The newest read; null until the first one is in. */
  readonly host: HostState | null;
  /** From the last two reads; empty until there are two. */
  readonly rates: readonly VlanRates[];
  readonly reads: number;
  /** Seconds between the last two reads. */
  readonly seconds: number | null;
  readonly error: string | null;
}

type Fx = PanelEffects<VlanView, VlanAction>;

export function ratesOf(jobs: JobStore): RatesState | null {
  return jobs.get<RatesState>(RATES_JOB)?.snapshot() ?? null;
}

/**
 * Seconds between two reads: the snapshots' own times (each is taken as its read starts),
 * or the clock around the reads when those do not tell.
 */
function between(before: HostState, after: HostState, clockMs: number): number {
  const ms = Date.parse(after.meta.takenAt) - Date.parse(before.meta.takenAt);
  return (Number.isFinite(ms) && ms > 0 ? ms : clockMs) / 1000;
}

export function startRates(fx: Fx): void {
  const say = (message: string | null) => fx.dispatch({ type: 'message', message });
  if (fx.app.origin.kind === 'snapshot') {
    return say(
      `a snapshot (${fx.app.origin.path}) holds one read of the counters; rates need two reads of a live host: run netdoctor there`,
    );
  }
  if (ratesOf(fx.jobs)?.status === 'running') return say('the rates are running: x stops them');
  say(null);
  const { readHost, wait, now } = fx.ports;
  const initial: RatesState = {
    status: 'running',
    host: null,
    rates: [],
    reads: 0,
    seconds: null,
    error: null,
  };
  fx.jobs.start<RatesState>(
    RATES_JOB,
    'VLAN rates',
    initial,
    async (ctl) => {
      let before: HostState | null = null;
      let at = now().getTime();
      for (;;) {
        const started = now().getTime();
        const host = await readHost();
        if (ctl.signal.aborted) return;
        const prev = before;
        const seconds = prev ? between(prev, host, started - at) : null;
        ctl.update((s) => ({
          ...s,
          host,
          reads: s.reads + 1,
          ...(prev && seconds !== null ? { rates: vlanRates(prev, host, seconds), seconds } : {}),
        }));
        ctl.notify();
        before = host;
        at = started;
        // Paced from the start of each read, so a slow read does not stretch the second.
        await wait(Math.max(0, RATES_PERIOD_MS - (now().getTime() - started)), ctl.signal);
      }
    },
    (s, end) => ({ ...s, status: end.status, error: end.error }),
  );
}

export function stopRates(fx: Fx): void {
  fx.jobs.cancel(RATES_JOB);
}
