/**
 * Runs the planned checks one after another and streams what happens, so a panel can run
 * them as a background job and a command can print as they go. Each check is announced
 * before it runs; aborting the signal kills the running tool and ends the run.
 */
import type {
  PathTraceEnd,
  PathTraceResult,
  PingProbeResult,
  ProbeResults,
} from '../../diagnose/rule.js';
import { onceLines, verdictWords } from '../../report/trace.js';
import type { TraceSnapshot } from '../trace/types.js';
import { parsePingOutput, pingEvidenceLines } from '../../parse/ping.js';
import { parseArpingOutput } from '../../parse/arping.js';
import { commandKey } from '../../snapshot/sources.js';
import type { ArpingFlavour } from '../../parse/tool-versions.js';
import type { ProbePlan } from './plan.js';
import type { DoctorProbeDeps, DoctorProbeEvent, PlannedProbe, ProbeOutcome } from './types.js';
import { firstLine } from '../../text/first-line.js';

/** The path walked once; its lines are traceroute's, then where it ended in words. */
async function walk(
  probe: PlannedProbe,
  deps: DoctorProbeDeps,
  signal?: AbortSignal,
): Promise<ProbeOutcome> {
  if (!deps.trace) return { probe, answered: false, lines: [], error: 'no trace backend' };
  try {
    const family = probe.target.includes(':') ? 6 : 4;
    const snapshot = await deps.trace(
      { target: probe.target, family, source: probe.source },
      signal,
    );
    if (signal?.aborted) return { probe, answered: false, lines: [], error: 'cancelled' };
    return {
      probe,
      answered: snapshot.verdict.kind === 'reached',
      lines: [
        ...onceLines(snapshot),
        verdictWords(snapshot.verdict, probe.target, probe.source ?? undefined),
      ],
      error: null,
      trace: snapshot,
    };
  } catch (err) {
    return { probe, answered: false, lines: [], error: firstLine(err) };
  }
}

async function runOne(
  probe: PlannedProbe,
  deps: DoctorProbeDeps,
  arping: ArpingFlavour | null,
  signal?: AbortSignal,
): Promise<ProbeOutcome> {
  if (probe.kind === 'trace') return walk(probe, deps, signal);
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

/** The tracer's verdict made plain for the rules. */
function traceEnd(s: TraceSnapshot): PathTraceEnd {
  const v = s.verdict;
  switch (v.kind) {
    case 'reached':
      return { kind: 'reached', ttl: v.ttl, address: v.address };
    case 'unreachable':
      return { kind: 'refused', ttl: v.ttl, address: v.address, words: v.words };
    case 'dies':
      return { kind: 'dies', after: v.after };
    case 'max-ttl':
      return { kind: 'max-ttl', maxTtl: v.maxTtl };
    case 'failed':
      return { kind: 'failed', problem: v.problem };
    case 'stopped':
    case 'running':
      return { kind: 'failed', problem: 'the walk was stopped before it ended' };
  }
}

function traceResult(o: ProbeOutcome, s: TraceSnapshot): PathTraceResult {
  return {
    target: o.probe.target,
    source: o.probe.source,
    command: commandKey(o.probe.argv),
    hops: s.hops.map((h) => ({ ttl: h.ttl, address: h.addresses[0]?.address ?? null })),
    end: traceEnd(s),
    lines: o.lines,
  };
}

/** What the checks proved, in the shape the rules read (ctx.probes). */
export function probeResults(outcomes: readonly ProbeOutcome[]): ProbeResults {
  const ping = outcomes.find((o) => o.probe.kind === 'ping' && o.error === null);
  const arp = outcomes.find((o) => o.probe.kind === 'arp' && o.error === null);
  const returns = outcomes.filter((o) => o.probe.kind === 'return-path' && o.error === null);
  const walked = outcomes.find((o) => o.probe.kind === 'trace' && o.trace !== undefined);
  return {
    ...(walked?.trace ? { trace: traceResult(walked, walked.trace) } : {}),
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

/** The ping ran and got no answer (a ping that could not run proves nothing). */
function pingFailed(outcomes: readonly ProbeOutcome[]): boolean {
  const ping = outcomes.find((o) => o.probe.kind === 'ping');
  return ping !== undefined && ping.error === null && !ping.answered;
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
    if (probe.onlyIfPingFails && !pingFailed(outcomes)) continue;
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
