/**
 * One repair run's bookkeeping (the steps and findings so far, and the report they end in)
 * and running one arping task within it: shared by the probe's stages.
 */
import type { Finding } from '../../diagnose/finding.js';
import { arpingArgv, type ArpingTask } from '../../parse/arping-argv.js';
import { parseArpingOutput, type ArpingResult } from '../../parse/arping.js';
import type { ArpSender, RawSocketAccess } from './arp-sender.js';
import type {
  GarpEvent,
  GarpOutcome,
  GarpPlan,
  GarpReport,
  GarpRequest,
  GarpStepId,
  GarpStepReport,
  InstalledArping,
} from './types.js';

/** Collects the steps and findings of one run, and builds its report. */
export class Story {
  readonly steps = new Map<GarpStepId, GarpStepReport>();
  readonly findings: Finding[] = [];
  plan: GarpPlan | null = null;
  arping: InstalledArping | null = null;

  constructor(
    readonly request: GarpRequest,
    prior: readonly GarpStepReport[] = [],
  ) {
    for (const s of prior) this.steps.set(s.step, s);
  }

  step(report: GarpStepReport): GarpEvent {
    this.steps.set(report.step, report);
    return { type: 'step', report };
  }

  finding(finding: Finding): GarpEvent {
    this.findings.push(finding);
    return { type: 'finding', finding };
  }

  finish(outcome: GarpOutcome, message: string, fix: readonly string[] = []): GarpEvent {
    const report: GarpReport = {
      request: this.request,
      plan: this.plan,
      arping: this.arping && {
        path: this.arping.path,
        flavour: this.arping.features.flavour,
        version: this.arping.versionLine,
      },
      steps: [...this.steps.values()],
      findings: this.findings,
      outcome,
      message,
      fix,
    };
    return { type: 'finished', report };
  }
}

export function running(
  step: GarpStepId,
  summary: string,
  command: string | null,
  explain: string[] = [],
) {
  return { step, status: 'running', summary, explain, command, output: [] } as const;
}

export function outputLines(out: { stdout: string; stderr: string }): string[] {
  return `${out.stdout}\n${out.stderr}`
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
}

/** What to do about a raw socket arping could not open, for who this process is. */
function privilegeMessage(arping: InstalledArping, access: RawSocketAccess): string {
  const path = arping.path ?? '$(command -v arping)';
  if (access === 'root-without-cap') {
    return `arping needs CAP_NET_RAW to send ARP, and this root process lacks it (a container started without NET_RAW?): run netdoctor where CAP_NET_RAW is granted (docker run --cap-add NET_RAW)`;
  }
  return `arping needs CAP_NET_RAW to send ARP: run netdoctor with sudo, or grant it to arping: sudo setcap cap_net_raw+ep ${path}`;
}

export interface Ran {
  readonly result: ArpingResult;
  readonly command: string;
  readonly output: string[];
}

export async function runTask(
  sender: ArpSender,
  arping: InstalledArping,
  task: ArpingTask,
  signal?: AbortSignal,
): Promise<Ran> {
  const argv = arpingArgv(arping.features.flavour, task);
  const out = await sender.run(argv, signal);
  return {
    result: parseArpingOutput(arping.features.flavour, task.kind, out),
    command: argv.join(' '),
    output: outputLines(out),
  };
}

/**
 * A failed arping run as the step's report and the run's end. No privilege gets the sudo /
 * setcap advice; anything else shows arping's own words.
 */
export async function* failedRun(
  story: Story,
  step: GarpStepId,
  ran: Ran,
  arping: InstalledArping,
  sender: ArpSender,
  signal?: AbortSignal,
): AsyncGenerator<GarpEvent> {
  const failure = ran.result.failure;
  if (signal?.aborted) {
    yield story.step({
      ...running(step, 'cancelled', ran.command),
      status: 'failed',
      output: ran.output,
    });
    yield story.finish('cancelled', 'cancelled: arping was stopped');
    return;
  }
  const message =
    failure?.kind === 'no-privilege'
      ? privilegeMessage(arping, await sender.rawSocketAccess())
      : `arping failed: ${failure?.message ?? 'no answer from arping'}`;
  yield story.step({
    ...running(step, message, ran.command),
    status: 'failed',
    output: ran.output,
  });
  yield story.finish(failure?.kind === 'no-privilege' ? 'needs-privilege' : 'failed', message);
}
