/**
 * The ARP repair as a streaming, cancellable probe: where -> duplicate check -> send ->
 * verify. checkGarp runs the first two (they change nobody's cache) and ends `ready`;
 * sendGarp runs the last two once the person agreed; runGarp strings them together around a
 * confirmation. Cancelling the signal kills the running arping or ping (runCommand passes it
 * on).
 */
import type { HostState } from '../../state/host-state.js';
import { arpingArgv, missingFeature, type ArpingTask } from '../../parse/arping-argv.js';
import type { ArpSender } from './arp-sender.js';
import { planGarp, requestProblem } from './where.js';
import {
  duplicateIpFinding,
  macWithVendor,
  pingMissingFinding,
  toolMissingFinding,
} from './findings.js';
import {
  dadFreeLines,
  dadLines,
  noGatewayLines,
  plural,
  sendLines,
  storyLines,
} from './explain.js';
import { Story, failedRun, running, runTask } from './story.js';
import { verifyGateway } from './verify.js';
import type { GarpEvent, GarpPlan, GarpRequest, ReadyToSend } from './types.js';

export interface GarpDeps {
  /** Reads this host (sends nothing). */
  readonly readHost: () => Promise<HostState>;
  readonly sender: ArpSender;
}

/** Duplicate address detection: two probes, three seconds at most (a free address waits). */
const DAD_PROBES = { count: 2, timeoutS: 3 };
/** The ARP ping of the gateway that starts the check: is it on the segment at all? */
const VERIFY_PROBES = { count: 2, timeoutS: 3 };

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
  // The check needs ping: without it nothing could tell whether the gateway listened, so
  // nothing is announced.
  if (plan.gateway !== null && !(await deps.sender.pingInstalled())) {
    const finding = pingMissingFinding();
    yield story.finding(finding);
    yield story.step({ ...where.report, status: 'problem', summary: finding.title });
    yield story.finish('tool-missing', `${finding.title}: ${finding.fix.join(' ')}`, finding.fix);
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
  yield story.step(
    running('verify', `ARP-pinging ${plan.gateway} from ${plan.ip}: is it there?`, verifyCommand),
  );
  yield* verifyGateway(story, plan, plan.gateway, arping, deps.sender, tasks.verify, signal);
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
