/**
 * The UI's only ways out into the world, injected by whoever draws the App. `runTui` gets
 * the live ports from src/wiring/; anything else (a frame test) gets `UNWIRED_PORTS`, which
 * refuse everything, so no test can sweep, send ARP, start ssh or write a file by accident.
 * The UI never imports src/system/ (lint enforces it).
 */
import type { BackendName, ScanEvent, ScanTarget } from '../probes/discover/types.js';
import type { WatchOptions, WatchSink } from '../probes/discover/watch-loop.js';
import type { WatchTracker } from '../probes/discover/watch.js';

/** Where the person chose to sweep (the panel's `i` and `b`): no interfaces = every one up. */
export interface SweepChoice {
  readonly ifaces: readonly string[];
  readonly backend: BackendName;
}
import type { GarpDeps } from '../probes/garp/probe.js';
import type { HostState } from '../state/host-state.js';
import type { ProbePlan } from '../probes/doctor/plan.js';
import type { DoctorProbeEvent } from '../probes/doctor/types.js';
import type { ArpingFlavour } from '../parse/tool-versions.js';
import type { Plan } from '../plan/types.js';
import type { ProveResults } from '../plan/prove-types.js';
import type { RouteQuery } from '../net/route-decision.js';
import type { TraceConfig, TraceSnapshot } from '../probes/trace/types.js';

export interface DiscoverPort {
  /** The sweeps to run when the person presses s (every up interface's prefixes). */
  readonly targets: (host: HostState, choice?: SweepChoice) => Promise<readonly ScanTarget[]>;
  readonly sweep: (
    targets: readonly ScanTarget[],
    signal: AbortSignal,
    onEvent: (e: ScanEvent) => void,
    backend?: BackendName,
  ) => Promise<void>;
  /** Why a backend cannot run here (tool missing, no privilege); a backend not listed can. */
  readonly backendProblems?: () => Promise<Partial<Record<BackendName, string>>>;
  /** Sweeps every interval and follows the table between sweeps, until aborted (`w`). */
  readonly watch?: (
    targets: readonly ScanTarget[],
    options: Omit<WatchOptions, 'names'>,
    sink: WatchSink,
    /** Whose marks the panel draws. */
    tracker: WatchTracker,
  ) => Promise<void>;
  readonly writeFile: (path: string, text: string) => Promise<void>;
  /**
   * The names this host gives addresses without asking anyone (/etc/hosts, the file the
   * sweep's resolver reads first): the opening table's names. Reads a file, sends nothing.
   */
  readonly localNames?: () => Promise<ReadonlyMap<string, string>>;
}

/** The Doctor panel's ways out: its probes (they send packets) and its report file. */
export interface DoctorPort {
  /** The installed arping's flavour, which the plan's ARP argv needs (runs -V and --help only). */
  readonly arping: () => Promise<ArpingFlavour | null>;
  /** Runs the planned checks one after another, streaming each as it starts and ends. */
  readonly runProbes: (
    plan: ProbePlan,
    arping: ArpingFlavour | null,
    signal: AbortSignal,
  ) => AsyncIterable<DoctorProbeEvent>;
  /** Writes the Markdown report. */
  readonly writeFile: (path: string, text: string) => Promise<void>;
}

/** How far `--prove` has gone: each stage counts what it has finished. */
export interface ProveProgress {
  readonly stage: 'building' | 'routes' | 'pinging' | 'tearing down';
  readonly done: number;
  readonly total: number;
}

/** What --prove says when this process may not build namespaces (the CLI says the same). */
export const PROVE_NEEDS_ROOT =
  '--prove builds network namespaces: it needs root (sudo) or CAP_NET_ADMIN+CAP_SYS_ADMIN';

/** The Plan panel's ways out: a plan file the person names, and --prove in namespaces. */
export interface PlanPort {
  /** The text of the file (regular files only, size capped); throws one line on failure. */
  readonly readPlanFile: (path: string) => Promise<string>;
  /** Whether this process may build namespaces (root, or CAP_NET_ADMIN and CAP_SYS_ADMIN). */
  readonly canProve: () => Promise<boolean>;
  /**
   * Builds the plan as namespaces, pings every pair and tears it all down, also when
   * `signal` aborts (then it rejects once the namespaces are gone).
   */
  readonly prove: (
    plan: Plan,
    signal: AbortSignal,
    onProgress: (progress: ProveProgress) => void,
  ) => Promise<ProveResults>;
}

/** What `ip -j -d route get …` printed, raw: the panel parses it (src/parse/ip-route-get.ts). */
export interface RouteGetOutput {
  readonly argv: readonly string[];
  readonly stdout: string;
  readonly stderr: string;
  /** Null when it did not run or was killed. */
  readonly status: number | null;
  /** Why it did not run or finish ('not-installed', 'timeout', ...). */
  readonly error?: string;
}

/** A live trace as the Route panel holds it: the Tracer, opened on a backend of this host. */
export interface TraceSession {
  /** Said once when the backend is the fallback (traceroute): the upgrade to name. */
  readonly note: string | null;
  /** The state now, as plain data to draw (the Tracer's own snapshot). */
  readonly snapshot: () => TraceSnapshot;
  /** Probes until the trace ends or `signal` aborts; the backend's processes are gone after. */
  readonly run: (signal: AbortSignal) => Promise<TraceSnapshot>;
  /** Ends the trace now (kills mtr-packet); what was learnt stays in the snapshot. */
  readonly stop: () => void;
}

/** The Route panel's ways out: the kernel's own route answer, and the live trace. */
export interface RoutePort {
  /** Asks the kernel `ip -j -d route get …` (reads only, sends no packet). */
  readonly routeGet: (query: RouteQuery, signal: AbortSignal) => Promise<RouteGetOutput>;
  /**
   * Opens a trace (mtr-packet, else traceroute); rejects in one sentence when this host
   * cannot send there (no route, blackhole, ...) or no backend is installed. Sends nothing
   * until `run`.
   */
  readonly openTrace: (config: TraceConfig) => Promise<TraceSession>;
  /** Our user id, which the kernel matches `uidrange` rules against; null when unknown. */
  readonly uid: () => number | null;
}

/** How a program that had the terminal ended. */
export interface HandOverResult {
  /** Its exit code; null when it could not start. */
  readonly code: number | null;
  /** Its last lines on stderr ("Permission denied ..."), to keep on screen after it. */
  readonly errorLines: readonly string[];
}

export interface UiPorts {
  readonly discover: DiscoverPort;
  readonly doctor: DoctorPort;
  /** The ARP repair's host reader and arping; null when none is wired. */
  readonly garp: GarpDeps | null;
  /** Gives the terminal to argv until it exits. */
  readonly handOver: (argv: readonly string[]) => HandOverResult;
  /** Who ssh logs in as (--ssh-user, or the current user). */
  readonly user: () => string;
  readonly now: () => Date;
  /**
   * Reads this host again, every source, as a fresh snapshot (reads only, sends nothing):
   * the VLAN panel's live rates read the counters with it every second.
   */
  readonly readHost: () => Promise<HostState>;
  /** Resolves after `ms`, or rejects when `signal` aborts: a job's pace, a gate in tests. */
  readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly plan: PlanPort;
  /** The Route panel's kernel question and live trace. */
  readonly route: RoutePort;
}

function unwired(what: string): never {
  throw new Error(`${what}: nothing is wired to this TUI`);
}

export const UNWIRED_PORTS: UiPorts = {
  discover: {
    targets: async () => unwired('sweep'),
    sweep: async () => unwired('sweep'),
    backendProblems: async () => unwired('backends'),
    watch: async () => unwired('watch'),
    writeFile: async () => unwired('export'),
  },
  doctor: {
    arping: async () => unwired('arping'),
    // eslint-disable-next-line require-yield -- refuses before its first event
    runProbes: async function* () {
      unwired('probes');
    },
    writeFile: async () => unwired('the report'),
  },
  garp: null,
  handOver: () => unwired('ssh'),
  user: () => 'you',
  now: () => new Date(),
  readHost: async () => unwired('reading the host'),
  wait: async () => unwired('waiting'),
  plan: {
    readPlanFile: async () => unwired('reading a plan file'),
    canProve: async () => unwired('--prove'),
    prove: async () => unwired('--prove'),
  },
  route: {
    routeGet: async () => unwired('asking the kernel'),
    openTrace: async () => unwired('trace'),
    uid: () => null,
  },
};
