/**
 * The ARP repair as a streaming, cancellable probe: where -> duplicate check -> send ->
 * verify. checkGarp runs the first two (they change nobody's cache) and ends `ready`;
 * sendGarp runs the last two once the person agreed; runGarp strings them together around a
 * confirmation. Cancelling the signal kills the running arping (runCommand passes it on).
 */
import type { Finding } from '../../diagnose/finding.js';
import type { HostState } from '../../state/host-state.js';
import { arpingArgv, missingFeature, type ArpingTask } from '../../parse/arping-argv.js';
import { parseArpingOutput, type ArpingResult } from '../../parse/arping.js';
import type { ArpSender, RawSocketAccess } from './arp-sender.js';
import { planGarp, requestProblem } from './where.js';
import { duplicateIpFinding, macWithVendor, toolMissingFinding } from './findings.js';
import {
  dadFreeLines,
  dadLines,
  noGatewayLines,
  plural,
  sendLines,
  storyLines,
  unverifiedLines,
  verifiedLines,
} from './explain.js';
import type {
  GarpEvent,
  GarpOutcome,
  GarpPlan,
  GarpReport,
  GarpRequest,
  GarpStepId,
  GarpStepReport,
  InstalledArping,
  ReadyToSend,
} from './types.js';

export interface GarpDeps {
  /** Reads this host (sends nothing). */
  readonly readHost: () => Promise<HostState>;
  readonly sender: ArpSender;
}

/** Duplicate address detection: two probes, three seconds at most (a free address waits). */
const DAD_PROBES = { count: 2, timeoutS: 3 };
/** The verification ping of the gateway. */
const VERIFY_PROBES = { count: 2, timeoutS: 3 };

/** Collects the steps and findings of one run, and builds its report. */
class Story {
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

function running(
  step: GarpStepId,
  summary: string,
  command: string | null,
  explain: string[] = [],
) {
  return { step, status: 'running', summary, explain, command, output: [] } as const;
}

function outputLines(out: { stdout: string; stderr: string }): string[] {
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

interface Ran {
  readonly result: ArpingResult;
  readonly command: string;
  readonly output: string[];
}

async function runTask(
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
async function* failedRun(
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

/** Steps 1 and 2: where, and is anyone else still holding it. Sends only the DAD probe. */
export async function* checkGarp(
  request: GarpRequest,
  deps: GarpDeps,
  signal?: AbortSignal,
): AsyncGenerator<GarpEvent> {
  const story = new Story(request);
  const problem = requestProblem(request);
  if (problem !== null) {
    yield story.step({ ...running('where', problem, null), status: 'problem' });
    yield story.finish('bad-request', problem);
    return;
  }
  yield story.step(running('where', 'reading this host (sends nothing)', null));
  let host: HostState;
  try {
    host = await deps.readHost();
  } catch (err) {
    const message = `could not read this host: ${err instanceof Error ? err.message : String(err)}`;
    yield story.step({ ...running('where', message, null), status: 'failed' });
    yield story.finish('failed', message);
    return;
  }
  const where = planGarp(host, request);
  if (!where.ok) {
    yield story.step(where.report);
    yield story.finish(where.outcome, where.message, where.fix);
    return;
  }
  const plan = where.plan;
  story.plan = plan;
  yield { type: 'plan', plan };

  const arping = await deps.sender.detect(signal);
  story.arping = arping;
  const tasks = tasksFor(plan);
  const lacking = arping
    ? (missingFeature(arping.features, tasks.dad) ??
      missingFeature(arping.features, tasks.announce) ??
      missingFeature(arping.features, tasks.verify))
    : null;
  if (arping === null || lacking !== null) {
    const finding = toolMissingFinding(
      arping?.features.flavour ?? null,
      lacking,
      arping?.versionLine ?? null,
    );
    yield story.finding(finding);
    yield story.step({ ...where.report, status: 'problem', summary: finding.title });
    yield story.finish(
      'tool-missing',
      `${finding.title}: apt-get install iputils-arping`,
      finding.fix,
    );
    return;
  }
  yield story.step({
    ...where.report,
    explain: [
      ...storyLines(plan),
      ...where.report.explain,
      `Using ${arping.versionLine ?? 'arping'} (${arping.path ?? 'arping'}).`,
    ],
  });

  const dadCommand = arpingArgv(arping.features.flavour, tasks.dad).join(' ');
  yield story.step(running('dad', `asking who else has ${plan.ip}`, dadCommand, dadLines(plan)));
  const dad = await runTask(deps.sender, arping, tasks.dad, signal);
  if (dad.result.failure !== null || signal?.aborted) {
    yield* failedRun(story, 'dad', dad, arping, deps.sender, signal);
    return;
  }
  // Our own MAC answering would be a loop on the segment, not a second holder.
  const others = dad.result.replies.filter((r) => r.mac !== plan.mac && r.ip === plan.ip);
  if (others.length > 0) {
    const finding = duplicateIpFinding(plan.ip, plan.prefixlen, others, dad.command);
    yield story.finding(finding);
    yield story.step({
      step: 'dad',
      status: 'problem',
      summary: `${plan.ip} is still held by ${[...new Set(others.map((r) => macWithVendor(r.mac)))].join(', ')}`,
      explain: dadLines(plan),
      command: dad.command,
      output: dad.output,
    });
    yield story.finish('duplicate', `refusing to announce: ${finding.title}`, finding.fix);
    return;
  }
  yield story.step({
    step: 'dad',
    status: 'ok',
    summary: `nobody else answered for ${plan.ip} (${plural(dad.result.sent ?? DAD_PROBES.count, 'probe')})`,
    explain: [...dadLines(plan), ...dadFreeLines(plan)],
    command: dad.command,
    output: dad.output,
  });
  yield { type: 'ready', ready: { request, plan, arping, steps: [...story.steps.values()] } };
}

function tasksFor(plan: GarpPlan) {
  return {
    dad: { kind: 'dad', iface: plan.iface, ip: plan.ip, ...DAD_PROBES },
    announce: {
      kind: 'announce',
      iface: plan.iface,
      ip: plan.ip,
      target: plan.gateway ?? plan.ip,
      count: plan.count,
      mode: plan.mode,
    },
    verify: {
      kind: 'ping',
      iface: plan.iface,
      source: plan.ip,
      target: plan.gateway ?? plan.ip,
      ...VERIFY_PROBES,
    },
  } as const satisfies Record<string, ArpingTask>;
}

/** Steps 3 and 4: tell the network, and check the gateway took it. Changes other caches. */
export async function* sendGarp(
  ready: ReadyToSend,
  deps: GarpDeps,
  signal?: AbortSignal,
): AsyncGenerator<GarpEvent> {
  const { plan, arping } = ready;
  const story = new Story(ready.request, ready.steps);
  story.plan = plan;
  story.arping = arping;
  const tasks = tasksFor(plan);

  const sendCommand = arpingArgv(arping.features.flavour, tasks.announce).join(' ');
  yield story.step(
    running(
      'send',
      `sending ${plural(plan.count, `unsolicited ARP ${plan.mode}`)}`,
      sendCommand,
      sendLines(plan),
    ),
  );
  const sent = await runTask(deps.sender, arping, tasks.announce, signal);
  if (sent.result.failure !== null || signal?.aborted) {
    yield* failedRun(story, 'send', sent, arping, deps.sender, signal);
    return;
  }
  const to = plan.gateway ? ` to ${plan.gateway}` : '';
  yield story.step({
    step: 'send',
    status: 'ok',
    summary: `sent ${plural(sent.result.sent ?? plan.count, `unsolicited ARP ${plan.mode}`)}${to}: ${plan.ip} is at ${plan.mac}`,
    explain: sendLines(plan),
    command: sent.command,
    output: sent.output,
  });

  if (plan.gateway === null) {
    yield story.step({
      step: 'verify',
      status: 'skipped',
      summary: 'no gateway to check against',
      explain: noGatewayLines(plan),
      command: null,
      output: [],
    });
    yield story.finish(
      'sent',
      `announced ${plan.ip} at ${plan.mac} on ${plan.iface}; no gateway to verify against`,
    );
    return;
  }
  const verifyCommand = arpingArgv(arping.features.flavour, tasks.verify).join(' ');
  yield story.step(running('verify', `ARP-pinging ${plan.gateway} from ${plan.ip}`, verifyCommand));
  const check = await runTask(deps.sender, arping, tasks.verify, signal);
  if (check.result.failure !== null || signal?.aborted) {
    yield* failedRun(story, 'verify', check, arping, deps.sender, signal);
    return;
  }
  const gatewayReply = check.result.replies.find((r) => r.ip === plan.gateway);
  if (!gatewayReply) {
    yield story.step({
      step: 'verify',
      status: 'problem',
      summary: `${plan.gateway} did not answer from ${plan.ip}`,
      explain: unverifiedLines(plan),
      command: check.command,
      output: check.output,
    });
    yield story.finish(
      'unverified',
      `announced ${plan.ip}, but ${plan.gateway} did not answer an ARP ping from it`,
    );
    return;
  }
  yield story.step({
    step: 'verify',
    status: 'ok',
    summary: `${plan.gateway} (${gatewayReply.mac}) answers ${plan.ip} at our MAC ${plan.mac}`,
    explain: verifiedLines(plan, gatewayReply.mac, arping.features.flavour),
    command: check.command,
    output: check.output,
  });
  yield story.finish(
    'verified',
    `${plan.gateway} now answers ${plan.ip} at ${plan.mac}: traffic for ${plan.ip} comes to this server`,
  );
}

/** The whole repair: check, ask `confirm`, then send. Declining ends it with nothing sent. */
export async function* runGarp(
  request: GarpRequest,
  deps: GarpDeps,
  confirm: (ready: ReadyToSend) => Promise<boolean>,
  signal?: AbortSignal,
): AsyncGenerator<GarpEvent> {
  let ready: ReadyToSend | null = null;
  for await (const event of checkGarp(request, deps, signal)) {
    yield event;
    if (event.type === 'ready') ready = event.ready;
  }
  if (ready === null) return;
  if (signal?.aborted) {
    yield declined(ready, 'cancelled', 'cancelled before anything was announced');
    return;
  }
  if (!(await confirm(ready))) {
    yield declined(ready, 'declined', 'nothing sent: the announcement was not confirmed');
    return;
  }
  yield* sendGarp(ready, deps, signal);
}

/** The end of a run that stopped at the confirmation: nothing was announced. */
export function declined(
  ready: ReadyToSend,
  outcome: 'declined' | 'cancelled',
  message: string,
): GarpEvent {
  const story = new Story(ready.request, ready.steps);
  story.plan = ready.plan;
  story.arping = ready.arping;
  return story.finish(outcome, message);
}
