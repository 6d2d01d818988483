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
  garp: null,
  handOver: () => unwired('ssh'),
  user: () => 'you',
  now: () => new Date(),
  readHost: async () => unwired('reading the host'),
  wait: async () => unwired('waiting'),
};
