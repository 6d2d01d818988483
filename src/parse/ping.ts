/**
 * Reads what iputils ping printed: the echo replies, the ICMP errors routers sent back
 * ("From 198.51.100.2 icmp_seq=1 Destination Host Unreachable"), the summary, and why it
 * could not start (stderr: "ping: connect: Network is unreachable"). Pure.
 */
export interface PingReply {
  readonly from: string;
  readonly seq: number;
  readonly ttl: number | null;
  readonly timeMs: number | null;
  readonly line: string;
}

export interface PingIcmpError {
  /** The router (or host) that sent the error. */
  readonly from: string;
  readonly message: string;
  readonly line: string;
}

export interface PingOutput {
  /** At least one echo reply came back. */
  readonly answered: boolean;
  readonly transmitted: number | null;
  readonly received: number | null;
  readonly replies: readonly PingReply[];
  readonly errors: readonly PingIcmpError[];
  /** The summary line ("3 packets transmitted, 0 received, 100% packet loss, time 433ms"). */
  readonly summary: string | null;
  /** ping's own complaint when it could not send ("connect: Network is unreachable"). */
  readonly failure: string | null;
}

const REPLY =
  /^\d+ bytes from ([^\s:]+)(?: \([^)]*\))?: icmp_seq=(\d+)(?: ttl=(\d+))?(?: time=([\d.]+) ms)?/;
const ERROR = /^From (\S+?)(?: \([^)]*\))? icmp_seq=\d+ (.+)$/;
const SUMMARY = /^(\d+) packets transmitted, (\d+) (?:packets )?received/;

export function parsePingOutput(stdout: string, stderr: string): PingOutput {
  const replies: PingReply[] = [];
  const errors: PingIcmpError[] = [];
  let transmitted: number | null = null;
  let received: number | null = null;
  let summary: string | null = null;
  for (const raw of stdout.split('\n')) {
    const line = raw.trimEnd();
    const r = REPLY.exec(line);
    if (r?.[1] && r[2]) {
      replies.push({
        from: r[1],
        seq: Number(r[2]),
        ttl: r[3] ? Number(r[3]) : null,
        timeMs: r[4] ? Number(r[4]) : null,
        line,
      });
      continue;
    }
    const e = ERROR.exec(line);
    if (e?.[1] && e[2]) {
      errors.push({ from: e[1], message: e[2], line });
      continue;
    }
    const s = SUMMARY.exec(line);
    if (s?.[1] && s[2]) {
      transmitted = Number(s[1]);
      received = Number(s[2]);
      summary = line;
    }
  }
  const complaint = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('ping:'));
  return {
    answered: (received ?? replies.length) > 0,
    transmitted,
    received,
    replies,
    errors,
    summary,
    failure: complaint ? complaint.replace(/^ping:\s*/, '') : null,
  };
}

/** The lines worth showing as evidence: replies (first two), errors (first two), summary, failure. */
export function pingEvidenceLines(out: PingOutput): string[] {
  return [
    ...out.replies.slice(0, 2).map((r) => r.line),
    ...out.errors.slice(0, 2).map((e) => e.line),
    ...(out.summary ? [out.summary] : []),
    ...(out.failure ? [`ping: ${out.failure}`] : []),
  ];
}
