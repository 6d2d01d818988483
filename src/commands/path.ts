/**
 * `netdoctor path SRC DEST (--snapshots DIR | --ssh HOST... | --inventory FILE) [--json]`:
 * walks a packet from SRC to DEST across the hosts given, and its answer back, box by box,
 * from their state alone (sends nothing); says where each direction breaks, on which host,
 * and that host's fix. Exit 0 both ways work (or the hosts cannot tell), 1 a direction
 * fails, 2 bad input.
 */
import type { Command } from 'commander';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { ipValue } from '../net/cidr.js';
import { resolveEnd } from '../path/path.js';
import { answerPath, type PathEnds } from '../diagnose/path-answer.js';
import type { PathHost } from '../path/types.js';
import { documentText } from '../report/document.js';
import { pathJson, pathSections } from '../report/path.js';
import { readPathHosts, type PathHostOptions } from './path-hosts.js';
import { hostSource } from './host-source.js';
import { hostOf } from '../wiring/host.js';
import { withSignals } from '../system/signals.js';
import { toJson, UsageError, type CliIo } from './context.js';

export interface PathOptions extends PathHostOptions {
  readonly json?: boolean;
  /** Open the TUI's Path panel on the answer instead of printing it. */
  readonly tui?: boolean;
}

/** The Path panel on the answer; this machine is the app's host (the other panels). */
async function openTui(
  io: CliIo,
  hosts: readonly PathHost[],
  src: string,
  dst: string,
  ends: PathEnds,
) {
  const { colorWanted } = await import('../ui/theme.js');
  const { livePorts } = await import('../wiring/live-ports.js');
  const { pathStart } = await import('../ui/panels/path/index.js');
  const { runTui } = await import('../ui/run.js');
  const source = await hostSource(io, undefined);
  return withSignals(async (_signal, trap) => {
    await runTui(
      {
        origin: source.origin,
        loadHost: source.load,
        color: colorWanted(io.env),
        ports: await livePorts(hostOf(io)),
        start: pathStart(hosts, src, dst, ends),
      },
      trap,
    );
    return EXIT_OK;
  });
}

/** A name of a host of the set, or an address: anything else is a typo, said before reading. */
const END = /^[A-Za-z0-9_.:@[\]-]{1,255}$/;

function endOf(hosts: readonly PathHost[], text: string, other?: string): string {
  const family = other !== undefined ? ipValue(other)?.family : undefined;
  const address = resolveEnd(hosts, text, family);
  if (address === null) {
    const names = hosts.map((h) => h.name);
    const known = names.includes(text);
    throw new UsageError(
      known
        ? `host '${text}' has no global address${family ? ` of the family of ${other}` : ''}: give an address`
        : `'${text}' is neither an address nor one of the hosts given (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''})`,
    );
  }
  return address;
}

export async function runPath(
  io: CliIo,
  src: string,
  dest: string,
  opts: PathOptions,
): Promise<number> {
  if (opts.tui && (opts.json || !io.isTTY)) {
    throw new UsageError(opts.json ? '--tui and --json: pick one' : '--tui needs a terminal');
  }
  for (const end of [src, dest]) {
    if (!END.test(end)) throw new UsageError(`'${end}' is not an address or a host name`);
  }
  // The ssh transport is loaded only when a host is to be read over it (start-up time).
  const wantsSsh = (opts.ssh ?? []).length > 0 || opts.inventory !== undefined;
  const reader = wantsSsh ? (await import('../wiring/path-ssh-reader.js')).sshSnapshotReader : null;
  const hosts = await readPathHosts(io, opts, reader);
  const from = endOf(hosts, src);
  const to = endOf(hosts, dest, from);
  if (ipValue(from)?.family !== ipValue(to)?.family) {
    throw new UsageError(`${from} and ${to} are not of the same IP family`);
  }
  // A host named as an end is where its walk starts: an address may be on several hosts.
  const srcHost = hosts.findIndex((h) => h.name === src);
  const dstHost = hosts.findIndex((h) => h.name === dest);
  const ends: PathEnds = {
    ...(srcHost >= 0 ? { srcHost } : {}),
    ...(dstHost >= 0 ? { dstHost } : {}),
  };
  if (opts.tui) return openTui(io, hosts, from, to, ends);
  const answer = answerPath(hosts, from, to, ends);
  io.out(opts.json ? toJson(pathJson(hosts, answer)) : documentText(pathSections(hosts, answer)));
  return answer.forward.verdict === 'failed' || answer.back.verdict === 'failed'
    ? EXIT_PROBLEMS
    : EXIT_OK;
}

export function registerPath(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('path')
    .description(
      'walk a packet from SRC to DEST and its answer back across many hosts, box by box (sends nothing): where each way breaks, on which host, and the fix',
    )
    .argument('<src>', 'the source address, or the name of a host given')
    .argument('<dest>', 'the destination address, or the name of a host given')
    .option(
      '--snapshots <dir>',
      'the hosts: a folder of snapshot files (netdoctor snapshot -o NAME.json on each)',
    )
    .option(
      '--ssh <[user@]host[:port]>',
      'a host to read over ssh (repeat for each)',
      (value: string, prev: string[] = []) => [...prev, value],
    )
    .option(
      '--inventory <file>',
      'the hosts: ansible-inventory --list JSON, or one [user@]host a line',
    )
    .option('--concurrency <n>', 'how many hosts are read at once (default 16)')
    .option('--json', 'print one JSON object ("schema": "netdoctor.path/1"), both walks hop by hop')
    .option(
      '--tui',
      "open the TUI's Path panel on the answer (Enter on a hop: that box's decision)",
    )
    .addHelpText(
      'after',
      '\nHosts are named as you gave them: the snapshot file name without .json, the --ssh\n' +
        'target, the inventory name.\n' +
        'Exit codes: 0 both ways work (or the hosts given cannot tell); 1 a direction fails;\n' +
        '2 bad input.',
    )
    .action(async (src: string, dest: string, opts: PathOptions) =>
      setExit(await runPath(io, src, dest, opts)),
    );
}
