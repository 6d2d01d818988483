/** The doctor's active checks: what each sends, and the events a run streams. */
import type { ProbeResults } from '../../diagnose/rule.js';
import type { TraceSnapshot } from '../trace/types.js';

export type DoctorProbeKind = 'ping' | 'arp' | 'return-path' | 'trace';

/** One check, named (and its command known) before it runs. */
export interface PlannedProbe {
  readonly id: string;
  readonly kind: DoctorProbeKind;
  /** What it sends, in words: "3 ICMP echo requests to 192.168.50.10 from 10.8.0.1". */
  readonly title: string;
  readonly argv: readonly string[];
  readonly target: string;
  /** The local source address, when the probe chooses one. */
  readonly source: string | null;
  readonly iface: string | null;
  /** Set on a check that runs only when the ping of the destination got no answer. */
  readonly onlyIfPingFails?: boolean;
}

/** What one check saw. */
export interface ProbeOutcome {
  readonly probe: PlannedProbe;
  readonly answered: boolean;
  /** The tool's lines worth showing (replies, errors, summary). */
  readonly lines: readonly string[];
  /** Why the check could not run (tool missing, no privilege, cancelled); null when it ran. */
  readonly error: string | null;
  /** The path walk's last state, for a `trace` check. */
  readonly trace?: TraceSnapshot;
}

export type DoctorProbeEvent =
  | {
      readonly type: 'plan';
      readonly probes: readonly PlannedProbe[];
      readonly skipped: readonly string[];
    }
  | { readonly type: 'start'; readonly probe: PlannedProbe }
  | { readonly type: 'result'; readonly outcome: ProbeOutcome }
  | {
      readonly type: 'finished';
      readonly outcomes: readonly ProbeOutcome[];
      readonly results: ProbeResults;
      readonly cancelled: boolean;
    };

/** What the checks run through: this host's tools, or fakes in tests. */
export interface DoctorProbeDeps {
  /** Runs one argv and returns what it printed; never throws for a failing tool. */
  readonly run: (
    argv: readonly string[],
    signal?: AbortSignal,
  ) => Promise<{
    readonly exitCode: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly error?: string;
  }>;
  /**
   * Walks the path once (`trace --once`) and resolves with the tracer's last state; rejects
   * when no trace tool is installed. Absent: the walk is skipped.
   */
  readonly trace?: (
    walk: { readonly target: string; readonly family: 4 | 6; readonly source: string | null },
    signal?: AbortSignal,
  ) => Promise<TraceSnapshot>;
}
