/**
 * The shape of a rule: a small pure module that reads what is known (the host, a question
 * about a path, probe results, a plan) and returns Findings. Rules never run anything; the
 * commands and jobs gather the context, and `diagnose()` runs every rule over it.
 */
import type { HostState } from '../state/host-state.js';
import type { PathQuestion } from '../net/path-question.js';
import type { PlanQuestion } from '../plan/question.js';
import type { PathWalks } from '../path/walk.js';
import type { ArpingFlavour } from '../parse/tool-versions.js';
import type { Finding, FindingCode, Severity } from './finding.js';

/**
 * What a rule is about, so a command runs the rules it answers for: `vlan` runs the VLAN
 * rules, `overview` the host-wide ones, `doctor --to` adds the path rules.
 */
export type Topic = 'host' | 'path' | 'vlan' | 'l2' | 'plan' | 'hosts';

/** Results of active probes, when a job ran them. Each probe adds its own optional field. */
export interface ProbeResults {
  /** IPv4 addresses answered by two or more MACs (Discover's sweep or a duplicate check). */
  readonly duplicates?: readonly DuplicateSighting[];
  /** Addresses whose MAC changed while Discover watched the LAN (`scan --watch`). */
  readonly macChanges?: readonly MacChangeSighting[];
  /** The doctor's ping of the destination (`ping DEST`). */
  readonly ping?: PingProbeResult;
  /** The doctor's return-path probe: the destination pinged from each relevant local address. */
  readonly returnPath?: ReturnPathResult;
  /** The doctor's ARP for the next hop (`arping -I IF NEXTHOP`). */
  readonly nextHopArp?: NextHopArpResult;
  /** The doctor's one walk of the path (`trace --once`), run when the ping got no answer. */
  readonly trace?: PathTraceResult;
  /** The ARP repair's check that the gateway now sends a moved address's traffic here. */
  readonly garpCheck?: GarpCheckResult;
  /** Tools a probe needed and found missing, or unable to do what it needs. */
  readonly toolsLacking?: readonly ToolLack[];
}

/**
 * A tool a probe looked for before sending anything: the ARP repair's arping (which must be
 * iputils' to take its flags) and ping (its check that the gateway listened).
 */
export type ToolLack =
  | { readonly tool: 'ping' }
  | {
      readonly tool: 'arping';
      /** Which arping is installed; null when none is. */
      readonly flavour: ArpingFlavour | null;
      /** What it cannot send, in words ("unsolicited ARP (-U)"); null when not installed. */
      readonly lacking: string | null;
      /** Its `arping -V` line, when it printed one. */
      readonly versionLine: string | null;
    };

/** Where a traced path ended, as the rules read it (the tracer's verdict, made plain). */
export type PathTraceEnd =
  | { readonly kind: 'reached'; readonly ttl: number; readonly address: string }
  | {
      readonly kind: 'refused';
      readonly ttl: number;
      readonly address: string;
      /** In words: "host unreachable", "communication administratively prohibited". */
      readonly words: string;
    }
  | {
      readonly kind: 'dies';
      /** The last box that answered; null when not even the first hop did. */
      readonly after: { readonly ttl: number; readonly address: string } | null;
    }
  | { readonly kind: 'max-ttl'; readonly maxTtl: number }
  | { readonly kind: 'failed'; readonly problem: string };

/** The path walked once, hop by hop: who answered at each TTL, and where it ended. */
export interface PathTraceResult {
  readonly target: string;
  readonly source: string | null;
  /** The command that walks it again, for evidence. */
  readonly command: string;
  readonly hops: readonly { readonly ttl: number; readonly address: string | null }[];
  readonly end: PathTraceEnd;
  /** The walk as traceroute prints it, for evidence. */
  readonly lines: readonly string[];
}

/**
 * After the ARP repair announced `ip` at `mac`: the gateway answered an ARP ping (it is on
 * the segment, at `gatewayMac`), then it was pinged from `ip`. Its echo replies to `ip` leave
 * at the MAC its neighbour entry for `ip` holds, so an answer proves the entry says `mac`.
 */
export interface GarpCheckResult {
  readonly ip: string;
  readonly mac: string;
  readonly iface: string;
  readonly gateway: string;
  readonly gatewayMac: string;
  /** The arping command and the answer line that showed the gateway at `gatewayMac`. */
  readonly arpCommand: string;
  readonly arpLines: readonly string[];
  /** The ICMP echo from `ip` to the gateway. */
  readonly echo: PingProbeResult;
  /**
   * The same echo from another address of this interface, run when the first got no answer:
   * an answer there shows the gateway answers pings, so the silence is its entry for `ip`.
   * Null when there is no other address to ask from.
   */
  readonly control: PingProbeResult | null;
}

/** One ping run: what was asked, whether anything answered, and the lines it printed. */
export interface PingProbeResult {
  readonly target: string;
  /** The local address the ping was sourced from (`-I SRC`); null for the kernel's choice. */
  readonly source: string | null;
  /** The interface that address lives on, when known. */
  readonly iface: string | null;
  readonly answered: boolean;
  /** The exact command line, for evidence. */
  readonly command: string;
  /** ping's reply, error and summary lines. */
  readonly lines: readonly string[];
}

/** The destination pinged from several local addresses: who gets an answer and who does not. */
export interface ReturnPathResult {
  readonly target: string;
  readonly attempts: readonly PingProbeResult[];
}

export interface NextHopArpResult {
  /** The gateway, or the destination itself when it is on-link. */
  readonly nextHop: string;
  readonly iface: string;
  readonly answered: boolean;
  readonly command: string;
  readonly lines: readonly string[];
}

/** One address and every MAC that answered for it, as the probe saw them. */
/** One address answered from a new MAC while the LAN was watched. */
export interface MacChangeSighting {
  readonly ip: string;
  readonly iface: string;
  readonly from: string;
  readonly to: string;
  /** When the new MAC was first seen, ISO time. */
  readonly at: string;
  /** The watcher knew this address as a default gateway (used when no host state is given). */
  readonly gateway: boolean;
  /** The command or probe that saw the new MAC, and the lines it printed. */
  readonly source: string;
  readonly lines: readonly string[];
}

export interface DuplicateSighting {
  readonly ip: string;
  readonly iface: string;
  readonly macs: readonly string[];
  /** The MAC this host's neighbour table holds now, when it holds one. */
  readonly current: string | null;
  /** The command or probe that saw the answers (evidence source). */
  readonly source: string;
  /** The answer lines as the probe printed them. */
  readonly lines: readonly string[];
  /**
   * Set when this host is taking the address (the ARP repair's duplicate check): `macs` are
   * the others that still answer for it, and the fix is on their side. Its prefix length
   * goes into that fix.
   */
  readonly takingHere?: { readonly prefixlen: number };
}

export type { PathQuestion };

export interface DiagnoseContext {
  /** The host, live or from a snapshot; null where a rule set needs none (a plan). */
  readonly host: HostState | null;
  /** `doctor --to DEST`, `route DEST`: the path under question. */
  readonly path?: PathQuestion;
  readonly probes?: ProbeResults;
  /** `netdoctor plan FILE`: a route plan, its simulation and (with --prove) the kernel's answers. */
  readonly plan?: PlanQuestion;
  /** `netdoctor path SRC DEST`: both walks across the hosts given (topic `hosts`). */
  readonly walks?: PathWalks;
  /** Which topics the person asked about (a rule may stay quiet when its topic was not asked). */
  readonly asked?: readonly Topic[];
}

/**
 * What a finding code means, written beside the rule that emits it: `netdoctor explain CODE`
 * prints it and `npm run docs` makes docs/findings.md from it (one section per code).
 */
export interface CodeDoc {
  /** One line: what the finding says (`netdoctor explain` lists these). */
  readonly title: string;
  /** Each severity the code can have, and when it has it. */
  readonly severity: Readonly<Partial<Record<Severity, string>>>;
  /** What it means, in plain words. */
  readonly means: string;
  /** Why it matters: what fails, and how it looks to the person. */
  readonly matters: string;
  /** How netdoctor proves it: the state it reads, the probe it runs. */
  readonly proof: string;
  /** The fix in words (each finding carries its exact commands). */
  readonly fix: string;
  /** The box the fix is typed on. */
  readonly box: string;
}

/** The codes a rule documents; a code two rules emit is documented by one of them. */
export type CodeDocs = Readonly<Partial<Record<FindingCode, CodeDoc>>>;

export interface Rule {
  /** A name for the rule, for tests and debugging: `vlan-parent-down`, `route-type`. */
  readonly id: string;
  readonly topic: Topic;
  /** Every code this rule can emit (the fixture walker checks each has fixtures). */
  readonly codes: readonly FindingCode[];
  /** What each code means, for `netdoctor explain` and docs/findings.md. */
  readonly docs: CodeDocs;
  /**
   * A rule that judges what the others found (a failed probe nobody explained) runs after
   * them and gets their findings as `earlier`.
   */
  readonly last?: boolean;
  readonly run: (ctx: DiagnoseContext, earlier?: readonly Finding[]) => readonly Finding[];
}
