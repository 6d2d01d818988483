/**
 * `netdoctor`, `netdoctor overview`: the host's commands started before the app has loaded
 * (issue 20). Reading this host is about twenty short processes; loading and starting the
 * app is most of a start-up. Started first, the processes run on the other core while the
 * app loads, and the snapshot's read (collect.ts, through run-all.ts) finds them running.
 * What they answer is the same read: the very argv list the snapshot asks for, or nothing.
 */
import { SNAPSHOT_COMMAND_TIMEOUT_MS, snapshotCommands } from '../snapshot/sources.js';
import { startAhead } from '../system/run-all.js';

/** The words that leave the read what it would be; any other word: nothing is started. */
const PLAIN = new Set(['--plain', '--json']);

/**
 * What this argv's first read is: the TUI's (the tools' versions come after its first
 * frame), a plain or JSON overview's (everything), or null when it is no live overview of
 * this host (another command, --snapshot, --ssh, --help, a typo) or not surely one.
 */
export function overviewReadAhead(
  argv: readonly string[],
  terminal: boolean,
): 'tui' | 'whole' | null {
  const words = argv.filter((a) => a !== '--debug');
  const [first, ...rest] = words;
  const options = first === 'overview' ? rest : words;
  if (!options.every((a) => PLAIN.has(a))) return null;
  const plain = options.length > 0;
  // `netdoctor overview` prints; only the bare `netdoctor` opens the TUI, on a terminal.
  return first !== 'overview' && !plain && terminal ? 'tui' : 'whole';
}

/** Starts the read's commands when this process's argv is a live overview (main.ts). */
export function startOverviewReadAhead(argv: readonly string[], terminal: boolean): void {
  const read = overviewReadAhead(argv, terminal);
  if (read === null) return;
  const { ip, tools, firewall } = snapshotCommands(read === 'whole');
  startAhead([...ip, ...tools, ...firewall], { timeoutMs: SNAPSHOT_COMMAND_TIMEOUT_MS });
}
