/**
 * `P` on the Plan panel: --prove as a job of the app. P first says what it will build and
 * how long it takes (and refuses at once without root); Enter or P again starts it. It goes
 * on while the person looks at another panel; x stops it, and the port deletes the
 * namespaces before the job ends.
 */
import { proveEstimateSeconds, proveLayout } from '../../../plan/prove.js';
import type { ProveResults } from '../../../plan/prove-types.js';
import { simulate } from '../../../plan/simulate.js';
import type { Plan } from '../../../plan/types.js';
import type { JobStore } from '../../jobs.js';
import type { PanelEffects } from '../../panel-module.js';
import { PROVE_NEEDS_ROOT, type ProveProgress } from '../../ports.js';
import type { PlanAction, PlanView } from './state.js';
import { firstLine } from '../../../text/first-line.js';

export const PROVE_JOB = 'plan-prove';

export interface ProveRun {
  /** The plan proved: results speak for it only, not for a plan opened since. */
  readonly plan: Plan;
  readonly seconds: number;
  readonly progress: ProveProgress | null;
  readonly results: ProveResults | null;
  readonly status: 'running' | 'done' | 'cancelled' | 'failed';
  readonly error: string | null;
}

type Fx = PanelEffects<PlanView, PlanAction>;

export function proveOf(jobs: JobStore): ProveRun | null {
  return jobs.get<ProveRun>(PROVE_JOB)?.snapshot() ?? null;
}

function say(fx: Fx, message: string): void {
  fx.dispatch({ type: 'message', message });
}

/** P: what it will take, once the privilege is known; P again (or Enter) starts. */
export function askProve(fx: Fx): void {
  const plan = fx.slice.plan;
  if (!plan) return say(fx, 'no plan yet: o opens a plan file');
  if (proveOf(fx.jobs)?.status === 'running') return say(fx, '--prove is running: x stops it');
  if (fx.slice.ask) return startProve(fx);
  // The estimate needs no names: the layout only counts namespaces and pairs.
  const layout = proveLayout(plan, simulate(plan), 'ndp');
  const ask = {
    namespaces: layout.namespaces.length,
    pairs: layout.rounds.reduce((n, r) => n + r.length, 0),
    seconds: proveEstimateSeconds(layout),
  };
  fx.ports.plan.canProve().then(
    (ok) => (ok ? fx.dispatch({ type: 'ask', ask }) : say(fx, PROVE_NEEDS_ROOT)),
    (err: unknown) => say(fx, `--prove: ${firstLine(err)}`),
  );
}

/** Enter after P: builds, pings, tears down, as a job. */
export function startProve(fx: Fx): void {
  const plan = fx.slice.plan;
  const ask = fx.slice.ask;
  if (!plan || !ask || proveOf(fx.jobs)?.status === 'running') return;
  fx.dispatch({ type: 'message', message: null });
  const initial: ProveRun = {
    plan,
    seconds: ask.seconds,
    progress: null,
    results: null,
    status: 'running',
    error: null,
  };
  fx.jobs.start<ProveRun>(
    PROVE_JOB,
    '--prove',
    initial,
    async (ctl) => {
      const results = await fx.ports.plan.prove(plan, ctl.signal, (progress) => {
        const before = ctl.current().progress?.stage;
        ctl.update((r) => ({ ...r, progress }));
        // A new stage is worth drawing now; counts within a stage wait for the tick.
        if (before !== progress.stage) ctl.notify();
      });
      ctl.update((r) => ({ ...r, results }));
    },
    (r, end) => ({
      ...r,
      status: end.status === 'running' ? 'done' : end.status,
      error: end.status === 'failed' ? end.error : null,
    }),
  );
}

export function stopProve(fx: Fx): void {
  fx.jobs.cancel(PROVE_JOB);
}
