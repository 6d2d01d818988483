/**
 * `netdoctor trace DEST`: the live hop-by-hop trace, the Route panel's `t` twin. Without
 * --once it probes every hop each second like mtr and refreshes a hop table until Ctrl-C or
 * --count rounds; --once walks the path once like traceroute and says where it ends. Exit 0
 * when the destination answered, 1 when it did not, 2 on bad input; killed by a signal,
 * 128 + its number, after mtr-packet is gone.
 */
import { Option, type Command } from 'commander';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { ipValue } from '../net/cidr.js';
import { NO_SIGNALS, PROCESS_SIGNALS, withSignals, type TrapHost } from '../system/signals.js';
import { Tracer } from '../probes/trace/tracer.js';
import { refusedTarget } from '../probes/trace/target.js';
import { hostOf, type Host, type TracePort } from '../wiring/host.js';
import {
  DEFAULT_CONFIG,
  type TraceConfig,
  type TraceSnapshot,
  type TraceTarget,
} from '../probes/trace/types.js';
import type { ProbeProtocol } from '../parse/mtr-packet.js';
import {
  hopTableLines,
  onceLines,
  traceHeading,
  traceJson,
  verdictLines,
} from '../report/trace.js';
import { safeText } from '../text/safe.js';
import { toJson, UsageError, type CliIo } from './context.js';
import { endReason } from '../report/json-document.js';
import { readProblemLines } from '../report/read-problems.js';

export interface TraceOptions {
  readonly once?: boolean;
  readonly count?: string;
  readonly proto: ProbeProtocol;
  readonly from?: string;
  readonly maxTtl?: string;
  readonly json?: boolean;
  readonly names: boolean;
  readonly backend?: 'mtr-packet' | 'traceroute';
}

export { localRouteWords, pickAddress, refusedTarget } from '../probes/trace/target.js';

/** What the command runs against: a host's trace port (host.ts), or fakes in tests. */
export interface TraceEnv extends Omit<TracePort, 'nameLookups'> {
  /** Reverse names for the hops; needed when `names` is true. */
  readonly nameLookups?: TracePort['nameLookups'];
  readonly names: boolean;
  /** Where INT, TERM and HUP come from (system/signals.ts); null: nowhere (tests). */
  readonly signals: TrapHost | null;
}

function wholeNumber(flag: string, text: string | undefined, min: number, max: number) {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(
      `${flag} takes a whole number from ${min} to ${max}, not ${JSON.stringify(safeText(text))}`,
    );
  }
  return n;
}

/** A host name as DNS allows it; nothing that a program could read as an option. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_-]{1,63})*\.?$/;

/** Digits and dots only: typed as an IPv4 address, never a name (no top-level domain is numeric). */
const DOTTED_NUMBERS = /^[\d.]+$/;

/** The trace on a host (src/wiring/host.ts), with this process's signal trap. */
export async function traceEnvOn(host: Host, names: boolean): Promise<TraceEnv> {
  return { ...(await host.trace()), names, signals: PROCESS_SIGNALS };
}

/** The config from the options, checked; a mistake is a UsageError (one line, exit 2). */
export async function traceConfig(
  dest: string,
  opts: TraceOptions,
  env: TraceEnv,
): Promise<TraceConfig> {
  const count = wholeNumber('--count', opts.count, 1, 100_000);
  const maxTtl = wholeNumber('--max-ttl', opts.maxTtl, 1, 255) ?? DEFAULT_CONFIG.maxTtl;
  if (opts.once && count !== undefined) throw new UsageError('--once and --count: pick one');
  let target: TraceTarget;
  const v = ipValue(dest);
  if (v !== null) target = { input: dest, address: dest, family: v.family === 'inet' ? 4 : 6 };
  else {
    // getent would read `10.1` as 10.0.0.1 and ask DNS about `999.1.1.1` for seconds.
    if (DOTTED_NUMBERS.test(dest))
      throw new UsageError(
        `'${safeText(dest)}' is not an IPv4 address: four numbers from 0 to 255 (a.b.c.d)`,
      );
    if (!HOST_NAME.test(dest))
      throw new UsageError(`'${safeText(dest)}' is not an address or a host name`);
    const r = await env.resolve(dest);
    if (r === null)
      throw new UsageError(
        `'${safeText(dest)}' does not resolve to an address on this host (getent ahosts)`,
      );
    target = { input: dest, ...r };
  }
  const refused = refusedTarget(target);
  if (refused !== null) throw new UsageError(refused);
  if (opts.from !== undefined) {
    const s = ipValue(opts.from);
    if (s === null)
      throw new UsageError(`--from takes an address of this host, not '${safeText(opts.from)}'`);
    if ((s.family === 'inet' ? 4 : 6) !== target.family) {
      throw new UsageError(
        `--from ${safeText(opts.from)} and ${target.address} are not of one IP version`,
      );
    }
    if (!(await env.ownsAddress(opts.from))) {
      throw new UsageError(
        `--from ${safeText(opts.from)} is not an address of this host (ip addr show has it on no interface)`,
      );
    }
  }
  return {
    ...DEFAULT_CONFIG,
    target,
    protocol: opts.proto,
    ...(opts.from !== undefined ? { source: opts.from } : {}),
    maxTtl,
    mode: opts.once ? 'once' : 'rounds',
    rounds: count ?? null,
  };
}

function failedSnapshot(config: TraceConfig, problem: string): TraceSnapshot {
  return {
    target: config.target,
    backend: null,
    protocol: config.protocol,
    mode: config.mode,
    running: false,
    round: 0,
    hops: [],
    verdict: { kind: 'failed', problem },
    elapsedMs: 0,
    probesSent: 0,
  };
}

export async function runTraceCommand(
  io: CliIo,
  dest: string,
  opts: TraceOptions,
  env: TraceEnv,
): Promise<number> {
  const config = await traceConfig(dest, opts, env);
  const notes: string[] = [];
  const print = (s: TraceSnapshot, stopped: AbortSignal | null) => {
    const read = env.readWarnings?.() ?? [];
    if (opts.json) return io.out(toJson(traceJson(s, notes, read, endReason(stopped))));
    const body = config.mode === 'once' ? onceLines(s) : hopTableLines(s);
    io.out(
      [
        traceHeading(s, config.maxTtl),
        ...body,
        '',
        ...verdictLines(s, 80, config.source),
        ...notes.map((n) => `note: ${n}`),
        ...readProblemLines(read).map((w) => `warning: ${safeText(w)}`),
      ].join('\n') + '\n',
    );
  };
  const blocked = await env.localRoute(config.target, config.source);
  if (blocked !== null) {
    print(failedSnapshot(config, blocked), null);
    return EXIT_PROBLEMS;
  }
  const { open, note } = await env.chooseBackend(opts.backend);
  if (note) {
    notes.push(note);
    if (!opts.json) io.err(`netdoctor: ${note}\n`);
  }
  const tracer = new Tracer(config, open);
  // INT, TERM and HUP end the rounds (mtr-packet is closed), the table so far is printed,
  // and the exit code names the signal: 130, 143, 129 (system/signals.ts).
  return withSignals(
    async (signal, trap) => {
      const lookups =
        env.names && env.nameLookups
          ? env.nameLookups(signal, (ip, name) => tracer.setName(ip, name), 500)
          : null;
      tracer.on((e) => {
        if (e.type === 'answer' && 'address' in e.outcome) lookups?.add(e.outcome.address);
        if (e.type === 'started' && !opts.json) {
          io.err(
            `tracing ${safeText(config.target.address)} with ${e.backend}${config.mode === 'once' ? '' : ' (Ctrl-C stops)'}\n`,
          );
        }
      });
      // On a terminal the table refreshes in place, like mtr; otherwise it prints once at the end.
      const live = io.isTTY && !opts.json && config.mode === 'rounds';
      const redraw = live
        ? setInterval(() => {
            io.out('\x1b[H\x1b[2J');
            print(tracer.snapshot(), null);
          }, 250)
        : null;
      try {
        await tracer.run(signal);
        await lookups?.finish();
      } finally {
        if (redraw) clearInterval(redraw);
      }
      if (live) io.out('\x1b[H\x1b[2J');
      const snapshot = tracer.snapshot();
      print(snapshot, signal);
      if (trap.received) return trap.exitCode;
      return snapshot.verdict.kind === 'reached' ? EXIT_OK : EXIT_PROBLEMS;
    },
    { host: env.signals ?? NO_SIGNALS },
  );
}

export function registerTrace(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('trace')
    .description(
      'trace the path to DEST hop by hop: a live hop table like mtr, or --once like traceroute',
    )
    .argument('<dest>', 'the destination: an IPv4 or IPv6 address, or a host name')
    .option('--once', 'walk the path once and say where it ends (exit 0 reached, 1 not)')
    .option('--count <n>', 'rounds of probes before the report (default: until Ctrl-C)')
    .addOption(
      new Option('--proto <protocol>', 'probe with')
        .choices(['icmp', 'udp', 'tcp'])
        .default('icmp'),
    )
    .option('--from <address>', 'send from this address of this host')
    .option('--max-ttl <n>', 'the most hops to probe (default 30)')
    .option('--no-names', 'no reverse names for the hops')
    .addOption(
      new Option('--backend <name>', 'probe with (default: mtr-packet, else traceroute)').choices([
        'mtr-packet',
        'traceroute',
      ]),
    )
    .option('--json', 'print one JSON object at the end')
    .addHelpText(
      'after',
      '\nBackend: mtr-packet (apt-get install mtr-tiny; it carries cap_net_raw, so no root),\n' +
        'or traceroute when mtr-packet is absent. A --once trace stops when the destination\n' +
        'answers, a router refuses the packet, or 5 hops in a row past the last answer stay\n' +
        'silent ("the path dies after ...").\n' +
        'Exit codes: 0 the destination answered; 1 it did not; 2 bad input or no tool;\n' +
        '129/130/143 stopped by SIGHUP/SIGINT/SIGTERM.',
    )
    .action(async (dest: string, opts: TraceOptions) => {
      setExit(await runTraceCommand(io, dest, opts, await traceEnvOn(hostOf(io), opts.names)));
    });
}
