/**
 * The ARP repair, as data: what the person asks for, the plan netdoctor makes from this
 * host's state, the events each step streams, and the report it ends with.
 */
import type { Finding } from '../../diagnose/finding.js';
import type { AnnounceMode, ArpingFeatures } from '../../parse/arping-argv.js';
import type { ArpingFlavour } from '../../parse/tool-versions.js';

/** What the person asked for (`netdoctor garp IP [--iface] [--gateway] [--count] [--mode]`). */
export interface GarpRequest {
  readonly ip: string;
  readonly iface?: string;
  readonly gateway?: string;
  /** How many announcements to send; DEFAULT_COUNT when absent. */
  readonly count?: number;
  readonly mode?: AnnounceMode;
}

export const DEFAULT_COUNT = 3;
export const MAX_COUNT = 100;

/** Where the repair happens, worked out from the host before anything is sent. */
export interface GarpPlan {
  readonly ip: string;
  readonly iface: string;
  /** Our MAC on that interface: what the network must learn for `ip`. */
  readonly mac: string;
  /** The prefix length `ip` has on `iface`. */
  readonly prefixlen: number;
  /** Whom to tell and verify against; null when the interface has no default route. */
  readonly gateway: string | null;
  /** Where the gateway came from. */
  readonly gatewayFrom: 'option' | 'default-route' | 'none';
  /**
   * Another address of `iface`: when the gateway does not answer a ping from `ip`, the check
   * pings it from here too, to tell a gateway that kept the old MAC from one that drops
   * pings. Null when `ip` is the interface's only IPv4 address.
   */
  readonly compareFrom: string | null;
  readonly count: number;
  readonly mode: AnnounceMode;
}

export type GarpStepId = 'where' | 'dad' | 'send' | 'verify';
export const GARP_STEPS: readonly GarpStepId[] = ['where', 'dad', 'send', 'verify'];

export type GarpStepStatus = 'running' | 'ok' | 'problem' | 'failed' | 'skipped';

/** One step as it stands: replaced whole by each event about it. */
export interface GarpStepReport {
  readonly step: GarpStepId;
  readonly status: GarpStepStatus;
  /** One line: what happened. */
  readonly summary: string;
  /** What the packets did and who holds what, in words. */
  readonly explain: readonly string[];
  /** The arping command line, as a person could type it again. */
  readonly command: string | null;
  /** The lines arping printed that prove the summary. */
  readonly output: readonly string[];
  /** Further commands the step ran after `command` (the check's pings), each with its lines. */
  readonly more?: readonly StepRun[];
}

/** One more command a step ran, as a person could type it again, and what it printed. */
export interface StepRun {
  readonly command: string;
  readonly output: readonly string[];
}

/**
 * How a repair ended. `verified`: sent, and the gateway answers a ping from IP, so its entry
 * for IP holds our MAC. `sent`: sent, nothing to verify against. `unverified`: sent, but the
 * gateway did not answer ARP, or answers ARP and not a ping from IP (it kept the old MAC).
 */
export type GarpOutcome =
  | 'verified'
  | 'sent'
  | 'unverified'
  | 'duplicate'
  | 'not-local'
  | 'bad-request'
  | 'tool-missing'
  | 'needs-privilege'
  | 'declined'
  | 'failed'
  | 'cancelled';

/** The installed arping, as the repair uses it. */
export interface ArpingInUse {
  readonly path: string | null;
  readonly flavour: ArpingFlavour;
  readonly version: string | null;
}

/** The arping found on this host, and what it can do. */
export interface InstalledArping {
  readonly path: string | null;
  readonly features: ArpingFeatures;
  /** The first line it printed about itself, for evidence. */
  readonly versionLine: string | null;
}

/** Steps 1 and 2 passed: everything the send needs, and the steps so far. */
export interface ReadyToSend {
  readonly request: GarpRequest;
  readonly plan: GarpPlan;
  readonly arping: InstalledArping;
  readonly steps: readonly GarpStepReport[];
}

/** The whole story of one repair: what `--json` prints. */
export interface GarpReport {
  readonly request: GarpRequest;
  readonly plan: GarpPlan | null;
  readonly arping: ArpingInUse | null;
  readonly steps: readonly GarpStepReport[];
  readonly findings: readonly Finding[];
  readonly outcome: GarpOutcome;
  /** One line for the person: what happened and what to do next. */
  readonly message: string;
  /** Commands to copy (e.g. the `ip addr add` for an address that is not here yet). */
  readonly fix: readonly string[];
}

/** What the probe streams. */
export type GarpEvent =
  | { readonly type: 'plan'; readonly plan: GarpPlan }
  | { readonly type: 'step'; readonly report: GarpStepReport }
  | { readonly type: 'finding'; readonly finding: Finding }
  /** Steps 1 and 2 passed: the send may go ahead once the person agrees. */
  | { readonly type: 'ready'; readonly ready: ReadyToSend }
  | { readonly type: 'finished'; readonly report: GarpReport };
