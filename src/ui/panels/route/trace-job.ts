/**
 * The live trace as a job of the app: `t` opens the Tracer through the route port (mtr-packet,
 * or traceroute when it is absent) and runs it round after round, like mtr, until `x` (the
 * Tracer's stop, which kills mtr-packet) or quitting. It goes on while the person looks at
 * another panel; the tab bar marks Route meanwhile (the job's key is the panel's id). The
 * panel draws the Tracer's snapshot on the app's tick. A snapshot origin sends nothing.
 */
import { ipValue } from '../../../net/cidr.js';
import { DEFAULT_CONFIG, type TraceConfig } from '../../../probes/trace/types.js';
import type { JobStatus, JobStore } from '../../jobs.js';
import type { PanelEffects } from '../../panel-module.js';
import type { TraceSession } from '../../ports.js';
import type { RouteAction, RouteView } from './state.js';

/** The panel's id: the tab bar marks a panel whose job (by this key) runs. */
export const TRACE_JOB = 'route';

export interface TraceJobState {
  readonly status: JobStatus;
  readonly config: TraceConfig;
  /** Null until the backend is open. */
  readonly session: TraceSession | null;
  /** Why it could not start or went wrong, one sentence. */
  readonly error: string | null;
  /** Said of the question but not part of the trace (iif, mark). */
  readonly left: string | null;
}

type Fx = PanelEffects<RouteView, RouteAction>;

export function traceOf(jobs: JobStore): TraceJobState | null {
  return jobs.get<TraceJobState>(TRACE_JOB)?.snapshot() ?? null;
}

/** What a trace from here can honour of the question, and what it cannot. */
function traceConfig(v: RouteView): { config: TraceConfig; left: string | null } | null {
  const q = v.query;
  const dst = q ? ipValue(q.dst) : null;
  if (!q || !dst) return null;
  const config: TraceConfig = {
    ...DEFAULT_CONFIG,
    target: { input: q.dst, address: q.dst, family: dst.family === 'inet' ? 4 : 6 },
    ...(q.src !== undefined ? { source: q.src } : {}),
  };
  const left = [
    ...(q.iif !== undefined ? [`iif ${q.iif}`] : []),
    ...(q.mark !== undefined ? [`mark 0x${q.mark.toString(16)}`] : []),
  ];
  return {
    config,
    left: left.length
      ? `the probes leave from this host, without ${left.join(' or ')} (the decision above has them)`
      : null,
  };
}

export function startTrace(fx: Fx): void {
  const say = (message: string | null) => fx.dispatch({ type: 'message', message });
  if (fx.app.origin.kind === 'snapshot') {
    return say(
      `a snapshot (${fx.app.origin.path}) cannot send probes: a trace runs on a live host, so run netdoctor there`,
    );
  }
  const asked = traceConfig(fx.slice);
  if (!asked) return say('ask first: / then a destination and Enter; t traces to it');
  const running = traceOf(fx.jobs);
  if (running?.status === 'running') {
    fx.dispatch({ type: 'show', view: 'trace' });
    return say(`the trace to ${running.config.target.address} runs: x stops it`);
  }
  say(null);
  fx.dispatch({ type: 'show', view: 'trace' });
  const { route } = fx.ports;
  const initial: TraceJobState = {
    status: 'running',
    config: asked.config,
    session: null,
    error: null,
    left: asked.left,
  };
  fx.jobs.start<TraceJobState>(
    TRACE_JOB,
    `trace ${asked.config.target.address}`,
    initial,
    async (ctl) => {
      const session = await route.openTrace(asked.config);
      ctl.update((s) => ({ ...s, session }));
      ctl.notify();
      await session.run(ctl.signal);
    },
    (s, end) => ({ ...s, status: end.status, error: end.error }),
  );
}

export function stopTrace(fx: Fx): void {
  const trace = traceOf(fx.jobs);
  if (trace?.status !== 'running') {
    return fx.dispatch({ type: 'message', message: 'no trace runs: t starts one' });
  }
  // The Tracer's stop ends the run, which closes the backend (mtr-packet is killed); the
  // job's abort says it was cancelled.
  trace.session?.stop();
  fx.jobs.cancel(TRACE_JOB);
}
