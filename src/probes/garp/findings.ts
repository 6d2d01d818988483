/** The findings the ARP repair can conclude: someone else still holds the IP, or no arping. */
import type { Evidence, Finding } from '../../diagnose/finding.js';
import { isLocallyAdministered, lookupVendor } from '../../net/mac.js';
import type { ArpingReply } from '../../parse/arping.js';
import type { ArpingFlavour } from '../../parse/tool-versions.js';

/** A MAC with its registered vendor, or why there is none. */
export function macWithVendor(mac: string): string {
  const vendor = lookupVendor(mac);
  if (vendor) return `${mac} (${vendor.name})`;
  return `${mac} (${isLocallyAdministered(mac) ? 'locally administered, no vendor' : 'vendor unknown'})`;
}

/** Duplicate address detection got answers: `macs` still claim `ip`. */
export function duplicateIpFinding(
  ip: string,
  prefixlen: number,
  replies: readonly ArpingReply[],
  command: string,
): Finding {
  const macs = [...new Set(replies.map((r) => r.mac))];
  const who = macs.map(macWithVendor).join(' and ');
  const evidence: Evidence[] = replies.map((r) => ({ source: command, text: r.line }));
  return {
    code: 'duplicate-ip',
    severity: 'error',
    title: `${ip} is still held by ${who}`,
    why:
      `netdoctor asked "who has ${ip}?" from 0.0.0.0, as duplicate address detection does, and ${macs.join(', ')} answered: ` +
      `another host still has ${ip} configured. Announcing now would not move the address: the gateway's ARP cache would flip between ` +
      `that host's MAC and ours every time either of us answers an ARP request, and connections would break at random. ` +
      `Remove ${ip} from the old server first (the host with ${macs[0] ?? 'that MAC'}), then run the repair again.`,
    evidence,
    fix: [`ip addr del ${ip}/${prefixlen} dev <interface>`],
    subject: ip,
  };
}

/** No arping, or one that cannot do what the repair needs. */
export function toolMissingFinding(
  flavour: ArpingFlavour | null,
  lacking: string | null,
  versionLine: string | null,
): Finding {
  const installed = flavour === null;
  const title = installed
    ? 'arping is not installed'
    : flavour === 'habets'
      ? `this arping (Thomas Habets') cannot send ${lacking ?? 'what the repair needs'}`
      : `this arping is not one netdoctor knows, so it cannot send ${lacking ?? 'ARP'} safely`;
  const why = installed
    ? 'The repair sends its ARP packets with arping from iputils, and there is no arping here.'
    : `Debian ships two arpings whose flags clash: iputils (-I IF -s SRC -U -A -D) and Thomas Habets' (-i IF -S SRC, where -s is a source MAC). ` +
      `The one installed here lacks ${lacking ?? 'a needed flag'}. Installing iputils-arping replaces it (the two packages conflict).`;
  return {
    code: 'tool-missing',
    severity: 'error',
    title,
    why,
    evidence: versionLine ? [{ source: 'arping -V', text: versionLine }] : [],
    fix: ['apt-get install iputils-arping'],
    subject: 'arping',
  };
}
