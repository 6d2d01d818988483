/** Reads which helper tools a host has, their versions, and the arping flavour. */
import type { SourceRecord } from '../snapshot/types.js';
import { TOOLS } from '../catalog/tools.js';
import { ARPING_HELP_ARGV, commandKey, versionArgv } from '../snapshot/sources.js';

export type ArpingFlavour = 'iputils' | 'habets' | 'unknown';

export interface ToolInfo {
  readonly name: string;
  readonly debianPackage: string;
  readonly present: boolean;
  readonly path: string | null;
  /** The version as the tool printed it, or null when it printed none we know. */
  readonly version: string | null;
  /** Only for arping: which of Debian's two arpings this is (their flags clash). */
  readonly flavour?: ArpingFlavour;
}

/** First match of each tool's own version line. */
const VERSION_PATTERNS: Readonly<Record<string, RegExp>> = {
  ip: /iproute2-([\w.-]+?)(?:,|\s|$)/,
  'arp-scan': /^arp-scan ([\d.]+)/m,
  arping: /(?:iputils |ARPing )([\w.]+)/,
  'mtr-packet': /^mtr ([\w.]+)/m,
  traceroute: /version ([\d.]+)/,
  tracepath: /iputils ([\w.]+)/,
  ping: /iputils ([\w.]+)/,
  ssh: /^OpenSSH_([\w.]+)/m,
};

export function arpingFlavour(versionText: string, helpText: string): ArpingFlavour {
  if (/iputils/.test(versionText)) return 'iputils';
  if (/Thomas Habets/.test(versionText + helpText)) return 'habets';
  return 'unknown';
}

export function parseToolVersions(sources: Readonly<Record<string, SourceRecord>>): ToolInfo[] {
  return TOOLS.map((tool) => {
    const record = sources[commandKey(versionArgv(tool))];
    const present = record !== undefined && record.error !== 'not-installed';
    const text = record ? `${record.stdout}\n${record.stderr}` : '';
    const match = VERSION_PATTERNS[tool.name]?.exec(text);
    const info: ToolInfo = {
      name: tool.name,
      debianPackage: tool.debianPackage,
      present,
      // mtr-packet's version is read from mtr; its own path is mtr's sibling.
      path: record?.resolved ?? null,
      version: match?.[1] ?? null,
    };
    if (tool.name !== 'arping' || !present) return info;
    const help = sources[commandKey(ARPING_HELP_ARGV)];
    const flavour = arpingFlavour(text, help ? `${help.stdout}\n${help.stderr}` : '');
    return { ...info, flavour };
  });
}
