/**
 * The command line: picks the TUI when stdout is a terminal, plain text or --json otherwise.
 * Every failure the person can fix is one line on stderr and exit 2; nothing here exits the
 * process (bin/ does, with the code returned).
 */
import { Command, CommanderError } from 'commander';
import { NETDOCTOR_VERSION } from './version.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { SystemError } from './system/errors.js';
import { debugWanted, startDebug, stopDebug } from './system/debug.js';
import { safeText } from './text/safe.js';
import { UsageError, type CliIo } from './commands/context.js';
import type { OverviewOptions } from './commands/overview.js';
import { overviewReadAhead } from './commands/overview-ahead.js';

/** Root options that take a value: the word after them is not a command. */
const ROOT_VALUE_OPTIONS = new Set(['--snapshot', '--ssh-user', '--plan', '--ssh']);

/**
 * Which commands this argv needs registered, so that only their code is loaded (start-up
 * time: `--version` loads none, `scan` loads scan's). The command is the first word after
 * the root options (enablePositionalOptions); `--help` before it, or a word that is no
 * command, needs them all, for the list and the suggestion.
 */
export function commandsNeeded(argv: readonly string[]): (name: string) => boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help' || arg === '--') break;
    if (ROOT_VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) {
      return COMMAND_NAMES.has(arg) ? (name) => name === arg : () => true;
    } else if (!arg.startsWith('--') && arg !== '-V') break; // a bundle of short options: be safe
  }
  const help = argv.some((a) => a === '-h' || a === '--help' || a === 'help');
  return () => help;
}

/**
 * The first word typed beside a root `--version`, or null. Commander prints the version as
 * soon as it meets the flag and exits 0, whatever follows (`--version x --frob`): a mistake
 * nobody would see.
 */
export function besideVersion(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (ROOT_VALUE_OPTIONS.has(arg)) i++;
    else if (arg === '-V' || arg === '--version') return argv.find((_, j) => j !== i) ?? null;
    else if (!arg.startsWith('-') || arg === '--') return null; // a command's options are its own
  }
  return null;
}

/**
 * `--debug` anywhere before `--` (`netdoctor route 1.2.3.4 --debug` as well as `netdoctor
 * --debug route ...`): taken out of argv before the commands see it, since it concerns every
 * one of them alike.
 */
export function takeDebugFlag(argv: readonly string[]): { argv: string[]; debug: boolean } {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end);
  const kept = head.filter((a) => a !== '--debug');
  return { argv: [...kept, ...tail], debug: kept.length !== head.length };
}

/** The command names registered below; a name missing here still works (it loads them all). */
const COMMAND_NAMES = new Set([
  'overview',
  'snapshot',
  'garp',
  'scan',
  'vlan',
  'trace',
  'route',
  'doctor',
  'plan',
  'explain',
  'path',
]);

export async function buildProgram(
  given: CliIo,
  setExit: (code: number) => void,
  argv: readonly string[] = ['--help'],
): Promise<Command> {
  // Commands hold this io; `--ssh` sets its host before their action runs (preAction below).
  const io: { -readonly [K in keyof CliIo]: CliIo[K] } = { ...given };
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
    .option(
      '--debug',
      'every command run and file read, with exit code and time, on stderr (anywhere on the line; NETDOCTOR_DEBUG=1 too, NETDOCTOR_DEBUG_FILE=FILE to a file)',
    )
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
      const { runOverview } = await import('./commands/overview.js');
      setExit(await runOverview(io, opts, true));
    });
  // Each command's code is loaded only when argv names it (see commandsNeeded): a new
  // command is one line here, `if (wants('x')) (await import(...)).registerX(program, io,
  // setExit);`, and its name in COMMAND_NAMES.
  const wants = commandsNeeded(argv);
  if (wants('overview'))
    (await import('./commands/overview.js')).registerOverview(program, io, setExit);
  if (wants('snapshot'))
    (await import('./commands/snapshot.js')).registerSnapshot(program, io, setExit);
  if (wants('garp')) (await import('./commands/garp.js')).registerGarp(program, io, setExit);
  if (wants('scan')) (await import('./commands/scan.js')).registerScan(program, io, setExit);
  if (wants('vlan')) (await import('./commands/vlan.js')).registerVlan(program, io, setExit);
  if (wants('trace')) (await import('./commands/trace.js')).registerTrace(program, io, setExit);
  if (wants('route')) (await import('./commands/route.js')).registerRoute(program, io, setExit);
  if (wants('doctor')) (await import('./commands/doctor.js')).registerDoctor(program, io, setExit);
  if (wants('plan')) (await import('./commands/plan.js')).registerPlan(program, io, setExit);
  if (wants('explain'))
    (await import('./commands/explain.js')).registerExplain(program, io, setExit);
  if (wants('path')) (await import('./commands/path.js')).registerPath(program, io, setExit);
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 problems found, 2 usage or environment error;\n' +
      '129, 130, 143: stopped by HUP, INT (Ctrl-C), TERM, after cleaning up.\n' +
      'Starting netdoctor sends no packet: probes start on a key press or a subcommand.',
  );
  for (const command of program.commands) {
    command.allowExcessArguments(false).exitOverride().configureOutput(program.configureOutput());
  }
  // --ssh on the TUI and on each command that reads a host: the connection opens before the
  // action runs (before anything draws), and the action's host is the far box.
  const { addSshOptions, connectSsh, SSH_COMMANDS } = await import('./commands/ssh-option.js');
  addSshOptions(program);
  for (const command of program.commands) {
    if (SSH_COMMANDS.has(command.name())) addSshOptions(command);
  }
  program.hook('preAction', async (_program, action) => {
    if (action !== program && !SSH_COMMANDS.has(action.name())) return;
    // `netdoctor --ssh r1 doctor` means the same as `netdoctor doctor --ssh r1`.
    const root = program.opts<{ ssh?: string; sudo?: boolean }>();
    const own = action.opts<{ ssh?: string; sudo?: boolean; snapshot?: string }>();
    const host = await connectSsh(
      { ...own, ssh: own.ssh ?? root.ssh, sudo: own.sudo ?? root.sudo },
      io,
    );
    if (host !== undefined) io.host = host;
  });
  return program;
}

/**
 * The options of a printed Overview of this host (`overview`, `overview --plain`, `--json`:
 * the argvs whose read starts ahead, commands/overview-ahead.ts), or null for any other argv.
 * Such a line runs the Overview at once: commander, the command's registration and the --ssh
 * hook would only lead to the same call (no --ssh: this host), and loading and building them
 * is a few milliseconds of the most common start (issue 20). Everything else goes through
 * commander, `--help` and typos included.
 */
export function plainOverview(argv: readonly string[], io: CliIo): OverviewOptions | null {
  if (overviewReadAhead(argv, io.isTTY) !== 'whole') return null;
  return {
    ...(argv.includes('--plain') ? { plain: true } : {}),
    ...(argv.includes('--json') ? { json: true } : {}),
  };
}

/** One line for an error the person can act on; null for a bug. */
async function describeError(err: unknown): Promise<string | null> {
  if (err instanceof UsageError || err instanceof SystemError) return err.message;
  // Loaded here, not at start: the snapshot loader brings its schema library with it.
  const { SnapshotInvalid } = await import('./snapshot/load.js');
  return err instanceof SnapshotInvalid ? err.message : null;
}

export async function main(typed: readonly string[], io: CliIo): Promise<number> {
  let code = EXIT_OK;
  const { argv, debug: flag } = takeDebugFlag(typed);
  const debug = debugWanted(flag, io.env);
  if (debug) startDebug({ env: io.env, err: io.err, errIsTerminal: io.errIsTTY ?? false });
  try {
    const other = besideVersion(argv);
    if (other !== null) throw new UsageError(`--version prints the version alone: drop '${other}'`);
    const plain = plainOverview(argv, io);
    if (plain !== null) {
      const { runOverview } = await import('./commands/overview.js');
      return await runOverview(io, plain, false);
    }
    const program = await buildProgram(
      io,
      (c) => {
        code = c;
      },
      argv,
    );
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const message = await describeError(err);
    if (message !== null) {
      // Messages embed paths, snapshot keys and names typed or read: one safe line.
      io.err(`netdoctor: ${safeText(message)}\n`);
      return EXIT_USAGE;
    }
    const detail = err instanceof Error ? err.message : String(err);
    io.err(
      `netdoctor: internal error: ${safeText(detail.split('\n')[0] ?? '')} (NETDOCTOR_DEBUG=1 shows the stack)\n`,
    );
    if (debug) io.err(`${err instanceof Error ? err.stack : ''}\n`);
    return EXIT_USAGE;
  } finally {
    stopDebug();
  }
}

export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    errIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}
