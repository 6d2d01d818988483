/**
 * The repair as a job of the app: the check, the confirmation, the send and verify, folded
 * into an ArpRun the panel draws on each tick. It goes on while the person looks at another
 * panel; x stops it (and kills arping), quitting stops it too.
 */
import { runGarp } from '../../../probes/garp/probe.js';
import type { JobStore } from '../../jobs.js';
import type { PanelEffects } from '../../panel-module.js';
import {
  applyEvent,
  busy,
  finished,
  newRun,
  type ArpAction,
  type ArpRun,
  type ArpState,
} from './arp-state.js';
import { arpCandidates } from './candidates.js';

export const ARP_JOB = 'arp';

type Fx = PanelEffects<ArpState, ArpAction>;

export function repairOf(jobs: JobStore): ArpRun | null {
  return jobs.get<ArpRun>(ARP_JOB)?.snapshot() ?? null;
}

/** A run that ended without the probe's own last word: say why, in the probe's words. */
function endedAbruptly(run: ArpRun, outcome: 'failed' | 'cancelled', message: string): ArpRun {
  return finished(run, {
    type: 'finished',
    report: {
      request: run.request,
      plan: run.plan,
      arping: null,
      steps: Object.values(run.steps).filter((s) => s !== undefined),
      findings: [...run.findings],
      outcome,
      message,
      fix: [],
    },
  });
}

/** Enter: check the chosen address (where, who else holds it), then wait for y or n. */
export function startRepair(fx: Fx): void {
  if (fx.app.origin.kind !== 'live' || !fx.app.host || busy(repairOf(fx.jobs))) return;
  const candidates = arpCandidates(fx.app.host);
  const chosen = candidates[Math.min(fx.slice.selected, candidates.length - 1)];
  if (!chosen) return;
  const request = {
    ip: chosen.ip,
    iface: chosen.iface,
    count: fx.slice.count,
    mode: fx.slice.mode,
  };
  const deps = fx.ports.garp;
  fx.jobs.start<ArpRun>(
    ARP_JOB,
    `ARP repair ${chosen.ip}`,
    newRun(request),
    async (ctl) => {
      if (deps === null) throw new Error('no ARP sender is wired to this TUI');
      const confirm = () =>
        new Promise<boolean>((resolve) => {
          const answer = (yes: boolean) => {
            ctl.update((r) => ({ ...r, phase: yes ? 'sending' : r.phase, answer: null }));
            resolve(yes);
          };
          ctl.update((r) => ({ ...r, answer }));
          ctl.notify();
        });
      for await (const event of runGarp(request, deps, confirm, ctl.signal)) {
        ctl.update((r) => applyEvent(r, event));
        // The steps matter to the person as they happen: draw them now, not on the tick.
        ctl.notify();
      }
    },
    (run, end) => {
      if (run.phase === 'finished') return run;
      if (end.status === 'failed') {
        return endedAbruptly(run, 'failed', `the repair failed: ${end.error ?? 'unknown error'}`);
      }
      return endedAbruptly(run, 'cancelled', 'cancelled');
    },
  );
}

/** y: send, when the repair waits at the confirmation. */
export function confirmRepair(fx: Fx): void {
  const run = repairOf(fx.jobs);
  if (run?.phase === 'confirm') run.answer?.(true);
}

/** n or x: at the confirmation, send nothing; while running, stop (arping is killed). */
export function cancelRepair(fx: Fx): void {
  const run = repairOf(fx.jobs);
  if (!run || run.phase === 'finished') return;
  if (run.phase === 'confirm' && run.answer) run.answer(false);
  else fx.jobs.cancel(ARP_JOB);
}
