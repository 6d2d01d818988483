/**
 * Parses arp-scan's lines as the arp-scan backend runs it:
 * `arp-scan --plain --rtt --format='${ip}\t${mac}\t${rtt}'`, one answer per line: IPv4
 * address, MAC, round-trip time in milliseconds. `--plain` drops the header and footer;
 * an address answered by two MACs (a duplicate) simply appears on two lines.
 */
import type { Parsed, ParseWarning } from './warnings.js';

/** The argument that makes arp-scan print the lines this module reads. */
export const ARP_SCAN_FORMAT = '--format=${ip}\t${mac}\t${rtt}';

export interface ArpScanAnswer {
  readonly ip: string;
  /** Lower-case, colon separated, as arp-scan prints it. */
  readonly mac: string;
  /** Null when arp-scan ran without --rtt. */
  readonly rttMs: number | null;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i;

/** One line: an answer, a reason it is not one, or null for a line to skip (blank). */
export function parseArpScanLine(line: string): ArpScanAnswer | string | null {
  const trimmed = line.trim();
  if (trimmed === '') return null;
  const [ip, mac, rtt, ...rest] = trimmed.split('\t');
  if (ip === undefined || mac === undefined || !IPV4.test(ip) || !MAC.test(mac)) {
    return `not an answer line: ${trimmed.slice(0, 80)}`;
  }
  if (rest.length > 0) return `more fields than ip, mac and rtt: ${trimmed.slice(0, 80)}`;
  const rttMs = rtt === undefined || rtt.trim() === '' ? null : Number(rtt);
  if (rttMs !== null && !Number.isFinite(rttMs)) return `rtt is not a number: ${rtt}`;
  return { ip, mac: mac.toLowerCase(), rttMs };
}

export function parseArpScanPlain(
  text: string,
  source = 'arp-scan --plain --rtt',
): Parsed<ArpScanAnswer> {
  const records: ArpScanAnswer[] = [];
  const warnings: ParseWarning[] = [];
  for (const line of text.split('\n')) {
    const parsed = parseArpScanLine(line);
    if (parsed === null) continue;
    if (typeof parsed === 'string') warnings.push({ source, message: parsed });
    else records.push(parsed);
  }
  return { records, warnings };
}
