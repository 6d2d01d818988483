/**
 * `netdoctor doctor [--to DEST] [--from SRC] [--probe] [--snapshot FILE] [--json|--markdown]`:
 * the host as a whole (role, forwarding, rp_filter, proxy ARP), or with --to the path from
 * this host (the route decision and the path rules), and with --probe the active checks
 * that prove it. Sends nothing without --probe; says what it will send before it does.
 * Exit 1 when an error-level finding stands.
 */
import type { Command } from 'commander';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { diagnose, doctorTopics } from '../diagnose/diagnose.js';
import { hasErrors } from '../diagnose/finding.js';
import type { ProbeResults } from '../diagnose/rule.js';
import { ipValue } from '../net/cidr.js';
import { hostRole } from '../net/role.js';
import { pathQuestion } from '../net/path-question.js';
import { planDoctorProbes, probeCountWords } from '../probes/doctor/plan.js';
import { runDoctorProbes } from '../probes/doctor/run.js';
import type { DoctorProbeDeps } from '../probes/doctor/types.js';
import { readProblemsSections } from '../report/read-problems.js';
import { endReason } from '../report/json-document.js';
import { documentText } from '../report/document.js';
import {
  doctorJson,
  doctorMarkdown,
  doctorSections,
  type DoctorProbeRun,
  type DoctorReport,
} from '../report/doctor.js';
import type { ArpingFlavour } from '../parse/tool-versions.js';
import type { HostState } from '../state/host-state.js';
import { safeText } from '../text/safe.js';
import { withSignals } from '../system/signals.js';
import { hostSource } from './host-source.js';
import { hostOf } from '../wiring/host.js';
import { toJson, UsageError, type CliIo } from './context.js';

export interface DoctorOptions {
  readonly to?: string;
  readonly from?: string;
  readonly probe?: boolean;
  readonly snapshot?: string;
  readonly json?: boolean;
  readonly markdown?: boolean;
}

/** What the command runs against: this host, or fakes in tests. */
export interface DoctorEnv {
  readonly loadHost: (snapshot: string | undefined) => Promise<HostState>;
  readonly probeDeps: () => DoctorProbeDeps;
  readonly arping: (signal?: AbortSignal) => Promise<ArpingFlavour | null>;
  readonly signal?: AbortSignal;
}

export function checkDoctorOptions(opts: DoctorOptions): void {
  if (opts.json && opts.markdown) throw new UsageError('choose one of --json and --markdown');
  if (opts.to !== undefined && ipValue(opts.to) === null) {
    throw new UsageError(`--to takes an IP address, not ${JSON.stringify(opts.to)}`);
  }
  if (opts.from !== undefined) {
    if (opts.to === undefined) throw new UsageError('--from needs --to DEST');
    const v = ipValue(opts.from);
    if (v === null)
      throw new UsageError(`--from takes an IP address, not ${JSON.stringify(opts.from)}`);
    if (v.family !== ipValue(opts.to ?? '')?.family) {
      throw new UsageError('--from and --to must be of one family (both IPv4 or both IPv6)');
    }
  }
  if (opts.probe && opts.to === undefined) {
    throw new UsageError('--probe checks a path: give it --to DEST');
  }
  if (opts.probe && opts.snapshot !== undefined) {
    throw new UsageError(
      '--probe sends packets from this host, so it cannot run on a snapshot: run it on the host itself',
    );
  }
}

/**
 * The question about the path. A --from that is not this host's own is a packet this host
 * forwards: it comes in where the way back to that source leaves.
 */
export async function runDoctor(io: CliIo, opts: DoctorOptions, env: DoctorEnv): Promise<number> {
  checkDoctorOptions(opts);
  const host = await env.loadHost(opts.snapshot);
  const role = hostRole(host);
  const path = opts.to !== undefined ? pathQuestion(host, opts.to, opts.from) : null;

  let probes: DoctorProbeRun | null = null;
  let results: ProbeResults | undefined;
  if (opts.probe && path) {
    const arping = await env.arping(env.signal);
    const plan = planDoctorProbes(host, path.decision, arping);
    io.err(`netdoctor will send (from this host, ${probeCountWords(plan)}, a few seconds):\n`);
    for (const p of plan.probes) io.err(`  ${safeText(p.title)}\n`);
    for await (const event of runDoctorProbes(plan, env.probeDeps(), arping, env.signal)) {
      if (event.type === 'start') io.err(`... ${safeText(event.probe.title)}\n`);
      if (event.type === 'finished') {
        results = event.results;
        probes = {
          skipped: plan.skipped,
          results: event.results,
          outcomes: event.outcomes,
          cancelled: event.cancelled,
        };
      }
    }
  }

  const topics = doctorTopics(path !== null);
  const findings = diagnose(
    {
      host,
      ...(path ? { path } : {}),
      ...(results ? { probes: results } : {}),
      asked: topics.asked,
    },
    topics.run,
  );
  const report: DoctorReport = { host, role, path, probes, findings };
  if (opts.json) io.out(toJson(doctorJson(report, endReason(env.signal))));
  else if (opts.markdown) io.out(doctorMarkdown(report));
  else io.out(documentText([...doctorSections(report), ...readProblemsSections(host, 'host')]));
  return hasErrors(findings) ? EXIT_PROBLEMS : EXIT_OK;
}

export function registerDoctor(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .description(
      "why a path fails: the host's role, forwarding, rp_filter, proxy ARP; with --to the path; with --probe the proof",
    )
    .option('--to <dest>', 'the destination address of the path to check')
    .option('--from <src>', 'the source address (one of ours, or a host we forward for)')
    .option(
      '--probe',
      'send the checks: ping DEST, ARP for the next hop, ping DEST from each local address',
    )
    .option('--snapshot <file>', 'diagnose the host recorded in a snapshot file (no --probe)')
    .option('--json', 'print one JSON object')
    .option('--markdown', 'print a report to paste into a ticket, with every command run')
    .addHelpText(
      'after',
      '\nSends nothing without --probe. Exit codes: 0 no error found, 1 an error-level finding,\n' +
        '2 bad input, unreadable snapshot, missing tool.',
    )
    .action(async (opts: DoctorOptions) => {
      // INT, TERM and HUP stop the probes (their children killed), the report of what ran
      // is printed, marked as stopped, and the exit code names the signal, as scan's does.
      const probes = await hostOf(io).doctor();
      setExit(
        await withSignals(async (signal, trap) => {
          const code = await runDoctor(io, opts, {
            loadHost: async (file) => (await hostSource(io, file)).load(),
            probeDeps: () => probes.deps,
            arping: probes.arping,
            signal,
          });
          if (!trap.received) return code;
          io.err(`netdoctor: doctor interrupted by ${trap.received}: the report holds what ran\n`);
          return trap.exitCode;
        }),
      );
    });
}
