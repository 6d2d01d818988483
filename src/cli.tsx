/**
 * The command line: picks the TUI when stdout is a terminal, plain text or --json otherwise.
 * Every failure the person can fix is one line on stderr and exit 2; nothing here exits the
 * process (bin/ does, with the code returned).
 */
import { Command, CommanderError } from 'commander';
import { NETDOCTOR_VERSION } from './version.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { SystemError } from './system/errors.js';
import { safeText } from './text/safe.js';
import { SnapshotInvalid } from './snapshot/load.js';
import { UsageError, type CliIo } from './commands/context.js';
import { registerOverview, runOverview, type OverviewOptions } from './commands/overview.js';
import { registerSnapshot } from './commands/snapshot.js';
import { registerGarp } from './commands/garp.js';
import { registerScan } from './commands/scan.js';
import { registerVlan } from './commands/vlan.js';
import { registerTrace } from './commands/trace.js';
import { registerRoute } from './commands/route.js';
import { registerDoctor } from './commands/doctor.js';
import { registerPlan } from './commands/plan.js';

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('netdoctor')
    .description(
      'On-the-spot Linux network diagnosis: what the network looks like from this box, and why a path fails.\n' +
        'With no command: the TUI on a terminal, the Overview as plain text otherwise.',
    )
    .version(NETDOCTOR_VERSION, '-V, --version')
    .option('--snapshot <file>', 'show the host recorded in a snapshot file instead of this one')
    .option('--json', 'print the Overview as JSON')
    .option('--plain', 'print the Overview as plain text even on a terminal')
    .option('--ssh-user <user>', "who Discover's S key logs in as (default: you)")
    .option('--plan <file>', 'open the TUI on the Plan panel with this plan file')
    // Root options stand before a command; each command has its own.
    .enablePositionalOptions()
    .allowExcessArguments(true)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      // Commander's errors become one line: "netdoctor: error: unknown command 'x' (Did you mean ...?)".
      outputError: (text, write) =>
        write(`netdoctor: ${safeText(text.trim().replace(/\s*\n\s*/g, ' '))}\n`),
    })
    .action(async (opts: OverviewOptions, command: Command) => {
      const [word] = command.args;
      if (word !== undefined) {
        const names = command.commands.map((c) => c.name()).join(', ');
        throw new UsageError(
          `unknown command '${word}' (commands: ${names}; see netdoctor --help)`,
        );
      }
      // The user goes on ssh's command line: a name, never something ssh reads as an option.
      if (opts.sshUser !== undefined && !/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/.test(opts.sshUser)) {
        throw new UsageError(`'${opts.sshUser}' is not a user name for --ssh-user`);
      }
      setExit(await runOverview(io, opts, true));
    });
  registerOverview(program, io, setExit);
  registerSnapshot(program, io, setExit);
  registerGarp(program, io, setExit);
  registerScan(program, io, setExit);
  registerVlan(program, io, setExit);
  registerTrace(program, io, setExit);
  registerRoute(program, io, setExit);
  registerDoctor(program, io, setExit);
  registerPlan(program, io, setExit);
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 problems found, 2 usage or environment error.\n' +
      'Starting netdoctor sends no packet: probes start on a key press or a subcommand.',
  );
  for (const command of program.commands) {
    command.allowExcessArguments(false).exitOverride().configureOutput(program.configureOutput());
  }
  return program;
}

/** One line for an error the person can act on; null for a bug. */
function describeError(err: unknown): string | null {
  if (err instanceof UsageError || err instanceof SystemError || err instanceof SnapshotInvalid) {
    return err.message;
  }
  return null;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const message = describeError(err);
    if (message !== null) {
      // Messages embed paths, snapshot keys and names typed or read: one safe line.
      io.err(`netdoctor: ${safeText(message)}\n`);
      return EXIT_USAGE;
    }
    const detail = err instanceof Error ? err.message : String(err);
    io.err(
      `netdoctor: internal error: ${safeText(detail.split('\n')[0] ?? '')} (NETDOCTOR_DEBUG=1 shows the stack)\n`,
    );
    if (io.env['NETDOCTOR_DEBUG']) io.err(`${err instanceof Error ? err.stack : ''}\n`);
    return EXIT_USAGE;
  }
}

export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    env: process.env,
  };
}
