/**
 * The ARP repair panel's slice (which address is chosen, how to announce) and the repair's
 * run, which lives in the app's job store and folds the probe's events here. Pure.
 */
import type { Finding } from '../../../diagnose/finding.js';
import type { HostState } from '../../../state/host-state.js';
import type { AnnounceMode } from '../../../parse/arping-argv.js';
import {
  DEFAULT_COUNT,
  type GarpEvent,
  type GarpPlan,
  type GarpReport,
  type GarpRequest,
  type GarpStepId,
  type GarpStepReport,
  type ReadyToSend,
} from '../../../probes/garp/types.js';
import { arpCandidates } from './candidates.js';

/**
 * `checking`: where and duplicate check run (no cache changes). `confirm`: waiting for the
 * person's yes. `sending`: announce and verify run. `finished`: the report is in.
 */
export type ArpPhase = 'checking' | 'confirm' | 'sending' | 'finished';

export interface ArpRun {
  readonly request: GarpRequest;
  readonly phase: ArpPhase;
  readonly steps: Readonly<Partial<Record<GarpStepId, GarpStepReport>>>;
  readonly findings: readonly Finding[];
  readonly plan: GarpPlan | null;
  readonly ready: ReadyToSend | null;
  readonly report: GarpReport | null;
  /** At the confirmation: the answer the waiting repair takes (y or n). */
  readonly answer: ((yes: boolean) => void) | null;
}

export interface ArpState {
  /** Index into the host's candidate addresses. */
  readonly selected: number;
  readonly mode: AnnounceMode;
  readonly count: number;
}

export const initialArpState: ArpState = {
  selected: 0,
  mode: 'request',
  count: DEFAULT_COUNT,
};

export type ArpAction =
  { readonly type: 'select'; readonly by: 1 | -1 } | { readonly type: 'mode-toggle' };

/** A run that has not finished: the chooser and mode wait for it. */
export function busy(run: ArpRun | null): boolean {
  return run !== null && run.phase !== 'finished';
}

/** A new run of the check for `request`. */
export function newRun(request: GarpRequest): ArpRun {
  return {
    request,
    phase: 'checking',
    steps: {},
    findings: [],
    plan: null,
    ready: null,
    report: null,
    answer: null,
  };
}

/** Folds one of the probe's events into the run. */
export function applyEvent(run: ArpRun, event: GarpEvent): ArpRun {
  switch (event.type) {
    case 'plan':
      return { ...run, plan: event.plan };
    case 'step':
      return { ...run, steps: { ...run.steps, [event.report.step]: event.report } };
    case 'finding':
      return { ...run, findings: [...run.findings, event.finding] };
    case 'ready':
      return { ...run, phase: 'confirm', ready: event.ready, plan: event.ready.plan };
    case 'finished':
      return finished(run, event);
  }
}

export function finished(run: ArpRun, event: GarpEvent): ArpRun {
  if (event.type !== 'finished') return run;
  const steps: Partial<Record<GarpStepId, GarpStepReport>> = {};
  for (const s of event.report.steps) steps[s.step] = s;
  return {
    ...run,
    phase: 'finished',
    report: event.report,
    steps,
    findings: event.report.findings,
    plan: event.report.plan ?? run.plan,
    answer: null,
  };
}

export function arpReducer(state: ArpState, action: ArpAction, host: HostState | null): ArpState {
  switch (action.type) {
    case 'select': {
      const candidates = host ? arpCandidates(host) : [];
      if (candidates.length === 0) return state;
      const selected = Math.max(0, Math.min(candidates.length - 1, state.selected + action.by));
      return { ...state, selected };
    }
    case 'mode-toggle':
      return { ...state, mode: state.mode === 'request' ? 'reply' : 'request' };
  }
}
