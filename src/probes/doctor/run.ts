/**
 * Runs the planned checks one after another and streams what happens, so a panel can run
 * them as a background job and a command can print as they go. Each check is announced
 * before it runs; aborting the signal kills the running tool and ends the run.
 */
import type { PingProbeResult, ProbeResults } from '../../diagnose/rule.js';
import { parsePingOutput, pingEvidenceLines } from '../../parse/ping.js';
import { parseArpingOutput } from '../../parse/arping.js';
import { commandKey } from '../../snapshot/sources.js';
import type { ArpingFlavour } from '../../parse/tool-versions.js';
import type { ProbePlan } from './plan.js';
import type { DoctorProbeDeps, DoctorProbeEvent, PlannedProbe, ProbeOutcome } from './types.js';

async function runOne(
  probe: PlannedProbe,
  deps: DoctorProbeDeps,
  arping: ArpingFlavour | null,
  signal?: AbortSignal,
): Promise<ProbeOutcome> {
  const out = await deps.run(probe.argv, signal);
  if (out.error === 'not-installed') {
    const pkg = probe.kind === 'arp' ? 'iputils-arping' : 'iputils-ping';
    return {
      probe,
      answered: false,
      lines: [],
      error: `${probe.argv[0]} is not installed (apt-get install ${pkg})`,
    };
  }
  if (out.error === 'cancelled') return { probe, answered: false, lines: [], error: 'cancelled' };
  if (probe.kind === 'arp') {
    const parsed = parseArpingOutput(arping ?? 'iputils', 'ping', {
      argv: probe.argv,
      exitCode: out.exitCode,
      stdout: out.stdout,
      stderr: out.stderr,
    });
    const lines = [
      ...parsed.replies.slice(0, 2).map((r) => r.line),
      ...(parsed.sent !== null ? [`sent ${parsed.sent}, received ${parsed.received ?? 0}`] : []),
    ];
    return {
      probe,
      answered: parsed.answered,
      lines: lines.length ? lines : [parsed.answered ? 'answered' : 'no answer'],
      error: parsed.failure ? parsed.failure.message : null,
    };
  }
  const parsed = parsePingOutput(out.stdout, out.stderr);
  return {
    probe,
    answered: parsed.answered,
    lines: pingEvidenceLines(parsed),
    // "connect: Network is unreachable" is an answer about the path, not a broken probe.
    error: null,
  };
}

function pingResult(o: ProbeOutcome): PingProbeResult {
  return {
    target: o.probe.target,
    source: o.probe.source,
    iface: o.probe.iface,
    answered: o.answered,
    command: commandKey(o.probe.argv),
    lines: o.error ? [o.error] : o.lines,
  };
}

/** What the checks proved, in the shape the rules read (ctx.probes). */
export function probeResults(outcomes: readonly ProbeOutcome[]): ProbeResults {
  const ping = outcomes.find((o) => o.probe.kind === 'ping' && o.error === null);
  const arp = outcomes.find((o) => o.probe.kind === 'arp' && o.error === null);
  const returns = outcomes.filter((o) => o.probe.kind === 'return-path' && o.error === null);
  return {
    ...(ping ? { ping: pingResult(ping) } : {}),
    ...(arp && arp.probe.iface
      ? {
          nextHopArp: {
            nextHop: arp.probe.target,
            iface: arp.probe.iface,
            answered: arp.answered,
            command: commandKey(arp.probe.argv),
            lines: arp.lines,
          },
        }
      : {}),
    ...(returns.length >= 2 && returns[0]
      ? { returnPath: { target: returns[0].probe.target, attempts: returns.map(pingResult) } }
      : {}),
  };
}

export async function* runDoctorProbes(
  plan: ProbePlan,
  deps: DoctorProbeDeps,
  arping: ArpingFlavour | null,
  signal?: AbortSignal,
): AsyncGenerator<DoctorProbeEvent> {
  yield { type: 'plan', probes: plan.probes, skipped: plan.skipped };
  const outcomes: ProbeOutcome[] = [];
  for (const probe of plan.probes) {
    if (signal?.aborted) break;
    yield { type: 'start', probe };
    const outcome = await runOne(probe, deps, arping, signal);
    if (signal?.aborted) break;
    outcomes.push(outcome);
    yield { type: 'result', outcome };
  }
  yield {
    type: 'finished',
    outcomes,
    results: probeResults(outcomes),
    cancelled: signal?.aborted ?? false,
  };
}
