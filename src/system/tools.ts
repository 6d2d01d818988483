/**
 * The helper tools netdoctor can use, the Debian package that ships each, and how to ask
 * each for its version. Tools live in sbin on Debian, which an ordinary user's PATH often
 * lacks, so lookups also search the sbin directories.
 */
import { access, constants } from 'node:fs/promises';
import path from 'node:path';

export interface ToolSpec {
  /** The executable's name. */
  readonly name: string;
  readonly debianPackage: string;
  /** Arguments that make it print its version and exit, without sending anything. */
  readonly versionArgs: readonly string[];
  /** Another executable that reports the version for this one (mtr-packet has no flag). */
  readonly versionFrom?: string;
}

export const TOOLS: readonly ToolSpec[] = [
  { name: 'ip', debianPackage: 'iproute2', versionArgs: ['-V'] },
  { name: 'arp-scan', debianPackage: 'arp-scan', versionArgs: ['--version'] },
  { name: 'arping', debianPackage: 'iputils-arping', versionArgs: ['-V'] },
  { name: 'mtr-packet', debianPackage: 'mtr-tiny', versionArgs: ['--version'], versionFrom: 'mtr' },
  { name: 'traceroute', debianPackage: 'traceroute', versionArgs: ['--version'] },
  { name: 'tracepath', debianPackage: 'iputils-tracepath', versionArgs: ['-V'] },
  { name: 'ping', debianPackage: 'iputils-ping', versionArgs: ['-V'] },
  { name: 'ssh', debianPackage: 'openssh-client', versionArgs: ['-V'] },
];

export function toolSpec(name: string): ToolSpec {
  const spec = TOOLS.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown tool ${name}`);
  return spec;
}

const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

function searchDirs(): string[] {
  const fromPath = (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
  return [...new Set([...fromPath, ...SBIN_DIRS])];
}

/** The absolute path of an executable, or null when it is not installed. */
export async function findExecutable(name: string): Promise<string | null> {
  for (const dir of searchDirs()) {
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}
