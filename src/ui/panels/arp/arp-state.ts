/**
 * The ARP repair panel's part of the store: which address is chosen, how to announce, and
 * the run in progress, fed by the probe's events. Pure; the root reducer delegates here.
 */
import type { Finding } from '../../../diagnose/finding.js';
import type { HostState } from '../../../state/host-state.js';
import type { AnnounceMode } from '../../../parse/arping-argv.js';
import { declined } from '../../../probes/garp/probe.js';
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
  /** Tells runs apart, so a late event of an old run is dropped. */
  readonly id: number;
  readonly request: GarpRequest;
  readonly phase: ArpPhase;
  readonly steps: Readonly<Partial<Record<GarpStepId, GarpStepReport>>>;
  readonly findings: readonly Finding[];
  readonly plan: GarpPlan | null;
  readonly ready: ReadyToSend | null;
  readonly report: GarpReport | null;
  /** The person pressed cancel; the runner aborts the probe, which then finishes `cancelled`. */
  readonly cancelRequested: boolean;
}

export interface ArpState {
  /** Index into the host's candidate addresses. */
  readonly selected: number;
  readonly mode: AnnounceMode;
  readonly count: number;
  readonly run: ArpRun | null;
}

export const initialArpState: ArpState = {
  selected: 0,
  mode: 'request',
  count: DEFAULT_COUNT,
  run: null,
};

export type ArpAction =
  | { readonly type: 'arp/select'; readonly by: 1 | -1 }
  | { readonly type: 'arp/mode-toggle' }
  /** Check the chosen address: where, and whether anyone else holds it. */
  | { readonly type: 'arp/start' }
  | { readonly type: 'arp/confirm' }
  /** At the confirmation: no. While running: stop (the runner aborts the probe). */
  | { readonly type: 'arp/cancel' }
  | { readonly type: 'arp/event'; readonly runId: number; readonly event: GarpEvent };

const ARP_ACTION_TYPES: ReadonlySet<string> = new Set([
  'arp/select',
  'arp/mode-toggle',
  'arp/start',
  'arp/confirm',
  'arp/cancel',
  'arp/event',
]);

export function isArpAction(action: { readonly type: string }): action is ArpAction {
  return ARP_ACTION_TYPES.has(action.type);
}

/** What the arp reducer reads from the rest of the store. */
export interface ArpContext {
  readonly host: HostState | null;
  /** Only a live host can be repaired: a snapshot is another host, another time. */
  readonly live: boolean;
}

function busy(run: ArpRun | null): boolean {
  return run !== null && run.phase !== 'finished';
}

function applyEvent(run: ArpRun, event: GarpEvent): ArpRun {
  switch (event.type) {
    case 'plan':
      return { ...run, plan: event.plan };
    case 'step':
      return { ...run, steps: { ...run.steps, [event.report.step]: event.report } };
    case 'finding':
      return { ...run, findings: [...run.findings, event.finding] };
    case 'ready':
      // A cancel pressed during the check ends it here, before anything is announced.
      if (run.cancelRequested) {
        return finished(
          run,
          declined(event.ready, 'cancelled', 'cancelled before anything was announced'),
        );
      }
      return { ...run, phase: 'confirm', ready: event.ready, plan: event.ready.plan };
    case 'finished':
      return finished(run, event);
  }
}

function finished(run: ArpRun, event: GarpEvent): ArpRun {
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
  };
}

export function arpReducer(state: ArpState, action: ArpAction, ctx: ArpContext): ArpState {
  const candidates = ctx.host ? arpCandidates(ctx.host) : [];
  switch (action.type) {
    case 'arp/select': {
      if (busy(state.run) || candidates.length === 0) return state;
      const selected = Math.max(0, Math.min(candidates.length - 1, state.selected + action.by));
      return { ...state, selected };
    }
    case 'arp/mode-toggle':
      if (busy(state.run)) return state;
      return { ...state, mode: state.mode === 'request' ? 'reply' : 'request' };
    case 'arp/start': {
      const chosen = candidates[Math.min(state.selected, candidates.length - 1)];
      if (!ctx.live || busy(state.run) || !chosen) return state;
      return {
        ...state,
        run: {
          id: (state.run?.id ?? 0) + 1,
          request: { ip: chosen.ip, iface: chosen.iface, count: state.count, mode: state.mode },
          phase: 'checking',
          steps: {},
          findings: [],
          plan: null,
          ready: null,
          report: null,
          cancelRequested: false,
        },
      };
    }
    case 'arp/confirm':
      if (state.run?.phase !== 'confirm') return state;
      return { ...state, run: { ...state.run, phase: 'sending' } };
    case 'arp/cancel': {
      const run = state.run;
      if (!run || run.phase === 'finished') return state;
      if (run.phase === 'confirm' && run.ready) {
        const no = declined(
          run.ready,
          'declined',
          'nothing sent: the announcement was not confirmed',
        );
        return { ...state, run: finished(run, no) };
      }
      return { ...state, run: { ...run, cancelRequested: true } };
    }
    case 'arp/event': {
      const run = state.run;
      if (!run || run.id !== action.runId || run.phase === 'finished') return state;
      return { ...state, run: applyEvent(run, action.event) };
    }
  }
}
