/**
 * The duplicate check: every IPv4 address that answered the sweep is asked once more with
 * iputils arping. arping reads every reply from its raw socket, so two machines answering
 * one broadcast request are both printed; the kernel (which the sweep goes through) keeps
 * only the first. Debian's iputils-arping carries cap_net_raw, so this works without root.
 * Where the binary cannot open its socket it fails at once, and the check says so once, as
 * a limit of the run.
 *
 * The addresses go to a process tree (batchArgv: xargs starts one arping per address it reads
 * on its standard input), which is stopped once every address answered and had a short
 * window: a duplicate's second reply follows the first within milliseconds, and a single
 * host's run would otherwise hold out for arping's whole second (-w takes whole seconds
 * only). The duplicate check feeds one tree while the sweep runs (duplicate-check.ts); the
 * sweep asks its unanswered addresses again with a tree of their own (kernel.ts), with its
 * grace as the window.
 */
import { performance } from 'node:perf_hooks';
import { runCommand, type CommandOutput } from '../../system/run.js';
import { streamLinesFed } from '../../system/stream.js';
import { parseArpingOutput, replyMacs } from '../../parse/arping.js';
import { arpingFlavour } from '../../parse/tool-versions.js';

/** How long a run waits for another MAC after its first reply. */
export const DUPLICATE_WINDOW_MS = 100;

/** The argv for one address: two replies or one second, whichever comes first. */
export function duplicateArgv(iface: string, ip: string): string[] {
  return ['arping', '-c', '2', '-w', '1', '-I', iface, ip];
}

/** What one address's arping said: the MACs that answered (in order), with its lines. */
export interface RunOutcome {
  readonly macs: readonly string[];
  readonly lines: readonly string[];
  /** The command that asks this address alone (the evidence's source). */
  readonly source: string;
}

/** arpings of one batch running at once (each a small process, started by xargs). */
export const BATCH_PARALLEL = 128;
/**
 * arpings of a tree fed while a sweep runs: each lives its whole second (-w takes whole
 * seconds) unless the tree is stopped, so a /24's every host fits at once.
 */
export const STREAM_PARALLEL = 256;
/**
 * The process group's bound. A batch's arpings end by themselves within their second; a fed
 * tree that reaches it ends, and what is asked later goes to a new one (duplicate-check.ts).
 */
const BATCH_DEADLINE_S = 30;

/**
 * One process tree asks many addresses, one arping each, instead of one process started by
 * us per address: starting a child from Node blocks its event loop (a fork of a large
 * process, then exec), 20-35 ms each on a loaded 2-core machine, so 121 of them held the
 * sweep up for seconds. xargs starts them (the addresses on its standard input, no shell);
 * `timeout` leads their process group, so stopping it stops every arping.
 */
export function batchArgv(iface: string, parallel: number): string[] {
  const arping = duplicateArgv(iface, '').slice(0, -1);
  return [
    'timeout',
    '-s',
    'INT',
    String(BATCH_DEADLINE_S),
    'xargs',
    '-P',
    String(parallel),
    '-n',
    '1',
    ...arping,
  ];
}

/** How much the duplicate check's tree yields the CPU to the sweep (nice's scale, 0-19). */
const STREAM_NICENESS = 5;

/**
 * The tree the duplicate check feeds while the sweep runs: batchArgv with room for a /24's
 * every host at once, at a lower priority than the sweep itself (coreutils nice, which execs
 * the rest: no process more).
 */
export function streamArgv(iface: string): string[] {
  return ['nice', '-n', String(STREAM_NICENESS), ...batchArgv(iface, STREAM_PARALLEL)];
}

const REPLY = /^(?:Unicast|Broadcast) reply from (\S+) \[/;
/** arping's words when it cannot open its raw socket (no capability, not root). */
const DENIED = /Operation not permitted|CAP_NET_RAW|Permission denied/i;

/**
 * When a tree has said all it will: nothing more is to be asked, every address answered, and
 * the last answer is DUPLICATE_WINDOW_MS old (another MAC answering the same broadcast
 * follows within milliseconds). An address that stays silent (it answered the sweep, so it
 * has just left) lets its arping end by itself, within its second. Fed each line with the
 * monotonic time it came; pure. (arping writes its `ARPING ip from` line only with its first
 * reply or its end, so when each one started cannot be read.)
 */
export class BatchWatch {
  private readonly ips: Set<string>;
  private readonly replied = new Set<string>();
  private lastReplyAt = 0;
  private open: boolean;

  /** `ips` asked; `more`: more may be asked (`expect`) until `close`. */
  constructor(ips: Iterable<string>, more = false) {
    this.ips = new Set(ips);
    this.open = more;
  }

  expect(ip: string): void {
    this.ips.add(ip);
  }

  close(): void {
    this.open = false;
  }

  line(line: string, at: number): void {
    const reply = REPLY.exec(line)?.[1];
    if (reply === undefined || !this.ips.has(reply)) return;
    this.replied.add(reply);
    this.lastReplyAt = at;
  }

  /** When the tree may be stopped (monotonic ms), or null while more may come or one is silent. */
  stopAt(): number | null {
    if (this.open || this.replied.size < this.ips.size) return null;
    return this.lastReplyAt + DUPLICATE_WINDOW_MS;
  }
}

/** What a batch said: each address's outcome (as if run alone), and arping's refusal. */
export interface BatchOutcome {
  readonly byIp: ReadonlyMap<string, RunOutcome>;
  readonly denied: string | null;
}

/**
 * Reads a batch's output: the replies sorted to their address (every iputils reply line
 * names the address that answered; each arping writes a line at a time), and arping's own
 * words when it could not open its socket.
 */
export function readBatchRun(
  iface: string,
  ips: readonly string[],
  stdout: string,
  stderr: string,
): BatchOutcome {
  const replies = parseArpingOutput('iputils', 'ping', {
    argv: [],
    exitCode: 0,
    stdout,
    stderr: '',
  }).replies;
  const byIp = new Map<string, RunOutcome>();
  for (const ip of ips) {
    const mine = replies.filter((r) => r.ip === ip);
    byIp.set(ip, {
      macs: replyMacs(mine),
      lines: mine.map((r) => r.line),
      source: duplicateArgv(iface, ip).join(' '),
    });
  }
  const denied = stderr.split('\n').find((line) => DENIED.test(line));
  return { byIp, denied: denied?.trim() ?? null };
}

/** One process tree of arpings (batchArgv), asked more addresses while it runs. */
export interface ArpingTree {
  /** Asks `ip`: its arping starts as soon as a place among the running ones is free. */
  readonly ask: (ip: string) => void;
  /** Nothing more to ask: the tree ends once BatchWatch says all is in, or its arpings ended. */
  readonly close: () => void;
  /** Ends it now (its arpings with it). */
  readonly stop: () => void;
  /** It has ended: what is asked now goes nowhere. */
  readonly ended: () => boolean;
  /** Every address asked, with what it said, once it has ended. */
  readonly done: Promise<BatchOutcome>;
}

/**
 * Starts a tree (batchArgv or streamArgv), asking `ips` first. Its standard input
 * stays open for `ask` until `close`; then it is stopped as soon as BatchWatch says all is
 * in (a single host's arping would otherwise wait its whole second for a second reply).
 * Without the capability every arping fails at once, in the same words: the tree is stopped
 * at the first such line.
 */
export async function openArpingTree(
  argv: readonly string[],
  iface: string,
  signal: AbortSignal,
  ips: readonly string[] = [],
): Promise<ArpingTree> {
  const watch = new BatchWatch(ips, true);
  const asked = [...ips];
  const stdout: string[] = [];
  const stderr: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const stopWhenIn = () => {
    const at = watch.stopAt();
    if (at === null) return;
    clearTimeout(timer);
    timer = setTimeout(() => child.stop(), Math.max(0, at - performance.now()));
  };
  const child = await streamLinesFed(argv, {
    signal,
    ...(ips.length > 0 ? { input: `${ips.join('\n')}\n` } : {}),
    onLine: (line) => {
      stdout.push(line);
      watch.line(line, performance.now());
      stopWhenIn();
    },
    onErrorLine: (line) => {
      stderr.push(line);
      if (DENIED.test(line)) child.stop();
    },
  });
  const done = child.done.then(() => {
    ended = true;
    clearTimeout(timer);
    return readBatchRun(iface, asked, stdout.join('\n'), stderr.join('\n'));
  });
  return {
    ask: (ip) => {
      if (ended) return;
      asked.push(ip);
      watch.expect(ip);
      child.write(`${ip}\n`);
    },
    close: () => {
      watch.close();
      child.endInput();
      stopWhenIn();
    },
    stop: () => child.stop(),
    ended: () => ended,
    done,
  };
}

/**
 * Asks every address of `ips` once, in one process tree, stopped as soon as all is in. With
 * `noReplyMs` (the sweep asking its unanswered addresses again, most of which stay silent),
 * it is stopped that long after it started at the latest.
 */
export async function askManyWithArping(
  iface: string,
  ips: readonly string[],
  signal: AbortSignal,
  noReplyMs?: number,
): Promise<BatchOutcome> {
  if (ips.length === 0) return { byIp: new Map(), denied: null };
  const argv = batchArgv(iface, Math.min(ips.length, BATCH_PARALLEL));
  const tree = await openArpingTree(argv, iface, signal, ips);
  tree.close();
  const deadline = noReplyMs === undefined ? undefined : setTimeout(tree.stop, noReplyMs);
  const outcome = await tree.done;
  clearTimeout(deadline);
  return outcome;
}

/** Asks arping which it is (iputils' or another). */
export const ARPING_VERSION_ARGV: readonly string[] = ['arping', '-V'];

/** Why arping cannot do the check, from its answer to ARPING_VERSION_ARGV; null when it can. */
export function arpingProblemOf(version: CommandOutput): string | null {
  if (version.error === 'not-installed') {
    return 'duplicate IPs are not checked: arping is not installed (apt-get install iputils-arping)';
  }
  if (arpingFlavour(`${version.stdout}\n${version.stderr}`, '') !== 'iputils') {
    return `duplicate IPs are not checked: ${version.resolved ?? 'arping'} is not iputils' arping (apt-get install iputils-arping)`;
  }
  return null;
}

/** The answer read with the sweep's set-up (learnArping), for this process's later checks. */
let learned: string | null | undefined;

/**
 * Keeps what ARPING_VERSION_ARGV said when it ran with other reads (the sweep's set-up runs
 * it in the same sh as its `ip` reads): the check then starts no process of its own. A run
 * that was stopped or timed out says nothing.
 */
export function learnArping(version: CommandOutput): void {
  if (version.error === 'cancelled' || version.error === 'timeout') return;
  learned = arpingProblemOf(version);
}

/** Why this host's arping cannot do the check, or null when it is iputils' arping. */
export async function arpingProblem(signal: AbortSignal): Promise<string | null> {
  if (learned !== undefined) return learned;
  return arpingProblemOf(await runCommand(ARPING_VERSION_ARGV, { timeoutMs: 5000, signal }));
}
