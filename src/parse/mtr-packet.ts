/**
 * mtr-packet's line protocol (mtr-packet(8)), both ways: the `send-probe` request we write,
 * and the replies it prints, `TOKEN NAME [ARG VALUE]...`, matched to requests by TOKEN since
 * probes complete in any order. Pure. Names from mtr 0.95 (Debian's mtr-tiny) and from later
 * releases (which split `no-route` into `no-route-host` / `no-route-network`) are both known.
 */

/** What became of one probe, or of a request mtr-packet could not take. */
export type MtrPacketReplyKind =
  | 'reply'
  | 'ttl-expired'
  | 'no-reply'
  | 'no-route'
  | 'no-route-host'
  | 'no-route-network'
  | 'host-down'
  | 'network-down'
  | 'permission-denied'
  | 'address-in-use'
  | 'address-not-available'
  | 'invalid-argument'
  | 'probes-exhausted'
  | 'unexpected-error'
  | 'feature-support'
  | 'unknown-command'
  | 'command-parse-error'
  | 'command-buffer-overflow';

const KINDS: ReadonlySet<string> = new Set<MtrPacketReplyKind>([
  'reply',
  'ttl-expired',
  'no-reply',
  'no-route',
  'no-route-host',
  'no-route-network',
  'host-down',
  'network-down',
  'permission-denied',
  'address-in-use',
  'address-not-available',
  'invalid-argument',
  'probes-exhausted',
  'unexpected-error',
  'feature-support',
  'unknown-command',
  'command-parse-error',
  'command-buffer-overflow',
]);

export interface MtrPacketReply {
  readonly token: number;
  /** The reply's name; `unknown` for a name this version of netdoctor has not met. */
  readonly kind: MtrPacketReplyKind | 'unknown';
  /** The name as printed (differs from kind only when kind is `unknown`). */
  readonly name: string;
  /** Who answered: the hop (ttl-expired), the destination (reply), the router that refused. */
  readonly address?: string;
  readonly family?: 4 | 6;
  /** Round-trip time in microseconds. */
  readonly rttUs?: number;
  /** MPLS label stacks, four numbers a label: label, traffic class, bottom of stack, ttl. */
  readonly mpls?: readonly number[];
  /** Every argument as printed (errno of unexpected-error, support of feature-support, ...). */
  readonly args: Readonly<Record<string, string>>;
}

/**
 * One line of mtr-packet's output; null when it is not a reply line (no token, or an
 * argument name without its value).
 */
export function parseMtrPacketLine(line: string): MtrPacketReply | null {
  const words = line.trim().split(/\s+/);
  const [tokenText, name, ...rest] = words;
  if (tokenText === undefined || name === undefined || !/^\d+$/.test(tokenText)) return null;
  if (rest.length % 2 !== 0) return null;
  const args: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) args[rest[i] ?? ''] = rest[i + 1] ?? '';
  const v4 = args['ip-4'];
  const v6 = args['ip-6'];
  const rtt = args['round-trip-time'];
  const mpls = args['mpls'];
  return {
    token: Number(tokenText),
    kind: KINDS.has(name) ? (name as MtrPacketReplyKind) : 'unknown',
    name,
    ...(v4 !== undefined ? { address: v4, family: 4 as const } : {}),
    ...(v6 !== undefined ? { address: v6, family: 6 as const } : {}),
    ...(rtt !== undefined && /^\d+$/.test(rtt) ? { rttUs: Number(rtt) } : {}),
    ...(mpls !== undefined ? { mpls: mpls.split(',').map(Number) } : {}),
    args,
  };
}

export type ProbeProtocol = 'icmp' | 'udp' | 'tcp';

export interface SendProbe {
  readonly token: number;
  readonly family: 4 | 6;
  /** The destination, already checked to be an address of `family`. */
  readonly address: string;
  readonly ttl: number;
  readonly protocol: ProbeProtocol;
  /** Destination port for udp and tcp (mtr-packet picks one when absent). */
  readonly port?: number;
  /** The source address to send from. */
  readonly localAddress?: string;
  /** Whole seconds mtr-packet keeps the probe before it answers `no-reply` (at least 1). */
  readonly timeoutS: number;
}

/** The `send-probe` request line for a probe, without its newline. */
export function sendProbeLine(p: SendProbe): string {
  const ip = p.family === 4 ? 'ip-4' : 'ip-6';
  const words = [String(p.token), 'send-probe', ip, p.address, 'ttl', String(p.ttl)];
  if (p.protocol !== 'icmp') words.push('protocol', p.protocol);
  if (p.port !== undefined && p.protocol !== 'icmp') words.push('port', String(p.port));
  if (p.localAddress !== undefined) words.push(`local-${ip}`, p.localAddress);
  words.push('timeout', String(Math.max(1, Math.ceil(p.timeoutS))));
  return words.join(' ');
}

/** The words a person reads for a reply that is not an answer from the network. */
export function mtrPacketProblem(reply: MtrPacketReply): string | null {
  switch (reply.kind) {
    case 'network-down':
      return 'the network is down (the output interface has no carrier or is down)';
    case 'host-down':
      return 'the host is down';
    case 'permission-denied':
      return 'the kernel refused to send the probe (a firewall rule on this host?)';
    case 'address-in-use':
      return 'the source address and port are in use';
    case 'address-not-available':
      return 'the source address is not on this host';
    case 'invalid-argument':
      return 'mtr-packet refused the probe: this host has no route or no source address for the destination';
    case 'probes-exhausted':
      return 'too many probes in flight for mtr-packet';
    case 'unexpected-error':
      return `mtr-packet failed to send (errno ${reply.args['errno'] ?? '?'})`;
    case 'unknown-command':
    case 'command-parse-error':
    case 'command-buffer-overflow':
      return `mtr-packet did not understand netdoctor (${reply.name}): a netdoctor bug`;
    case 'unknown':
      return `mtr-packet answered ${reply.name}, which netdoctor does not know`;
    default:
      return null;
  }
}
