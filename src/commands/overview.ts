/** `netdoctor overview`: the Overview as plain text or JSON, and the TUI when on a terminal. */
import type { Command } from 'commander';
import { documentText } from '../report/document.js';
import { overviewFindings, overviewSections } from '../report/overview.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { hasErrors } from '../diagnose/finding.js';
import { hostSource } from './host-source.js';
import { hostOf } from '../wiring/host.js';
import { toJson, UsageError, type CliIo } from './context.js';
import { jsonDocument, without } from '../report/json-document.js';
import { readProblems } from '../report/read-problems.js';
import { withSignals } from '../system/signals.js';
import { heldNote, holdWhileDrawing } from '../system/debug.js';
import type { TuiOptions, TuiStopHooks } from '../ui/run.js';
import { readAhead } from '../ui/read-ahead.js';

/** Draws the TUI until it quits: the real one, or a fake in tests. */
export type TuiRunner = (props: TuiOptions, stop?: TuiStopHooks) => Promise<void>;

async function realTui(props: TuiOptions, stop?: TuiStopHooks): Promise<void> {
  const { runTui } = await import('../ui/run.js');
  await runTui(props, stop);
}

export interface OverviewOptions {
  readonly snapshot?: string;
  readonly json?: boolean;
  readonly plain?: boolean;
  /** Who Discover's S key logs in as. */
  readonly sshUser?: string;
  /** Open the TUI on the Plan panel with this plan file. */
  readonly plan?: string;
}

/** Prints the overview; opens the TUI instead when on a terminal and neither --json nor --plain. */
export async function runOverview(
  io: CliIo,
  opts: OverviewOptions,
  allowTui: boolean,
  runTui: TuiRunner = realTui,
): Promise<number> {
  if (opts.json && opts.plain) throw new UsageError('--json and --plain: pick one');
  const tui = allowTui && io.isTTY && !opts.json && !opts.plain;
  // A bad plan file is one line (FILE:LINE:COL) and exit 2, before anything is drawn. Its
  // parser (YAML and zod: 30 ms to load) loads only for --plan.
  const plan =
    opts.plan !== undefined ? await (await import('./plan.js')).loadPlan(opts.plan) : undefined;
  if (plan && !tui) {
    throw new UsageError(
      '--plan opens the TUI on a terminal; for text or JSON: netdoctor plan FILE',
    );
  }
  const source = await hostSource(io, opts.snapshot);
  if (tui) {
    // The host's reading starts now, while the TUI's code loads: the App's first load gets
    // this read (about a dozen processes), and its first frame waits a moment for it.
    const { loadHost, opening } = readAhead(source.load);
    const { colorWanted } = await import('../ui/theme.js');
    const { livePorts } = await import('../wiring/live-ports.js');
    const { planStart } = await import('../ui/panels/plan/index.js');
    // The one place the real probes are wired: an App drawn anywhere else (a test) cannot
    // send a packet, start ssh or write a file. INT, TERM and HUP end every job, give the
    // terminal back and exit 130/143/129 (system/signals.ts).
    return withSignals(async (_signal, trap) => {
      const ports = await livePorts(hostOf(io), opts.sshUser);
      // --debug's lines never land on the TUI's screen (system/debug.ts).
      const release = holdWhileDrawing();
      try {
        await runTui(
          {
            origin: source.origin,
            loadHost,
            opening,
            color: colorWanted(io.env),
            ports,
            ...(plan ? { start: planStart(plan) } : {}),
          },
          trap,
        );
      } finally {
        const held = release();
        if (held > 0) io.err(`${heldNote(held)}\n`);
      }
      return EXIT_OK;
    });
  }
  const host = await source.load();
  const findings = overviewFindings(host);
  if (opts.json) {
    // The read problems go out once, as every command's `warnings`, failed sources first.
    const state = without(host, ['sourceErrors', 'warnings']);
    io.out(
      toJson(
        jsonDocument('overview', { ...state, findings, warnings: readProblems(host, 'host') }),
      ),
    );
  } else io.out(documentText(overviewSections(host, findings)));
  return hasErrors(findings) ? EXIT_PROBLEMS : EXIT_OK;
}

export function registerOverview(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('overview')
    .description(
      'interfaces, routes and rules, neighbours, forwarding settings and tools (reads only)',
    )
    .option('--snapshot <file>', 'show the host recorded in a snapshot file')
    .option('--json', 'print JSON')
    .option('--plain', 'print plain text even on a terminal')
    .action(async (opts: OverviewOptions) => setExit(await runOverview(io, opts, false)));
}
