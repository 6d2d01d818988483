/**
 * The findings the ARP repair can conclude: someone else still holds the IP, the gateway kept
 * the old MAC, or no arping.
 */
import type { Finding } from '../../diagnose/finding.js';
import type { DuplicateSighting, GarpCheckResult } from '../../diagnose/rule.js';
import { diagnose } from '../../diagnose/diagnose.js';
import type { ArpingReply } from '../../parse/arping.js';
import type { ArpingFlavour } from '../../parse/tool-versions.js';

export { macWithVendor } from '../../diagnose/rules/duplicate-ip.js';

/** Duplicate address detection got answers: `replies` still claim `ip`, which we are taking. */
export function duplicateIpFinding(
  ip: string,
  prefixlen: number,
  replies: readonly ArpingReply[],
  command: string,
): Finding {
  const sighting: DuplicateSighting = {
    ip,
    iface: '',
    macs: [...new Set(replies.map((r) => r.mac))],
    current: null,
    source: command,
    lines: replies.map((r) => r.line),
    takingHere: { prefixlen },
  };
  const [finding] = diagnose({ host: null, probes: { duplicates: [sighting] } }, ['l2']);
  if (!finding) throw new Error('the duplicate-ip rule drew nothing from a duplicate');
  return finding;
}

/** The gateway answers ARP but not a ping from the moved address: what the rule concludes. */
export function keptOldMacFinding(check: GarpCheckResult): Finding {
  const [finding] = diagnose({ host: null, probes: { garpCheck: check } }, ['l2']);
  if (!finding) throw new Error('the gateway-kept-old-mac rule drew nothing from a silent gateway');
  return finding;
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

/** No ping: the check could not tell whether the gateway took the new MAC. */
export function pingMissingFinding(): Finding {
  return {
    code: 'tool-missing',
    severity: 'error',
    title: 'ping is not installed',
    why: 'The repair checks that the gateway took the new MAC by pinging it from the moved address (iputils ping): the reply comes back only when the gateway sends that address to this server. Without ping it could announce, but never tell whether the gateway listened.',
    evidence: [],
    fix: ['apt-get install iputils-ping'],
    subject: 'ping',
  };
}
