/**
 * Step 4, "check it took": does the gateway now send the moved address's traffic here?
 * An ARP ping of the gateway shows only that it is on the segment: its answer goes back to
 * whoever asked, whatever its cache holds for the address. The proof is an ICMP echo from the
 * moved address: the gateway's reply travels on its neighbour entry for that address, so it
 * comes back only when the entry holds our MAC. When it does not come back, the same echo
 * from another address of ours tells a gateway that kept the old MAC from one that drops pings.
 */
import type { GarpCheckResult, PingProbeResult } from '../../diagnose/rule.js';
import type { ArpingTask } from '../../parse/arping-argv.js';
import { parsePingOutput, pingEvidenceLines } from '../../parse/ping.js';
import { pingArgv } from '../doctor/plan.js';
import type { ArpSender } from './arp-sender.js';
import { keptOldMacFinding } from './findings.js';
import { keptLines, unverifiedLines, verifiedLines } from './explain.js';
import { failedRun, outputLines, runTask, type Story } from './story.js';
import type {
  GarpEvent,
  GarpPlan,
  GarpStepReport,
  GarpStepStatus,
  InstalledArping,
  StepRun,
} from './types.js';

/** One ping of the gateway, as the step shows it and as the rule reads it. */
interface Echo {
  readonly run: StepRun;
  readonly result: PingProbeResult;
  /** Why ping did not do its work (not installed, cancelled, its own complaint); null when it did. */
  readonly failure: string | null;
}

async function echo(
  sender: ArpSender,
  plan: GarpPlan,
  gateway: string,
  source: string,
  signal?: AbortSignal,
): Promise<Echo> {
  const argv = pingArgv(gateway, source);
  const out = await sender.ping(argv, signal);
  const parsed = parsePingOutput(out.stdout, out.stderr);
  const failure =
    out.error === 'not-installed'
      ? 'ping is not installed (apt-get install iputils-ping)'
      : (out.error ?? parsed.failure);
  const command = argv.join(' ');
  return {
    run: { command, output: outputLines(out) },
    result: {
      target: gateway,
      source,
      iface: plan.iface,
      answered: parsed.answered,
      command,
      lines: pingEvidenceLines(parsed),
    },
    failure,
  };
}

/** The check's step report: the ARP ping first, then the pings that ran after it. */
function checkReport(
  status: GarpStepStatus,
  summary: string,
  explain: readonly string[],
  arp: { command: string; output: string[] },
  more?: StepRun[],
): GarpStepReport {
  return {
    step: 'verify',
    status,
    summary,
    explain,
    command: arp.command,
    output: arp.output,
    ...(more ? { more } : {}),
  };
}

/** Runs step 4 against `gateway` and ends the story: verified, unverified, or failed. */
export async function* verifyGateway(
  story: Story,
  plan: GarpPlan,
  gateway: string,
  arping: InstalledArping,
  sender: ArpSender,
  arpTask: ArpingTask,
  signal?: AbortSignal,
): AsyncGenerator<GarpEvent> {
  const arp = await runTask(sender, arping, arpTask, signal);
  if (arp.result.failure !== null || signal?.aborted) {
    yield* failedRun(story, 'verify', arp, arping, sender, signal);
    return;
  }
  const gatewayReply = arp.result.replies.find((r) => r.ip === gateway);
  if (!gatewayReply) {
    yield story.step(
      checkReport(
        'problem',
        `${gateway} did not answer an ARP ping from ${plan.ip}`,
        unverifiedLines(plan),
        arp,
      ),
    );
    yield story.finish(
      'unverified',
      `announced ${plan.ip}, but ${gateway} did not answer an ARP ping from it: nothing shows it took the new MAC`,
    );
    return;
  }

  const pings: Echo[] = [];
  const more = () => pings.map((p) => p.run);
  const ping = async function* (source: string, summary: string) {
    const command = pingArgv(gateway, source).join(' ');
    yield story.step(
      checkReport('running', summary, [], arp, [...more(), { command, output: [] }]),
    );
    const done = await echo(sender, plan, gateway, source, signal);
    pings.push(done);
    return done;
  };
  const failed = (p: Echo): GarpEvent[] => {
    const cancelled = signal?.aborted === true;
    const message = cancelled ? 'cancelled: ping was stopped' : `ping failed: ${p.failure}`;
    return [
      story.step(checkReport('failed', message, [], arp, more())),
      story.finish(
        cancelled ? 'cancelled' : 'failed',
        cancelled ? message : `${message}; the announcements went out, unchecked`,
      ),
    ];
  };

  const fromIp = yield* ping(
    plan.ip,
    `${gateway} answers ARP; pinging it from ${plan.ip}: does its reply come back here?`,
  );
  if (fromIp.failure !== null || signal?.aborted) {
    yield* failed(fromIp);
    return;
  }
  if (fromIp.result.answered) {
    yield story.step(
      checkReport(
        'ok',
        `${gateway} answers pings from ${plan.ip}: its entry for ${plan.ip} holds our MAC ${plan.mac}`,
        verifiedLines(plan, gatewayReply.mac),
        arp,
        more(),
      ),
    );
    yield story.finish(
      'verified',
      `${gateway} now sends ${plan.ip}'s traffic to ${plan.mac} (it answers pings from ${plan.ip}): traffic for ${plan.ip} comes to this server`,
    );
    return;
  }

  let control: Echo | null = null;
  if (plan.compareFrom !== null) {
    control = yield* ping(
      plan.compareFrom,
      `no answer to ${plan.ip}; pinging ${gateway} from ${plan.compareFrom} to compare`,
    );
    if (control.failure !== null || signal?.aborted) {
      yield* failed(control);
      return;
    }
  }
  const check: GarpCheckResult = {
    ip: plan.ip,
    mac: plan.mac,
    iface: plan.iface,
    gateway,
    gatewayMac: gatewayReply.mac,
    arpCommand: arp.command,
    arpLines: [gatewayReply.line],
    echo: fromIp.result,
    control: control?.result ?? null,
  };
  const finding = keptOldMacFinding(check);
  yield story.finding(finding);
  yield story.step(
    checkReport(
      'problem',
      `${gateway} answers ARP but not a ping from ${plan.ip}`,
      keptLines(check),
      arp,
      more(),
    ),
  );
  yield story.finish(
    'unverified',
    `${finding.title}; fix, on ${finding.box?.words ?? gateway}: ${firstCommand(finding.fix)}`,
    finding.fix,
  );
}

/** The first line of a fix list that is a command, not a comment. */
function firstCommand(fix: readonly string[]): string {
  return fix.find((l) => !l.startsWith('#')) ?? '';
}
