/**
 * `traceroute -n` output (Debian's traceroute, Dmitry Butskoy's), one line at a time as it
 * streams: a header, then one line per hop, each probe an address (when it changes), a time
 * and maybe an annotation, or `*` when nothing came back:
 *
 *     traceroute to 198.18.0.2 (198.18.0.2), 30 hops max, 60 byte packets
 *      1  198.51.100.1  0.027 ms  0.006 ms  0.006 ms
 *      2  203.0.113.2  0.014 ms !H * *
 *
 * Pure. Annotations are kept as printed and explained by `annotationWords`.
 */

export interface TracerouteProbe {
  /** Who answered; null for `*`. */
  readonly address: string | null;
  readonly rttMs: number | null;
  /** `!H`, `!N`, `!P`, `!S`, `!X`, `!F-1280`, `!V`, `!C`, `!<code>`, as printed. */
  readonly annotation?: string;
}

export interface TracerouteHop {
  readonly ttl: number;
  readonly probes: readonly TracerouteProbe[];
}

export interface TracerouteHeader {
  readonly target: string;
  readonly address: string;
  readonly maxHops: number;
  readonly packetBytes: number;
}

export type TracerouteLine =
  | { readonly type: 'header'; readonly header: TracerouteHeader }
  | { readonly type: 'hop'; readonly hop: TracerouteHop }
  | { readonly type: 'other'; readonly text: string };

const HEADER = /^traceroute to (\S+) \(([^)]+)\), (\d+) hops max, (\d+) byte packets/;
const ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/;

export function parseTracerouteLine(line: string): TracerouteLine {
  const header = HEADER.exec(line);
  if (header) {
    return {
      type: 'header',
      header: {
        target: header[1] ?? '',
        address: header[2] ?? '',
        maxHops: Number(header[3]),
        packetBytes: Number(header[4]),
      },
    };
  }
  const words = line.trim().split(/\s+/);
  const [first, ...rest] = words;
  if (first === undefined || !/^\d+$/.test(first) || rest.length === 0) {
    return { type: 'other', text: line };
  }
  const probes: TracerouteProbe[] = [];
  let address: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] ?? '';
    if (w === '*') probes.push({ address: null, rttMs: null });
    else if (ADDRESS.test(w)) address = w;
    else if (/^\d+(\.\d+)?$/.test(w) && rest[i + 1] === 'ms') {
      probes.push({ address, rttMs: Number(w) });
      i += 1;
    } else if (w.startsWith('!') && probes.length > 0) {
      const last = probes[probes.length - 1];
      if (last) probes[probes.length - 1] = { ...last, annotation: w };
    }
    // Anything else (a name in parentheses without -n, <syn,ack>) is not needed here.
  }
  return { type: 'hop', hop: { ttl: Number(first), probes } };
}

/** An annotation in words: what the hop that printed it said about the destination. */
export function annotationWords(annotation: string): string {
  if (annotation === '!H') return 'host unreachable';
  if (annotation === '!N') return 'network unreachable';
  if (annotation === '!P') return 'protocol unreachable';
  if (annotation === '!S') return 'source route failed';
  if (annotation === '!X') return 'communication administratively prohibited';
  if (annotation === '!V') return 'host precedence violation';
  if (annotation === '!C') return 'precedence cut-off in effect';
  if (annotation.startsWith('!F')) {
    const mtu = annotation.slice(3);
    return `fragmentation needed${mtu ? ` (the next link's MTU is ${mtu})` : ''}`;
  }
  return `ICMP unreachable code ${annotation.slice(1) || '?'}`;
}
