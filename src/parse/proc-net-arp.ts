/**
 * /proc/net/arp: the kernel's IPv4 neighbour table as a file (net/ipv4/arp.c, arp_seq_show).
 * A header, then one line per entry: `IP HWtype Flags HWaddress Mask Device`. Flags carry
 * ATF_COM (0x2) while the entry holds an answer (NUD_VALID) and ATF_PERM (0x4) when it is
 * permanent; an entry still asking, or failed, has neither and an all-zero address. It has no
 * state names (`ip neigh` does): read where a process per read costs too much (the sweep's
 * first answers, while it sets up). Pure; a line that fits no entry is a warning.
 */
import { isAddress, isInterfaceName, isLinkAddress } from './checks.js';
import type { Parsed } from './warnings.js';

export const PROC_NET_ARP = '/proc/net/arp';

export interface ArpCacheEntry {
  readonly ip: string;
  readonly dev: string;
  /** The answering MAC, lower case; null while asking or failed. */
  readonly mac: string | null;
  /** It holds an answer (ATF_COM): REACHABLE, STALE, DELAY, PROBE or PERMANENT. */
  readonly valid: boolean;
  readonly permanent: boolean;
}

const ATF_COM = 0x2;
const ATF_PERM = 0x4;
const HEADER = /^IP address\s+HW type\s+Flags\s+HW address\s+Mask\s+Device\s*$/;

export function parseProcNetArp(text: string): Parsed<ArpCacheEntry> {
  const records: ArpCacheEntry[] = [];
  const warnings: Parsed<ArpCacheEntry>['warnings'] = [];
  const warn = (n: number, why: string) =>
    warnings.push({ source: PROC_NET_ARP, message: `line ${n}: ${why}` });
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || (i === 0 && HEADER.test(line))) return;
    const fields = line.trim().split(/\s+/);
    const [ip, , flagText, mac, , dev] = fields;
    if (fields.length !== 6 || ip === undefined || flagText === undefined || mac === undefined)
      return warn(i + 1, `not an entry (${fields.length} fields)`);
    if (!isAddress(ip, 'inet')) return warn(i + 1, 'not an IPv4 address');
    if (dev === undefined || !isInterfaceName(dev)) return warn(i + 1, 'not an interface name');
    if (!/^0x[0-9a-f]+$/i.test(flagText)) return warn(i + 1, 'flags: not a hex number');
    if (!isLinkAddress(mac)) return warn(i + 1, 'not a link-layer address');
    const flags = Number.parseInt(flagText.slice(2), 16);
    const valid = (flags & ATF_COM) !== 0;
    records.push({
      ip,
      dev,
      mac: valid ? mac.toLowerCase() : null,
      valid,
      permanent: (flags & ATF_PERM) !== 0,
    });
  });
  return { records, warnings };
}
