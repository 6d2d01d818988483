/**
 * The discovered hosts as the outside world reads them: JSON records, CSV rows, and the
 * short labels the table shows. Shared by `netdoctor scan` and the Discover panel's export.
 */
import { safeText } from '../../text/safe.js';
import { lookupVendor } from '../../net/mac.js';
import type { DiscoveredHost, HostFlag } from './hosts.js';

export const FLAG_LABELS: Readonly<Record<HostFlag, string>> = {
  self: 'this host',
  gateway: 'gateway',
  'raspberry-pi': 'Pi',
  'local-mac': 'random MAC',
  'duplicate-ip': 'DUP',
};

export function flagsLabel(h: DiscoveredHost): string {
  return h.flags.map((f) => FLAG_LABELS[f]).join(',');
}

export function rttLabel(rttMs: number | null): string {
  if (rttMs === null) return '';
  return rttMs < 10 ? rttMs.toFixed(2) : rttMs.toFixed(0);
}

/**
 * Each MAC's own vendor, in the order of `macs`: the MACs of a duplicate IP belong to
 * different boxes, so the first one's vendor says nothing of the others.
 */
export function macVendors(h: Pick<DiscoveredHost, 'macs'>): (string | null)[] {
  return h.macs.map((m) => lookupVendor(m)?.name ?? null);
}

/** `dc:a6:32:01:02:03 (Raspberry Pi Trading Ltd)`: a MAC with its own vendor. */
export function macWithVendor(mac: string): string {
  return `${mac} (${lookupVendor(mac)?.name ?? 'not in the IEEE registry'})`;
}

/** The VENDOR cell: the vendor, or for a duplicate IP each MAC's vendor in MAC order. */
export function vendorCell(h: Pick<DiscoveredHost, 'mac' | 'macs' | 'vendor'>): string {
  if (h.macs.length > 1)
    return macVendors(h)
      .map((v) => v ?? '?')
      .join(' / ');
  return h.vendor?.name ?? (h.mac ? '(not in registry)' : '');
}

/** The JSON form of a host: stable keys, times as ISO strings, the whole vendor record. */
export function hostJson(h: DiscoveredHost) {
  return {
    ip: h.ip,
    iface: h.iface,
    mac: h.mac,
    macs: h.macs,
    macVendors: macVendors(h),
    vendor: h.vendor?.name ?? null,
    vendorPrefix: h.vendor?.prefix ?? null,
    vendorBlock: h.vendor?.block ?? null,
    vendorRecord: h.vendor?.record ?? null,
    name: h.name,
    nameSource: h.nameSource ?? null,
    flags: h.flags,
    rttMs: h.rttMs,
    firstSeen: new Date(h.firstSeen).toISOString(),
    lastSeen: new Date(h.lastSeen).toISOString(),
    via: h.via,
    state: h.state,
    ipv6: h.ipv6,
  };
}

export const CSV_HEADER = [
  'ip',
  'iface',
  'mac',
  'vendor',
  'name',
  'flags',
  'rtt_ms',
  'first_seen',
  'last_seen',
  'other_macs',
  'ipv6',
] as const;

/**
 * A cell as RFC 4180 writes it. CSV is often read on a terminal (`scan --csv | less`), and no
 * field of a host has a control character in its true value, so controls that came from the
 * network (a name) are written out visibly; JSON is where the true bytes are kept.
 */
function csvCell(raw: string): string {
  const value = safeText(raw);
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV with a header line; lists inside a cell are separated by spaces. */
export function hostsCsv(hosts: readonly DiscoveredHost[]): string {
  const rows = hosts.map((h) => [
    h.ip,
    h.iface,
    h.mac ?? '',
    h.vendor?.name ?? '',
    h.name ?? '',
    h.flags.join(' '),
    h.rttMs === null ? '' : String(h.rttMs),
    new Date(h.firstSeen).toISOString(),
    new Date(h.lastSeen).toISOString(),
    h.macs.slice(1).join(' '),
    h.ipv6.join(' '),
  ]);
  return [[...CSV_HEADER], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
