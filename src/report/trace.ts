/**
 * The trace as text: mtr's report table (hop, address, name, loss, sent, last, average,
 * best, worst, jitter), traceroute's lines for --once, the verdict in words, and the JSON.
 * Every address and name came from the network: each passes safeText before it is printed.
 */
import { safeText } from '../text/safe.js';
import { tableLines } from './table.js';
import { wrap } from './findings.js';
import type { HopStats, TraceSnapshot, TraceVerdict } from '../probes/trace/types.js';
import type { ParseWarning } from '../parse/warnings.js';
import { jsonDocument, type EndReason } from './json-document.js';

const ms = (v: number | null) => (v === null ? '' : v < 10 ? v.toFixed(3) : v.toFixed(1));

function addressCell(h: HopStats): string {
  const first = h.addresses[0];
  if (!first) return '???';
  return safeText(first.address) + (h.unreachable ? ` ${safeText(h.unreachable.code)}` : '');
}

/** mtr -r's table, one row per TTL, other addresses seen at a TTL on lines of their own. */
/** A hop's figures, in NUMBER_COLUMNS order: loss, sent, last, average, best, worst, jitter. */
function hopNumbers(h: HopStats): string[] {
  return [
    h.sent === 0 ? '' : `${h.lossPct.toFixed(1)}%`,
    String(h.sent),
    ms(h.lastMs),
    ms(h.avgMs),
    ms(h.bestMs),
    ms(h.worstMs),
    ms(h.jitterMs),
  ];
}

export function hopTableLines(s: TraceSnapshot): string[] {
  const rows: string[][] = [];
  for (const h of s.hops) {
    rows.push([
      String(h.ttl),
      addressCell(h),
      h.name === null ? '' : safeText(h.name),
      ...hopNumbers(h),
    ]);
    for (const other of h.addresses.slice(1)) {
      rows.push([
        '',
        `  ${safeText(other.address)}`,
        '',
        '',
        String(other.count),
        '',
        '',
        '',
        '',
        '',
      ]);
    }
  }
  return tableLines(
    ['HOP', 'ADDRESS', 'NAME', 'LOSS', 'SNT', 'LAST', 'AVG', 'BEST', 'WRST', 'JTTR'],
    rows,
    [null, 40, 28],
  );
}

/** traceroute's way: ` 2  203.0.113.2  name  0.052 ms !H`, or ` 3  *`. */
export function onceLines(s: TraceSnapshot): string[] {
  return s.hops.map((h) => {
    const ttl = String(h.ttl).padStart(2);
    const first = h.addresses[0];
    if (!first) return `${ttl}  *`;
    const name = h.name === null ? '' : `  ${safeText(h.name)}`;
    const note = h.unreachable ? ` ${safeText(h.unreachable.code)}` : '';
    const others = h.addresses
      .slice(1)
      .map((a) => `  ${safeText(a.address)}`)
      .join('');
    return `${ttl}  ${safeText(first.address)}${name}  ${ms(h.lastMs)} ms${note}${others}`;
  });
}

/** The verdict in plain words: what the packet does and who stops it. */
export function verdictWords(v: TraceVerdict, target: string, source?: string): string {
  const dest = safeText(target);
  switch (v.kind) {
    case 'reached':
      return `${dest} answered at hop ${v.ttl}: the path works.`;
    case 'unreachable':
      return (
        `Hop ${v.ttl}, ${safeText(v.address)}, refused the packet: ${safeText(v.words)}. ` +
        `That router has no route to ${dest}, or a route or rule there forbids it, so the packet ` +
        `goes no further. On ${safeText(v.address)}: ip route get ${dest}`
      );
    case 'dies': {
      const range =
        v.silentFrom === v.silentTo
          ? `hop ${v.silentFrom}`
          : `hops ${v.silentFrom} to ${v.silentTo}`;
      if (v.after === null) {
        return (
          `Nothing answered, not even the first hop (${range} silent): the packet leaves this ` +
          `host but the next router drops it, or answers no probe. Check this host's gateway ` +
          `and its neighbour entry: ip route get ${dest}; ip neigh`
        );
      }
      const last = safeText(v.after.address);
      const me = source ? safeText(source) : "this host's address";
      return (
        `The path dies after ${last} (hop ${v.after.ttl}): nothing answered from ${range}. ` +
        `The packet reaches ${last}; past it, a router drops it without a word (a blackhole ` +
        `route, a firewall, a link that is down), the next hops and ${dest} answer no probe, ` +
        `or their answers are lost on the way back: ${last} knows the way back to ${me} (it ` +
        `answered), the boxes past it may not. Ask ${last} which box comes next ` +
        `("ip route get ${dest}" there), then on that box, or on ${dest} itself: ` +
        `"ip route get ${me}" (no route back, or one via a gateway that does not know ` +
        `${me}, is the return path).`
      );
    }
    case 'max-ttl':
      return `${dest} did not answer within ${v.maxTtl} hops while routers kept forwarding: a routing loop, or a longer path (--max-ttl 64).`;
    case 'failed':
      return `This host cannot trace to ${dest}: ${safeText(v.problem)}`;
    case 'stopped':
      return 'Stopped before the trace could tell where the path goes.';
    case 'running':
      return 'Tracing...';
  }
}

export function verdictLines(s: TraceSnapshot, width = 80, source?: string): string[] {
  return wrap(verdictWords(s.verdict, s.target.address, source), width);
}

/** The header: what is traced, with what. */
export function traceHeading(s: TraceSnapshot, maxTtl: number): string {
  const shown =
    s.target.input === s.target.address
      ? safeText(s.target.address)
      : `${safeText(s.target.input)} (${s.target.address})`;
  return `trace to ${shown}, ${s.protocol}, ${maxTtl} hops max, with ${s.backend ?? 'no backend'}`;
}

/**
 * The trace as one --json document. `warnings`: what the trace read of this host and could
 * not (the addresses, for --from); `end`: the rounds ran out, or a signal stopped them.
 */
export function traceJson(
  s: TraceSnapshot,
  notes: readonly string[],
  warnings: readonly ParseWarning[],
  end: EndReason,
) {
  return jsonDocument('trace', {
    target: s.target,
    backend: s.backend,
    protocol: s.protocol,
    mode: s.mode,
    reached: s.verdict.kind === 'reached',
    verdict: s.verdict,
    words: verdictWords(s.verdict, s.target.address),
    hops: s.hops.map((h) => ({ address: h.addresses[0]?.address ?? null, ...h })),
    rounds: s.round,
    probesSent: s.probesSent,
    elapsedMs: Math.round(s.elapsedMs),
    notes,
    warnings,
    end,
  });
}

/** Cuts a cell to `w` columns with an ellipsis, or pads it. */
function fitCell(text: string, w: number, right = false): string {
  const chars = [...text];
  if (chars.length > w) return `${chars.slice(0, Math.max(0, w - 1)).join('')}…`;
  const pad = ' '.repeat(w - chars.length);
  return right ? pad + text : text + pad;
}

const NUMBER_COLUMNS = [
  ['LOSS', 6],
  ['SNT', 4],
  ['LAST', 6],
  ['AVG', 6],
  ['BEST', 6],
  ['WRST', 6],
  ['JTTR', 6],
] as const;

/**
 * The hop table for a terminal `width` columns wide (the Route panel): the same columns as
 * hopTableLines, numbers right-aligned in fixed columns as mtr draws them, the address and
 * the name sharing what is left (the address first; no name column when there is no room).
 * The first line is the header. Untrusted cells are made safe.
 */
export function hopTableFitted(s: TraceSnapshot, width: number): string[] {
  const hopW = Math.max(3, String(s.hops.at(-1)?.ttl ?? 0).length);
  const fixed = hopW + NUMBER_COLUMNS.reduce((n, [, w]) => n + w + 1, 0);
  const room = Math.max(8, width - fixed - 1);
  const addresses = s.hops.flatMap((h) => [
    addressCell(h),
    ...h.addresses.slice(1).map((a) => `  ${safeText(a.address)}`),
  ]);
  const longest = Math.max('ADDRESS'.length, ...addresses.map((a) => [...a].length));
  const named = s.hops.some((h) => h.name !== null);
  let addrW = Math.min(longest, room);
  let nameW = room - addrW - 1;
  if (!named || nameW < 6) {
    addrW = room;
    nameW = 0;
  }
  const row = (hop: string, address: string, name: string, numbers: readonly string[]) =>
    [
      fitCell(hop, hopW, true),
      fitCell(address, addrW),
      ...(nameW > 0 ? [fitCell(name, nameW)] : []),
      ...NUMBER_COLUMNS.map(([, w], i) => fitCell(numbers[i] ?? '', w, true)),
    ]
      .join(' ')
      .trimEnd();
  const out = [
    row(
      'HOP',
      'ADDRESS',
      'NAME',
      NUMBER_COLUMNS.map(([h]) => h),
    ),
  ];
  for (const h of s.hops) {
    out.push(
      row(String(h.ttl), addressCell(h), h.name === null ? '' : safeText(h.name), hopNumbers(h)),
    );
    for (const other of h.addresses.slice(1)) {
      out.push(row('', `  ${safeText(other.address)}`, '', ['', String(other.count)]));
    }
  }
  return out;
}
