/**
 * Names from multicast DNS, pure: the reverse names we ask for (d.c.b.a.in-addr.arpa), the
 * names read back from a response, and which name a host shows when both the resolver and
 * mDNS have one.
 */

/** The part of a decoded DNS record we read (dns-packet's shape). */
export interface MdnsRecordLike {
  readonly name: string;
  readonly type: string;
  readonly data?: unknown;
}

/** The part of a decoded mDNS response we read. */
export interface MdnsResponseLike {
  readonly answers?: readonly MdnsRecordLike[];
  readonly additionals?: readonly MdnsRecordLike[];
}

export type NameSource = 'resolver' | 'mdns';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** 198.18.0.4 -> 4.0.18.198.in-addr.arpa (the PTR question for an address). */
export function reverseName(ip: string): string {
  if (!IPV4.test(ip)) throw new Error(`not an IPv4 address: ${ip}`);
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** 4.0.18.198.in-addr.arpa -> 198.18.0.4; null for any other name. */
export function ipOfReverseName(name: string): string | null {
  const m = /^(.+)\.in-addr\.arpa\.?$/i.exec(name);
  if (!m?.[1]) return null;
  const ip = m[1].split('.').reverse().join('.');
  return IPV4.test(ip) ? ip : null;
}

function hostName(data: unknown): string | null {
  if (typeof data !== 'string') return null;
  const name = data.replace(/\.$/, '');
  // A name is printable labels; anything else (an empty or binary answer) is no name.
  return /^[\w-]+(\.[\w-]+)*$/.test(name) ? name : null;
}

/**
 * The names a response gives for the addresses we asked about: PTR records for their reverse
 * names (in answers or additionals). Records about anything else are ignored: a responder may
 * send more than it was asked, and any host on the LAN can send anything.
 */
export function namesFromResponse(
  packet: MdnsResponseLike,
  asked: ReadonlySet<string>,
): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of [...(packet.answers ?? []), ...(packet.additionals ?? [])]) {
    if (r.type !== 'PTR') continue;
    const ip = ipOfReverseName(r.name);
    const name = hostName(r.data);
    if (ip && name && asked.has(ip) && !names.has(ip)) names.set(ip, name);
  }
  return names;
}

export interface NameMerger {
  /** A name from the resolver (/etc/hosts, reverse DNS). */
  readonly resolver: (ip: string, name: string) => void;
  /** The resolver is done with these addresses (named or not). */
  readonly settled: (ips: readonly string[]) => void;
  readonly mdns: (ip: string, name: string) => void;
  /** Everything is done: the held mDNS names of unnamed addresses go out; then nothing. */
  readonly flush: () => void;
}

/**
 * One name per host, the resolver's first. Why: the resolver's name is what whoever runs the
 * network configured (/etc/hosts, the DNS server's PTR records); an mDNS name is what the
 * device calls itself, unauthenticated, and often shared (every Pi starts as
 * raspberrypi.local). So mDNS fills in where the resolver has nothing, which on most home and
 * lab LANs is every DHCP client. A host keeps the first name it gets, so an mDNS answer (fast)
 * waits until the resolver has settled that address (slower: a process, maybe a DNS timeout).
 */
export function nameMerger(
  emit: (ip: string, name: string, source: NameSource) => void,
): NameMerger {
  const named = new Set<string>();
  const settled = new Set<string>();
  const held = new Map<string, string>();
  let done = false;
  return {
    resolver: (ip, name) => {
      if (done || named.has(ip)) return;
      named.add(ip);
      held.delete(ip);
      emit(ip, name, 'resolver');
    },
    settled: (ips) => {
      if (done) return;
      for (const ip of ips) {
        settled.add(ip);
        const name = held.get(ip);
        held.delete(ip);
        if (name !== undefined && !named.has(ip)) {
          named.add(ip);
          emit(ip, name, 'mdns');
        }
      }
    },
    mdns: (ip, name) => {
      if (done || named.has(ip)) return;
      if (settled.has(ip)) {
        named.add(ip);
        emit(ip, name, 'mdns');
      } else if (!held.has(ip)) held.set(ip, name);
    },
    flush: () => {
      if (done) return;
      done = true;
      for (const [ip, name] of held) if (!named.has(ip)) emit(ip, name, 'mdns');
      held.clear();
    },
  };
}
