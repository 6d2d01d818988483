/**
 * `netdoctor plan FILE [--json] [--prove]`: checks a route plan before it goes live, and
 * `netdoctor plan --from-host [--snapshot F] [-o FILE]`: the plan that describes this host.
 * Exit 0 when every expectation holds and no error stands, 1 when not, 2 for a bad file.
 */
import type { Command } from 'commander';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { hasErrors } from '../diagnose/finding.js';
import { diagnose } from '../diagnose/diagnose.js';
import { parsePlan, PlanInvalid, PLAN_LIMITS_TEXT } from '../plan/parse.js';
import { planQuestion } from '../plan/question.js';
import {
  proveEstimateSeconds,
  proveLayout,
  runProve,
  ProveCancelled,
  type ProveDeps,
} from '../plan/prove.js';
import type { ProveResults } from '../plan/prove-types.js';
import { simulate } from '../plan/simulate.js';
import type { Plan } from '../plan/types.js';
import { planFromHost } from '../plan/from-host.js';
import { expectationResults, planEndJson, planJsonText, planSections } from '../report/plan.js';
import { endReason, errorEnd } from '../report/json-document.js';
import { readProblemLines, readProblems } from '../report/read-problems.js';
import { documentText } from '../report/document.js';
import { safeText } from '../text/safe.js';
import { withSignals, type TrapOptions } from '../system/signals.js';
import { hostOf, WORKSTATION, type Host } from '../wiring/host.js';
import { hostSource } from './host-source.js';
import { checkOutputName, toJson, UsageError, type CliIo } from './context.js';

export interface PlanOptions {
  readonly json?: boolean;
  readonly prove?: boolean;
  readonly fromHost?: boolean;
  readonly snapshot?: string;
  readonly output?: string;
}

/** What --prove runs on: this machine's namespaces, or a fake in tests. */
export interface PlanCommandEnv {
  readonly prove: ProveDeps;
  readonly canProve: () => Promise<boolean>;
  readonly prefix: () => string;
  /** The signal trap's process (a fake in tests); this process when absent. */
  readonly trap?: TrapOptions;
}

/** --prove on the host's namespaces. */
export function planEnvOn(host: Host): PlanCommandEnv {
  const box = host.prove();
  return { prove: box, canProve: box.canBuild, prefix: box.prefix };
}

/** Reads and parses a plan file; a mistake in it is one line with line:column (exit 2). */
export async function loadPlan(file: string): Promise<Plan> {
  const text = await WORKSTATION.readFile(file);
  try {
    return parsePlan(text, file);
  } catch (err) {
    if (err instanceof PlanInvalid) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * How long an interrupted --prove may take to delete its namespaces before the process exits
 * anyway: they go in parallel, about 1.3 s for 30 on a busy 2-core machine.
 */
export const PROVE_CLEANUP_DEADLINE_MS = 10_000;

/** Builds, pings, tears down; null when a signal ended it (its namespaces are deleted). */
async function prove(
  io: CliIo,
  plan: Plan,
  env: PlanCommandEnv,
  signal: AbortSignal,
): Promise<ProveResults | null> {
  if (!(await env.canProve())) {
    throw new UsageError(
      '--prove builds network namespaces: it needs root (sudo) or CAP_NET_ADMIN+CAP_SYS_ADMIN',
    );
  }
  const layout = proveLayout(plan, simulate(plan), env.prefix());
  const pairs = layout.rounds.reduce((n, r) => n + r.length, 0);
  io.err(
    `--prove: building ${layout.namespaces.length} namespaces (${plan.routers.length} routers, ${layout.switches.length} switches, ${layout.namespaces.length - layout.switches.length - plan.routers.length} test hosts) and pinging ${pairs} pairs: about ${proveEstimateSeconds(layout)} s\n`,
  );
  try {
    return await runProve(plan, layout, env.prove, signal);
  } catch (err) {
    if (err instanceof ProveCancelled || signal.aborted) return null;
    throw err;
  }
}

export async function runPlanCommand(
  io: CliIo,
  file: string | undefined,
  opts: PlanOptions,
  env: PlanCommandEnv = planEnvOn(hostOf(io)),
): Promise<number> {
  if (opts.fromHost) {
    if (file !== undefined)
      throw new UsageError('--from-host writes a plan; it takes no FILE (use -o FILE)');
    if (opts.prove) throw new UsageError('--from-host and --prove do not go together');
    checkOutputName(opts.output);
    const host = await (await hostSource(io, opts.snapshot)).load();
    const { text } = planFromHost(host);
    // The plan is YAML on stdout or in a file: what could not be read goes to stderr.
    for (const w of readProblemLines(readProblems(host, 'plan'))) {
      io.err(`netdoctor: could not read ${safeText(w)}\n`);
    }
    if (opts.output !== undefined) {
      await WORKSTATION.writeFile(opts.output, text);
      io.err(`plan written to ${safeText(opts.output)}\n`);
    } else io.out(text);
    return EXIT_OK;
  }
  if (file === undefined)
    throw new UsageError('plan needs a FILE (or --from-host); see netdoctor plan --help');
  if (opts.snapshot !== undefined)
    throw new UsageError('--snapshot goes with --from-host; a plan file holds no host');
  if (opts.output !== undefined) throw new UsageError('-o goes with --from-host');
  const plan = await loadPlan(file);
  if (!opts.prove) return planReport(io, plan, opts, undefined);
  // INT, TERM and HUP stop the pings; the namespaces are deleted before the exit, whose
  // code names the signal (130, 143, 129), as scan's does (system/signals.ts).
  return withSignals(
    async (signal, trap) => {
      let proved: ProveResults | null;
      try {
        proved = await prove(io, plan, env, signal);
      } catch (err) {
        // A --json reader learns that the proof broke off, and why, before the one-line error.
        if (opts.json && !(err instanceof UsageError))
          io.out(toJson(planEndJson(file, errorEnd(err))));
        throw err;
      }
      if (proved === null || trap.received) {
        if (opts.json) io.out(toJson(planEndJson(file, endReason(trap.received ?? signal))));
        io.err(
          `netdoctor: --prove interrupted by ${trap.received ?? 'a signal'}: its namespaces are deleted\n`,
        );
        return trap.exitCode;
      }
      return planReport(io, plan, opts, proved);
    },
    { deadlineMs: PROVE_CLEANUP_DEADLINE_MS, ...env.trap },
  );
}

function planReport(
  io: CliIo,
  plan: Plan,
  opts: PlanOptions,
  proved: ProveResults | undefined,
): number {
  const question = planQuestion(plan, proved);
  const findings = diagnose({ host: null, plan: question }, ['plan']);
  // In pieces: the paths of a big plan are more text than one string holds.
  if (opts.json) for (const piece of planJsonText(question, findings)) io.out(piece);
  else io.out(documentText(planSections(question, findings)));
  const failed = expectationResults(plan, question.simulation).some((r) => !r.ok);
  return failed || hasErrors(findings) ? EXIT_PROBLEMS : EXIT_OK;
}

export function registerPlan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('plan')
    .description(
      'check a route plan (YAML: networks, routers, static routes, expect) before it goes live; --prove tries it in namespaces',
    )
    .argument('[file]', 'the plan file')
    .option('--json', 'print one JSON object')
    .option(
      '--prove',
      'build the plan as network namespaces on this machine and ping every pair (root)',
    )
    .option('--from-host', "write the plan that describes this host's interfaces and routes")
    .option('--snapshot <file>', 'with --from-host: the host recorded in a snapshot file')
    .option('-o, --output <file>', 'with --from-host: write the plan to this file')
    .addHelpText('after', `\nLimit: ${PLAN_LIMITS_TEXT}; a bigger plan is refused (exit 2).`)
    .action(async (file: string | undefined, opts: PlanOptions) => {
      setExit(await runPlanCommand(io, file, opts));
    });
}
