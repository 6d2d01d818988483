/**
 * `netdoctor scan`: find the hosts on the LAN (and the Raspberry Pis) from the command
 * line, the Discover panel's twin. The kernel backend needs no privilege; arp-scan needs
 * root; passive sends nothing. Exit 1 when a duplicate IP is found, or with --pi when no Pi
 * answered; exit 2 on bad input; exit 3 when a sweep stopped early because its prefix left
 * the link (the list is incomplete); 128 + the signal's number when one stopped it.
 */
import { Option, type Command } from 'commander';
import { findingLines } from '../report/findings.js';
import { ScanFold } from '../probes/discover/scan-fold.js';
import { EXIT_INCOMPLETE, EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { hasErrors, type Finding } from '../diagnose/finding.js';
import { tableLines } from '../report/table.js';
import { safeText } from '../text/safe.js';
import { discover, limitsOf } from '../probes/discover/discover.js';
import {
  duplicateFindings,
  targetContext,
  visibleHosts,
  type DiscoveredHost,
} from '../probes/discover/hosts.js';
import {
  flagsLabel,
  hostJson,
  hostsCsv,
  macWithVendor,
  rttLabel,
  vendorCell,
} from '../probes/discover/export.js';
import { resolveTargets } from '../probes/discover/target.js';
import { hostOf } from '../wiring/host.js';
import { buildHostState, type HostState } from '../state/host-state.js';
import { arpScanArgv } from '../probes/discover/arp-scan.js';
import { BACKENDS, type BackendName, type ScanTarget } from '../probes/discover/types.js';
import { toJson, UsageError, type CliIo } from './context.js';
import { endReason, jsonDocument } from '../report/json-document.js';
import { readProblems, readProblemLines } from '../report/read-problems.js';
import type { ParseWarning } from '../parse/warnings.js';
import { STOP_SIGNALS, withSignals, type StopSignal } from '../system/signals.js';
import { raspberryPiPrefixes } from '../net/mac.js';
import { runWatch } from './scan-watch.js';
import { parseWait, wantsNames, type ScanOptions, refuseRemoteSweep } from './scan-options.js';

export { wantsNames, type ScanOptions } from './scan-options.js';

/** Everything a scan produced, as the report shows it. */
export interface ScanResult {
  readonly targets: readonly ScanTarget[];
  readonly backend: BackendName;
  readonly hosts: readonly DiscoveredHost[];
  readonly findings: readonly Finding[];
  readonly limits: readonly string[];
  readonly warnings: readonly string[];
  readonly durationMs: number;
  /** From the start of the sweep to the first other host's answer. */
  readonly firstHostMs: number | null;
  readonly sent: number;
  readonly sendErrors: number;
  /** The signal that stopped the sweep early (INT, TERM, HUP); null when it ran to the end. */
  readonly interrupted: StopSignal | null;
  /** Sweeps that ended before their last address, and why (the prefix left the link). */
  readonly stoppedEarly: readonly string[];
}

/**
 * Names may hold the report up this long after the sweep: enough for a LAN's resolver to
 * answer every PTR query, short enough that an unreachable one (which glibc retries for
 * seconds) does not double the scan. --no-names skips them.
 */
const NAMES_TIMEOUT_MS = 500;

export async function scanHosts(
  facts: HostState,
  opts: ScanOptions,
  signal: AbortSignal,
  /** The discovery to run (a test replays recorded events through it). */
  run: typeof discover = discover,
): Promise<ScanResult> {
  if (opts.json && opts.csv) throw new UsageError('--json and --csv: pick one');
  const waitMs = parseWait(opts.wait);
  const targets = resolveTargets(facts, {
    ifaces: opts.iface,
    ...(opts.cidr !== undefined ? { cidr: opts.cidr } : {}),
    backend: opts.backend,
    force: Boolean(opts.force),
  });
  // The first host's time is when its event got here: on screen, not when it was seen.
  const fold = new ScanFold(targetContext(targets), limitsOf(opts.backend), Date.now);
  const started = Date.now();
  raspberryPiPrefixes(); // loaded once: a no-op when runScan has loaded it already
  await run(
    targets,
    {
      backend: opts.backend,
      signal,
      names: wantsNames(opts),
      namesTimeoutMs: NAMES_TIMEOUT_MS,
      ...(waitMs !== undefined ? { waitMs } : {}),
    },
    (event) => fold.apply(event),
  );
  const source =
    opts.backend === 'arp-scan' && targets[0]
      ? arpScanArgv(targets[0]).join(' ')
      : `netdoctor scan --backend ${opts.backend}`;
  return {
    targets,
    backend: opts.backend,
    // A sweep narrowed by --cidr shows IPv6 neighbours only beside their IPv4 host.
    hosts: visibleHosts(fold.table.hosts(), opts.cidr === undefined),
    findings: duplicateFindings(fold.table.hosts(), source, fold.evidence),
    limits: fold.limits,
    warnings: fold.warnings,
    durationMs: Date.now() - started,
    firstHostMs: fold.firstHostMs,
    sent: fold.sent,
    sendErrors: fold.sendErrors,
    interrupted: signal.aborted ? interruptedBy(signal) : null,
    stoppedEarly: fold.stoppedEarly,
  };
}

function interruptedBy(signal: AbortSignal): StopSignal {
  const reason: unknown = signal.reason;
  return STOP_SIGNALS.find((s) => s === reason) ?? 'SIGINT';
}

/**
 * The sweep's warnings are lines of its own (`arp-scan: ...`); the host's read problems (the
 * routing sources the targets came from) have their source. Both are `warnings`.
 */
export function scanJson(
  result: ScanResult,
  hosts: readonly DiscoveredHost[],
  read: readonly ParseWarning[],
) {
  return jsonDocument('scan', {
    backend: result.backend,
    targets: result.targets.map((t) => ({
      iface: t.iface,
      cidr: t.prefix.cidr,
      onLink: t.onLink,
      localAddresses: t.localAddresses,
      gateways: t.gateways,
    })),
    hosts: hosts.map(hostJson),
    findings: result.findings,
    limits: result.limits,
    warnings: [...read, ...result.warnings.map((message) => ({ source: 'sweep', message }))],
    /** True when a signal stopped the sweep: the hosts are those seen until then. */
    interrupted: result.interrupted !== null,
    ...(result.interrupted !== null ? { signal: result.interrupted } : {}),
    /** Why sweeps ended before their last address (exit 3): the hosts are those seen until then. */
    stoppedEarly: result.stoppedEarly,
    stats: {
      hosts: result.hosts.length,
      raspberryPis: result.hosts.filter((h) => h.flags.includes('raspberry-pi')).length,
      durationMs: result.durationMs,
      firstHostMs: result.firstHostMs,
      sent: result.sent,
      sendErrors: result.sendErrors,
    },
    end: endReason(result.interrupted),
  });
}

export function scanText(
  result: ScanResult,
  hosts: readonly DiscoveredHost[],
  read: readonly ParseWarning[],
): string {
  const rows = hosts.map((h) => [
    h.ip,
    h.mac ?? '',
    vendorCell(h),
    h.name ?? '',
    // An IPv6 neighbour with no IPv4 twin is a row of its own, and an IPv4 host only the
    // neighbour table held answered nothing of ours: the table's state says how fresh it is.
    [flagsLabel(h), h.family === 'inet6' || h.via === 'table' ? (h.state ?? '') : '']
      .filter(Boolean)
      .join(' '),
    rttLabel(h.rttMs),
  ]);
  const lines = tableLines(['ADDRESS', 'MAC', 'VENDOR', 'NAME', 'FLAGS', 'RTT ms'], rows, [
    null,
    null,
    28,
    24,
    null,
    null,
  ]);
  for (const h of hosts) {
    if (h.macs.length > 1) {
      lines.push(`  ${h.ip} answered by ${h.macs.map(macWithVendor).join(' and ')}`);
    }
  }
  for (const f of result.findings) lines.push('', ...findingLines(f).map((l) => l.text));
  for (const l of result.limits) lines.push('', `note: ${l}`);
  for (const w of [...readProblemLines(read), ...result.warnings]) lines.push(`warning: ${w}`);
  const where = result.targets.map((t) => `${t.iface} ${t.prefix.cidr}`).join(', ');
  const pis = hosts.filter((h) => h.flags.includes('raspberry-pi')).length;
  const unanswered = hosts.filter((h) => h.family === 'inet' && h.via === 'table').length;
  const count =
    unanswered > 0 && result.backend !== 'passive'
      ? `${hosts.length} hosts (${unanswered} only in the neighbour table, unconfirmed)`
      : `${hosts.length} hosts`;
  const after = `after ${(result.durationMs / 1000).toFixed(2)} s: incomplete, `;
  const stopped = result.interrupted
    ? `INTERRUPTED by ${result.interrupted} ${after}`
    : result.stoppedEarly.length > 0
      ? `STOPPED EARLY ${after}`
      : '';
  lines.push(
    '',
    `${where} (${result.backend}): ${stopped}${count}, ${pis} Raspberry Pi${stopped ? '' : `, in ${(result.durationMs / 1000).toFixed(2)} s`}`,
  );
  // Warnings quote tools and names from the network: every line is made safe as printed.
  return `${lines.map(safeText).join('\n')}\n`;
}

/**
 * A sweep that ended early (its prefix left the link) is incomplete, whatever it found: 3.
 * Then 1 for a duplicate address (an error finding) or, with --pi, no Pi; else 0.
 */
export function scanExitCode(
  result: ScanResult,
  hosts: readonly DiscoveredHost[],
  pi: boolean,
): number {
  if (result.stoppedEarly.length > 0) return EXIT_INCOMPLETE;
  if (pi && hosts.length === 0) return EXIT_PROBLEMS;
  return hasErrors(result.findings) ? EXIT_PROBLEMS : EXIT_OK;
}

export async function runScan(io: CliIo, opts: ScanOptions): Promise<number> {
  if (opts.watch) return runWatch(io, opts);
  if (opts.interval !== undefined) throw new UsageError('--interval goes with --watch');
  refuseRemoteSweep(io);
  // INT, TERM and HUP (an SSH drop) all stop the sweep the same way: its children are killed
  // and waited for, what was seen is printed as incomplete, and the exit code names the signal.
  return withSignals(async (signal, trap) => {
    const facts = hostOf(io).readRoutingSnapshot().then(buildHostState);
    // The vendor registry (5 MB of JSON) parses while the ip commands run, not during the sweep.
    raspberryPiPrefixes();
    const host = await facts;
    const result = await scanHosts(host, opts, signal);
    const read = readProblems(host, 'scan');
    const hosts = opts.pi
      ? result.hosts.filter((h) => h.flags.includes('raspberry-pi'))
      : result.hosts;
    if (opts.json) io.out(toJson(scanJson(result, hosts, read)));
    else if (opts.csv) io.out(hostsCsv(hosts));
    else io.out(scanText(result, hosts, read));
    // CSV has no place for them: what could not be read goes to stderr.
    if (opts.csv) for (const w of readProblemLines(read)) io.err(`netdoctor: ${safeText(w)}\n`);
    if (trap.received) {
      io.err(`netdoctor: scan interrupted by ${trap.received}: the list is incomplete\n`);
      return trap.exitCode;
    }
    const code = scanExitCode(result, hosts, Boolean(opts.pi));
    if (code === EXIT_INCOMPLETE) {
      io.err(`netdoctor: ${safeText(result.stoppedEarly[0] ?? '')}: the list is incomplete\n`);
    } else if (code === EXIT_PROBLEMS && opts.pi && hosts.length === 0) {
      io.err('netdoctor: no Raspberry Pi answered\n');
    }
    return code;
  });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerScan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description(
      'find the hosts on the LAN and every Raspberry Pi: IP, MAC, vendor, name, flags (no root needed)',
    )
    .option('--iface <name>', 'sweep from this interface (repeat for several)', collect, [])
    .option('--cidr <cidr>', "sweep this IPv4 prefix (default: the interfaces' own prefixes)")
    .option('--pi', 'show only Raspberry Pis; exit 1 when none answered')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .addOption(
      new Option(
        '--backend <name>',
        'kernel (no privilege), arp-scan (root; sees duplicates), passive (sends nothing)',
      )
        .choices(BACKENDS)
        .default('kernel'),
    )
    .option(
      '--wait <ms>',
      'wait this long for late answers after the last one (default: from the RTTs seen)',
    )
    .option('--force', 'allow a prefix larger than a /16')
    .option(
      '--names',
      'look up names (reverse DNS, /etc/hosts; mDNS when sweeping): the default, except with --backend passive, which sends nothing unless asked',
    )
    .option('--no-names', 'skip the name lookups (reverse DNS, /etc/hosts, mDNS)')
    .option(
      '--watch',
      'keep sweeping and report hosts new, gone, moved and duplicate as it happens (Ctrl-C ends)',
    )
    .option('--interval <s>', 'with --watch: seconds between sweeps (default 30)')
    .addHelpText(
      'after',
      '\nExit codes: 0 the sweep ran; 1 a duplicate IP, or --pi and no Pi answered; 2 bad input\n' +
        'or no tool; 3 the sweep stopped early, its prefix no longer on-link (a link went down):\n' +
        'the list is incomplete; 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM.',
    )
    .action(async (opts: ScanOptions) => setExit(await runScan(io, opts)));
}
