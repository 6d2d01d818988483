/**
 * The findings the ARP repair can conclude: someone else still holds the IP, the gateway kept
 * the old MAC, or no arping (each drawn by its rule).
 */
import type { Finding } from '../../diagnose/finding.js';
import type { DuplicateSighting, GarpCheckResult, ToolLack } from '../../diagnose/rule.js';
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

/** The one finding the tool-missing rule draws from what the repair found lacking. */
function toolFinding(lack: ToolLack): Finding {
  const [finding] = diagnose({ host: null, probes: { toolsLacking: [lack] } }, ['l2']);
  if (!finding) throw new Error('the tool-missing rule drew nothing from a missing tool');
  return finding;
}

/** No arping, or one that cannot do what the repair needs. */
export function toolMissingFinding(
  flavour: ArpingFlavour | null,
  lacking: string | null,
  versionLine: string | null,
): Finding {
  return toolFinding({ tool: 'arping', flavour, lacking, versionLine });
}

/** No ping: the check could not tell whether the gateway took the new MAC. */
export function pingMissingFinding(): Finding {
  return toolFinding({ tool: 'ping' });
}
