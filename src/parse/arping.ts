/**
 * Reads what arping printed and how it exited, for both of Debian's arpings, into one
 * meaning. Their exit codes disagree: iputils -D exits 0 when the address is free and 1
 * when someone answered, iputils -U/-A always exit 0; Habets' arping exits 0 when it got
 * any reply and 1 when it got none, also when it only announced. Pure.
 */
import { normaliseMac } from '../net/mac.js';
import type { ArpingTaskKind } from './arping-argv.js';
import type { ArpingFlavour } from './tool-versions.js';
import type { ParseWarning } from './warnings.js';

/** One answer arping printed. */
export interface ArpingReply {
  /** The IP address that answered. */
  readonly ip: string;
  /** The MAC it answered from, lower-case colon form. */
  readonly mac: string;
  /** The line as printed. */
  readonly line: string;
}

/** Why arping did not do its work, sorted so the UI can say what to do about it. */
export type ArpingFailureKind =
  'no-privilege' | 'no-device' | 'source-not-local' | 'bad-usage' | 'other';

export interface ArpingFailure {
  readonly kind: ArpingFailureKind;
  /** arping's own words: the first line it printed on stderr. */
  readonly message: string;
}

export interface ArpingResult {
  /**
   * Someone answered. For `dad`: the address is taken. For `ping`: the target answered. For
   * `announce`: the target happened to answer our request (no answer is expected).
   */
  readonly answered: boolean;
  readonly replies: readonly ArpingReply[];
  /** Probes sent and answers received, from arping's summary; null when it printed none. */
  readonly sent: number | null;
  readonly received: number | null;
  /** Set when arping could not do its work (no packet or not all of them went out). */
  readonly failure: ArpingFailure | null;
  readonly warnings: readonly ParseWarning[];
}

/** The exit and the texts of one arping run. */
export interface ArpingOutput {
  readonly argv: readonly string[];
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const IPUTILS_REPLY = /^(?:Unicast|Broadcast) reply from (\S+) \[([0-9A-Fa-f:]{17})\]/;
const HABETS_REPLY = /^\d+ bytes from ([0-9A-Fa-f:]{17}) \(([^)]+)\):/;
const IPUTILS_SENT = /^Sent (\d+) probes?/m;
const IPUTILS_RECEIVED = /^Received (\d+) response/m;
const HABETS_SUMMARY = /^(\d+) packets transmitted, (\d+) packets received/m;

function parseReplies(stdout: string): ArpingReply[] {
  const replies: ArpingReply[] = [];
  for (const line of stdout.split('\n')) {
    const iputils = IPUTILS_REPLY.exec(line);
    const habets = iputils ? null : HABETS_REPLY.exec(line);
    const ip = iputils ? iputils[1] : habets?.[2];
    const mac = normaliseMac((iputils ? iputils[2] : habets?.[1]) ?? '');
    if (ip && mac) replies.push({ ip, mac, line: line.trimEnd() });
  }
  return replies;
}

function classifyFailure(stderr: string): ArpingFailure {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const message = lines[0] ?? 'arping failed without a message';
  const all = lines.join('\n');
  const kind: ArpingFailureKind =
    /Operation not permitted|CAP_NET_RAW|run as root|Permission denied/i.test(all)
      ? 'no-privilege'
      : /Device \S+ not available|No such device/i.test(all)
        ? 'no-device'
        : /bind: Cannot assign requested address/i.test(all)
          ? 'source-not-local'
          : /invalid option|requires an argument|unknown option|usage:/i.test(all)
            ? 'bad-usage'
            : 'other';
  return { kind, message };
}

function counts(
  flavour: ArpingFlavour,
  stdout: string,
): { sent: number | null; received: number | null } {
  if (flavour === 'habets') {
    const m = HABETS_SUMMARY.exec(stdout);
    return { sent: m ? Number(m[1]) : null, received: m ? Number(m[2]) : null };
  }
  const sent = IPUTILS_SENT.exec(stdout);
  const received = IPUTILS_RECEIVED.exec(stdout);
  return {
    sent: sent ? Number(sent[1]) : null,
    received: received ? Number(received[1]) : null,
  };
}

/**
 * Whether the exit code says arping did its work, for this flavour and task. A summary line
 * is the proof for Habets, whose exit 1 means both "no reply" and "could not start".
 */
function ranToTheEnd(
  flavour: ArpingFlavour,
  kind: ArpingTaskKind,
  out: ArpingOutput,
  sent: number | null,
): boolean {
  if (out.exitCode === null) return false;
  if (flavour === 'habets') return (out.exitCode === 0 || out.exitCode === 1) && sent !== null;
  // iputils: 2 is an error; 1 means "answered" for -D and "no answer" for a ping; -U/-A say 0.
  if (kind === 'announce') return out.exitCode === 0;
  return out.exitCode === 0 || out.exitCode === 1;
}

/** Reads one arping run of `kind` on `flavour`. */
export function parseArpingOutput(
  flavour: ArpingFlavour,
  kind: ArpingTaskKind,
  out: ArpingOutput,
): ArpingResult {
  const source = out.argv.join(' ');
  const warnings: ParseWarning[] = [];
  const replies = parseReplies(out.stdout);
  const { sent, received } = counts(flavour, out.stdout);
  if (!ranToTheEnd(flavour, kind, out, sent)) {
    const failure = classifyFailure(
      out.stderr || (out.exitCode === null ? 'arping was stopped before it finished' : ''),
    );
    return { answered: false, replies, sent, received, failure, warnings };
  }
  if (received !== null && received !== replies.length) {
    warnings.push({
      source,
      message: `arping counted ${received} responses but printed ${replies.length}`,
    });
  }
  // The exit code agrees with the replies on both flavours; where it does not, the printed
  // replies win (they name the MAC), and the disagreement is kept as a warning.
  const exitSaysAnswered =
    flavour === 'iputils'
      ? kind === 'dad'
        ? out.exitCode === 1
        : kind === 'ping'
          ? out.exitCode === 0
          : replies.length > 0
      : out.exitCode === 0;
  const answered = replies.length > 0 || (received ?? 0) > 0;
  if (exitSaysAnswered !== answered) {
    warnings.push({
      source,
      message: `exit ${out.exitCode} disagrees with ${replies.length} printed replies`,
    });
  }
  return { answered, replies, sent, received, failure: null, warnings };
}

/** The distinct MACs among the replies, in the order they first answered. */
export function replyMacs(replies: readonly ArpingReply[]): string[] {
  return [...new Set(replies.map((r) => r.mac))];
}
