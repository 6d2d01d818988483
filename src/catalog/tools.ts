/**
 * The helper tools netdoctor can use, the Debian package that ships each, and how to ask
 * each for its version. Pure data: parsers read it to name packages, src/system/ to run.
 */

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
