/**
 * `netdoctor garp IP`: the ARP repair from the command line, the ARP repair panel's twin.
 * Moves nothing itself: it checks that IP is here and nobody else holds it, then (with --yes,
 * or a yes on the terminal) tells the network, and checks that the gateway took it.
 * Exit 0 repaired, 1 not repaired (someone else holds IP, the gateway did not take it or
 * cannot be checked, declined),
 * 2 bad input or an environment that cannot do it (IP not here, no arping, no privilege).
 */
import { findingLines } from '../report/findings.js';
import { Option, type Command } from 'commander';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../exit-codes.js';
import { withSignals } from '../system/signals.js';
import { hostOf, WORKSTATION } from '../wiring/host.js';
import { wrapWords } from '../probes/garp/text.js';
import { runGarp, type GarpDeps } from '../probes/garp/probe.js';
import { requestProblem } from '../probes/garp/where.js';
import { STEP_TITLES, confirmLines } from '../probes/garp/explain.js';
import type {
  GarpOutcome,
  GarpReport,
  GarpRequest,
  GarpStepReport,
  ReadyToSend,
} from '../probes/garp/types.js';
import type { AnnounceMode } from '../parse/arping-argv.js';
import { safeText } from '../text/safe.js';
import { toJson, UsageError, type CliIo } from './context.js';
import { endReason, jsonDocument } from '../report/json-document.js';
import { readProblemLines, readProblems } from '../report/read-problems.js';
import type { ParseWarning } from '../parse/warnings.js';

export interface GarpOptions {
  readonly iface?: string;
  readonly gateway?: string;
  readonly count?: string;
  readonly mode?: AnnounceMode;
  readonly yes?: boolean;
  readonly json?: boolean;
}

/** What the command runs against: this host, or fakes in tests. */
export interface GarpCommandEnv {
  readonly deps: GarpDeps;
  /** Asks on the terminal; only called when io.isTTY. */
  readonly ask: (question: string) => Promise<boolean>;
  readonly signal?: AbortSignal;
}

const EXIT_BY_OUTCOME: Readonly<Record<GarpOutcome, number>> = {
  verified: EXIT_OK,
  sent: EXIT_OK,
  unverified: EXIT_PROBLEMS,
  duplicate: EXIT_PROBLEMS,
  declined: EXIT_PROBLEMS,
  'not-local': EXIT_USAGE,
  'bad-request': EXIT_USAGE,
  'tool-missing': EXIT_USAGE,
  'needs-privilege': EXIT_USAGE,
  failed: EXIT_USAGE,
  cancelled: EXIT_USAGE,
};

export function garpExitCode(outcome: GarpOutcome): number {
  return EXIT_BY_OUTCOME[outcome];
}

/** The request as typed, checked; a mistake is a UsageError (one line, exit 2). */
export function garpRequest(ip: string, opts: GarpOptions): GarpRequest {
  let count: number | undefined;
  if (opts.count !== undefined) {
    if (!/^\d+$/.test(opts.count)) {
      throw new UsageError(`--count takes a whole number, not ${JSON.stringify(opts.count)}`);
    }
    count = Number(opts.count);
  }
  const request: GarpRequest = {
    ip,
    ...(opts.iface !== undefined ? { iface: opts.iface } : {}),
    ...(opts.gateway !== undefined ? { gateway: opts.gateway } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(opts.mode !== undefined ? { mode: opts.mode } : {}),
  };
  const problem = requestProblem(request);
  if (problem !== null) throw new UsageError(problem);
  return request;
}

function wrap(text: string, indent: string, width = 80): string[] {
  return wrapWords(text, width, indent);
}

const STATUS_WORDS: Readonly<Record<GarpStepReport['status'], string>> = {
  running: '...',
  ok: 'ok',
  problem: 'PROBLEM',
  failed: 'FAILED',
  skipped: 'skipped',
};

/** One finished step as plain text: title, status, summary, the words, the command and its output. */
export function stepText(report: GarpStepReport, index: number): string {
  const lines = [
    ...wrap(
      `${index + 1}. ${STEP_TITLES[report.step]}: ${STATUS_WORDS[report.status]}: ${report.summary}`,
      '',
    ).map((l, i) => (i === 0 ? l : `   ${l}`)),
    ...report.explain.flatMap((l) => wrap(l, '   ')),
    ...(report.command ? [`   $ ${report.command}`] : []),
    ...report.output.map((l) => `   | ${l}`),
    ...(report.more ?? []).flatMap((run) => [
      `   $ ${run.command}`,
      ...run.output.map((l) => `   | ${l}`),
    ]),
  ];
  // Tool output and names from the network are printed here: made safe line by line.
  return `${lines.map(safeText).join('\n')}\n`;
}

/** The outcome as the last line names it, where its JSON name would read oddly. */
const OUTCOME_LABELS: Partial<Record<GarpOutcome, string>> = { unverified: 'not verified' };

function reportText(report: GarpReport, read: readonly ParseWarning[]): string {
  const lines: string[] = readProblemLines(read).map((w) => `warning: ${w}`);
  for (const f of report.findings) lines.push(...findingLines(f).map((l) => l.text));
  for (const fix of report.fix) if (!lines.some((l) => l.endsWith(fix))) lines.push(`fix: ${fix}`);
  lines.push(...wrap(`${OUTCOME_LABELS[report.outcome] ?? report.outcome}: ${report.message}`, ''));
  return `${lines.map(safeText).join('\n')}\n`;
}

/** Runs the repair for `ip` and writes it out; returns the exit code. */
export async function runGarpCommand(
  io: CliIo,
  ip: string,
  opts: GarpOptions,
  env: GarpCommandEnv,
): Promise<number> {
  const request = garpRequest(ip, opts);
  // Other hosts' caches change: that needs --yes, or a person at a terminal to say yes.
  if (!opts.yes && !io.isTTY) {
    throw new UsageError(
      `sending gratuitous ARP changes the gateway's and other hosts' ARP caches: pass --yes to send without asking (there is no terminal to ask on)`,
    );
  }
  const confirm = async (ready: ReadyToSend): Promise<boolean> => {
    if (opts.yes) return true;
    io.err(`${confirmLines(ready.plan).map(safeText).join('\n')}\n`);
    return env.ask('Send? [y/N] ');
  };
  let report: GarpReport | null = null;
  let shown = 0;
  // The host the repair reads, kept for what could not be read of it.
  let read: ParseWarning[] = [];
  const deps: GarpDeps = {
    ...env.deps,
    readHost: async () => {
      const host = await env.deps.readHost();
      read = readProblems(host, 'garp');
      return host;
    },
  };
  // The first step ("where") reads only this host and is instant: it is shown once it
  // passed. When it refuses (an address that is not here, a gateway not on-link, no arping),
  // the refusal is one line on stderr and nothing on stdout, as for every other bad input.
  for await (const event of runGarp(request, deps, confirm, env.signal)) {
    if (event.type === 'step' && event.report.status === 'running') {
      if (!opts.json && event.report.step !== 'where')
        io.err(`... ${STEP_TITLES[event.report.step]}: ${safeText(event.report.summary)}\n`);
    } else if (event.type === 'step') {
      if (event.report.step === 'where' && event.report.status !== 'ok') continue;
      if (!opts.json) io.out(stepText(event.report, shown));
      shown += 1;
    } else if (event.type === 'finished') {
      report = event.report;
    }
  }
  if (report === null) throw new Error('the repair ended without a report');
  const code = garpExitCode(report.outcome);
  if (REFUSALS.has(report.outcome)) {
    io.err(`netdoctor: ${safeText(report.message)}\n`);
    // A refusal may come of a source that could not be read: say which.
    for (const w of readProblemLines(read)) io.err(`netdoctor: could not read ${safeText(w)}\n`);
    return code;
  }
  if (opts.json) {
    io.out(toJson(jsonDocument('garp', { ...report, warnings: read, end: endReason(env.signal) })));
  } else io.out(reportText(report, read));
  if (code === EXIT_USAGE) io.err(`netdoctor: ${safeText(report.message)}\n`);
  return code;
}

/** Outcomes decided before anything is sent: refused like bad input (one line, exit 2). */
const REFUSALS: ReadonlySet<GarpOutcome> = new Set(['not-local', 'bad-request', 'tool-missing']);

export function registerGarp(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('garp')
    .description(
      'after moving IP to this server: check nobody else holds it, send gratuitous ARP so the gateway learns our MAC, and verify',
    )
    .argument('<ip>', 'the IPv4 address that moved here')
    .option('--iface <interface>', 'the interface to announce on (default: the one holding IP)')
    .option(
      '--gateway <ip>',
      "the router whose ARP cache to fix (default: the interface's default gateway)",
    )
    .option('--count <n>', 'how many announcements to send (default 3)')
    .addOption(
      new Option('--mode <mode>', 'request (arping -U) or reply (arping -A)').choices([
        'request',
        'reply',
      ]),
    )
    .option('--yes', 'send without asking (needed when there is no terminal)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 the gateway answers a ping from IP, so it sends IP to our MAC (or announced,\n' +
        'no gateway to ask); 1 not repaired (another host still holds IP, the gateway kept the old\n' +
        'MAC or did not answer, or declined);\n' +
        '2 bad input, IP not on this host, no arping, no CAP_NET_RAW.',
    )
    .action(async (ip: string, opts: GarpOptions) => {
      // INT, TERM and HUP stop arping and exit 130/143/129 (see system/signals.ts).
      const deps = await hostOf(io).garp();
      setExit(
        await withSignals((signal) =>
          runGarpCommand(io, ip, opts, { deps, ask: WORKSTATION.ask, signal }),
        ),
      );
    });
}
