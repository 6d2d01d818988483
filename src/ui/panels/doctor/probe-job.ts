/**
 * The Doctor's probes as a job of the app. `p` plans them for the question on screen
 * (src/probes/doctor/plan.ts decides every probe and its argv before anything is sent) and
 * shows, in words and commands, exactly what will leave this host; only `y` sends. Why wait
 * for `y` rather than send at once: opening the panel and asking a path send nothing, and
 * the person should read the list (which sources, which next hop, ARP on which interface)
 * before the first packet, as the ARP repair panel does. The job streams each probe's
 * result into its own state; `x` stops it, switching panels does not, quitting does.
 * Refused on a snapshot: the packets would leave this machine, not the recorded host.
 */
import type { ProbeResults } from '../../../diagnose/rule.js';
import { planDoctorProbes, type ProbePlan } from '../../../probes/doctor/plan.js';
import { probeResults } from '../../../probes/doctor/run.js';
import type { DoctorProbeEvent, ProbeOutcome } from '../../../probes/doctor/types.js';
import type { JobStatus, JobStore } from '../../jobs.js';
import type { PanelEffects } from '../../panel-module.js';
import { pathQuestion, questionKey, type Question } from './question.js';
import type { DoctorAction, DoctorView } from './state.js';
import { firstLine } from '../../../text/first-line.js';

/** The panel's id: the tab bar marks the panel whose job runs by that key (`6 Doctor*`). */
export const PROBE_JOB = 'doctor';

export interface ProbeJobState {
  readonly question: Question;
  readonly plan: ProbePlan;
  readonly status: JobStatus;
  /** The probe running now. */
  readonly running: string | null;
  readonly outcomes: readonly ProbeOutcome[];
  /** What the run proved, once it ended (also when stopped: what ran so far). */
  readonly results: ProbeResults | null;
  readonly cancelled: boolean;
  readonly error: string | null;
}

type Fx = PanelEffects<DoctorView, DoctorAction>;

export function probesOf(jobs: JobStore): ProbeJobState | null {
  return jobs.get<ProbeJobState>(PROBE_JOB)?.snapshot() ?? null;
}

/** The probe run that belongs to the question on screen, if any. */
export function probesFor(jobs: JobStore, question: Question | null): ProbeJobState | null {
  const run = probesOf(jobs);
  return run && question && questionKey(run.question) === questionKey(question) ? run : null;
}

/** What the rules may read of a run: only a run that ended proves anything. */
export function provenResults(run: ProbeJobState | null): ProbeResults | null {
  return run && run.status !== 'running' ? run.results : null;
}

export function foldProbeEvent(s: ProbeJobState, e: DoctorProbeEvent): ProbeJobState {
  switch (e.type) {
    case 'plan':
      return s;
    case 'start':
      return { ...s, running: e.probe.id };
    case 'result':
      return { ...s, running: null, outcomes: [...s.outcomes, e.outcome] };
    case 'finished':
      return { ...s, running: null, results: e.results, cancelled: e.cancelled };
  }
}

/** `p`: plans the probes for the question and shows them; sends nothing. */
export function planProbes(fx: Fx): void {
  const say = (message: string) => fx.dispatch({ type: 'message', message });
  const { app, slice } = fx;
  if (app.origin.kind === 'snapshot') {
    return say(
      `this is a snapshot (${app.origin.path}): probes would leave this machine, not the recorded host; run netdoctor there`,
    );
  }
  if (!app.host) return say('the host is still being read: press p again in a moment');
  const question = slice.question;
  if (!question) return say('p probes a path: press / and ask one first (DEST [from SRC])');
  if (probesOf(fx.jobs)?.status === 'running') return say('probes are running: x stops them');
  const host = app.host;
  const decision = pathQuestion(host, question).decision;
  say('reading which arping is installed (it sends nothing)…');
  fx.ports.doctor.arping().then(
    (arping) => {
      const plan = planDoctorProbes(host, decision, arping);
      if (plan.probes.length === 0) {
        return say(`nothing to probe: ${plan.skipped.join('; ') || 'no check fits this path'}`);
      }
      fx.dispatch({ type: 'pending', pending: { question, plan, arping } });
    },
    (err: unknown) => say(`cannot plan the probes: ${firstLine(err)}`),
  );
}

/** `y`: sends the probes shown. */
export function sendProbes(fx: Fx): void {
  const pending = fx.slice.pending;
  if (!pending) return;
  fx.dispatch({ type: 'pending', pending: null });
  const initial: ProbeJobState = {
    question: pending.question,
    plan: pending.plan,
    status: 'running',
    running: null,
    outcomes: [],
    results: null,
    cancelled: false,
    error: null,
  };
  fx.jobs.start<ProbeJobState>(
    PROBE_JOB,
    `probes to ${pending.question.to}`,
    initial,
    async (ctl) => {
      const events = fx.ports.doctor.runProbes(pending.plan, pending.arping, ctl.signal);
      for await (const event of events) {
        ctl.update((s) => foldProbeEvent(s, event));
        ctl.notify();
      }
    },
    (s, end) => ({
      ...s,
      status: end.status,
      error: end.error,
      running: null,
      cancelled: s.cancelled || end.status === 'cancelled',
      // Stopped or failed midway: what ran so far still proves what it proves.
      results: s.results ?? probeResults(s.outcomes),
    }),
  );
}

/** `x`: stops the probes (the running tool is killed). */
export function stopProbes(fx: Fx): void {
  fx.jobs.cancel(PROBE_JOB);
}
