/** The Discover table and details as lines of text at a given width. Pure, for the panel. */
import type { DiscoveredHost, HostFlag } from '../../../probes/discover/hosts.js';
import { macWithVendor, rttLabel, vendorCell } from '../../../probes/discover/export.js';
import type { DiscoverView, SweepState } from './state.js';
import type { WatchMark } from '../../../probes/discover/watch.js';
import { safeText } from '../../../text/safe.js';
import { padColumns } from '../../../text/width.js';

const SHORT_FLAGS: Readonly<Record<HostFlag, string>> = {
  self: 'me',
  gateway: 'gw',
  'raspberry-pi': 'Pi',
  'local-mac': 'rnd',
  'duplicate-ip': 'DUP',
};

const LONG_FLAGS: Readonly<Record<HostFlag, string>> = {
  self: 'this host',
  gateway: 'default gateway',
  'raspberry-pi': 'Raspberry Pi',
  'local-mac': 'locally administered MAC (random, VM or container)',
  'duplicate-ip': 'duplicate IP: more than one MAC answers',
};

function fit(raw: string, width: number): string {
  // Names, MACs and vendors come from the network: escaped before they are measured.
  const text = safeText(raw);
  return padColumns(text, width);
}

/** Widths of ADDRESS, MAC, VENDOR, NAME, FLAGS, RTT at 80 columns; VENDOR takes the rest. */
function widths(columns: number): number[] {
  const fixed = [15, 17, 0, 11, 7, 5];
  const used = 1 + fixed.reduce((a, b) => a + b, 0) + fixed.length - 1;
  return fixed.map((w, i) => (i === 2 ? Math.max(8, columns - 1 - used) : w));
}

export function tableHeader(columns: number): string {
  const w = widths(columns);
  return ` ${['ADDRESS', 'MAC', 'VENDOR', 'NAME', 'FLAGS', 'RTT'].map((h, i) => fit(h, w[i] ?? 0)).join(' ')}`.trimEnd();
}

/** The watch's marker as the table shows it, first in the FLAGS column. */
export const MARK_LABELS: Readonly<Record<WatchMark['kind'], string>> = {
  new: 'NEW',
  gone: 'GONE',
  moved: 'MOVED',
};

export function tableRow(
  h: DiscoveredHost,
  selected: boolean,
  columns: number,
  mark?: WatchMark,
): string {
  return `${selected ? '>' : ' '}${rowCells(h, columns, mark)}`.trimEnd();
}

/**
 * A row's cells, measured and padded once per host, width and watch mark: a key that moves
 * the selection draws the same rows again, and measuring them was much of its frame.
 */
const cellsMade = new WeakMap<
  DiscoveredHost,
  { readonly columns: number; readonly mark: WatchMark | undefined; readonly text: string }
>();

function rowCells(h: DiscoveredHost, columns: number, mark?: WatchMark): string {
  const made = cellsMade.get(h);
  if (made?.columns === columns && made.mark === mark) return made.text;
  const w = widths(columns);
  const cells = [
    h.ip,
    h.mac ?? '',
    vendorCell(h),
    h.name ?? '',
    [
      ...(mark ? [MARK_LABELS[mark.kind]] : []),
      ...h.flags.map((f) => SHORT_FLAGS[f]),
      ...(h.family === 'inet6' && h.state ? [h.state] : []),
    ].join(','),
    rttLabel(h.rttMs),
  ];
  const text = cells.map((c, i) => fit(c, w[i] ?? 0)).join(' ');
  cellsMade.set(h, { columns, mark, text });
  return text;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

const VIA: Readonly<Record<DiscoveredHost['via'], string>> = {
  sweep: 'answered the sweep (ARP)',
  table: 'in the kernel neighbour table (not probed)',
  'arp-scan': 'answered arp-scan',
  ndp: 'answered the IPv6 all-nodes echo',
  arping: "answered the duplicate check's arping",
  monitor: 'announced by the neighbour table while watching',
  self: 'this host',
};

/** The details of one host: every MAC, the whole vendor record, flags in words. */
export function detailLines(h: DiscoveredHost, user: string, mark?: WatchMark): string[] {
  const label = (k: string) => `  ${k.padEnd(11)}`;
  const lines = [`Host ${h.ip} on ${h.iface}`, ''];
  // A duplicate IP's MACs belong to different boxes: each with its own vendor.
  const dup = h.macs.length > 1;
  lines.push(`${label('MAC')}${h.mac === null ? '(none)' : dup ? macWithVendor(h.mac) : h.mac}`);
  for (const other of h.macs.slice(1)) lines.push(`${label('also MAC')}${macWithVendor(other)}`);
  if (h.vendor) {
    const [first, ...rest] = h.vendor.record.split('\n');
    lines.push(`${label('Vendor')}${first ?? ''} (${h.vendor.block} ${h.vendor.prefix})`);
    for (const r of rest) lines.push(`${label('')}${r.trim()}`);
  } else if (h.mac) {
    lines.push(`${label('Vendor')}not in the IEEE registry`);
  }
  lines.push(`${label('Name')}${h.name ?? '(no reverse DNS or hosts entry)'}`);
  lines.push(`${label('Flags')}${h.flags.map((f) => LONG_FLAGS[f]).join('; ') || 'none'}`);
  lines.push(`${label('RTT')}${h.rttMs === null ? 'not measured' : `${rttLabel(h.rttMs)} ms`}`);
  lines.push(`${label('Seen')}first ${clock(h.firstSeen)}, last ${clock(h.lastSeen)} UTC`);
  lines.push(`${label('How')}${VIA[h.via]}${h.state ? ` (${h.state})` : ''}`);
  if (mark) lines.push(`${label('Watch')}${markWords(mark)}`);
  for (const a of h.ipv6) lines.push(`${label('IPv6')}${a}`);
  lines.push('');
  const pi = h.flags.includes('raspberry-pi') ? ` · P ssh pi@${h.ip}` : '';
  lines.push(`S ssh ${user}@${h.ip}${pi} · Esc back`);
  return lines.map(safeText);
}

function markWords(m: WatchMark): string {
  switch (m.kind) {
    case 'new':
      return `new since ${clock(m.at)} UTC`;
    case 'gone':
      return `gone: missed two sweeps, last seen ${clock(m.at)} UTC`;
    case 'moved':
      return `moved at ${clock(m.at)} UTC, from ${m.from ?? 'another MAC'}`;
  }
}

export function statusLine(d: SweepState | null, shown: number, pis: number, now: number): string {
  return safeText(statusWords(d, shown, pis, now));
}

function statusWords(d: SweepState | null, shown: number, pis: number, now: number): string {
  if (d === null) {
    return `Known neighbours (read from the kernel, no packet sent): ${shown} · s sweeps`;
  }
  const where = d.targets.join(', ');
  switch (d.status) {
    case 'idle':
      return `Known neighbours (read from the kernel, no packet sent): ${shown} · s sweeps`;
    case 'watching': {
      const w = d.watch;
      const next =
        w?.nextAt == null
          ? `sweep ${(w?.sweeps ?? 0) + 1} running`
          : `next sweep in ${Math.max(0, Math.ceil((w.nextAt - now) / 1000))} s (${clock(w.nextAt).slice(0, 8)})`;
      return `Watching ${where}: ${shown} hosts, ${pis} Pi · ${next} · x stops`;
    }
    case 'sweeping':
      return `Sweeping ${where}… ${shown} hosts, ${pis} Pi (${((now - d.startedAt) / 1000).toFixed(1)} s) · x stops`;
    case 'done':
    case 'cancelled': {
      const took = ((d.finishedAt ?? now) - d.startedAt) / 1000;
      const verb = d.status === 'done' ? 'Swept' : 'Stopped sweeping';
      return `${verb} ${where} in ${took.toFixed(2)} s: ${shown} hosts, ${pis} Pi`;
    }
    case 'failed':
      return `Sweep failed: ${d.error ?? 'unknown error'}`;
  }
}

export function controlsLine(d: DiscoverView): string {
  const parts = [
    d.piOnly ? 'p all hosts' : 'p Pi only',
    d.filter ? `/ filter "${d.filter}"` : '/ filter',
    `o sort: ${d.sort}`,
    'w watch',
    `i ${d.ifaces.length ? d.ifaces.join(',') : 'all up'}`,
    `b ${d.backend}`,
    'Enter details',
  ];
  return safeText(parts.join(' · '));
}
