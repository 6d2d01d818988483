/**
 * Takes a snapshot of a host: every source read at once, in parallel, reading only, through
 * the host's access (src/system/access.ts: this machine, or a remote box). Nothing here
 * sends a packet. The source keys are src/snapshot/sources.ts, which the parsers import.
 */
import type { CommandOutput, FileRead, HostAccess } from '../system/access.js';
import { isNotRegularFile } from '../system/files.js';
import { TOOLS, toolSpec } from '../catalog/tools.js';
import { NETDOCTOR_VERSION } from '../version.js';
import {
  ARPING_HELP_ARGV,
  GLOBAL_SYSCTLS,
  READ_INTERFACE_SYSCTLS,
  IPV4_CONF_DIR,
  IPV6_CONF_DIR,
  IPV6_INTERFACE_SYSCTLS,
  ipv6SysctlPath,
  IP_SOURCES,
  FIREWALL_SOURCES,
  LEGACY_FIREWALL_SOURCES,
  LEGACY_TABLES_WARNING,
  VLAN_CONFIG,
  OPENVPN_CCD_MAX_BYTES,
  OPENVPN_CCD_MAX_FILES,
  OPENVPN_CONFIG_DIRS,
  OPENVPN_MAX_BYTES,
  OPENVPN_MAX_FILES,
  VLAN_PROC_DIR,
  commandKey,
  interfaceSysctlPath,
  snapshotCommands,
  SNAPSHOT_COMMAND_TIMEOUT_MS,
  versionArgv,
} from './sources.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from './format.js';
import { redactCcdFile, redactOpenVpnConfig } from './openvpn-redact.js';
import { parseOpenVpnConfig } from '../parse/openvpn.js';
import type { Snapshot, SourceRecord } from './types.js';
import { listingRecord } from './records.js';

function commandRecord(out: CommandOutput): SourceRecord {
  return {
    kind: 'command',
    exitCode: out.exitCode,
    stdout: out.stdout,
    stderr: out.stderr,
    resolved: out.resolved,
    ...(out.error !== undefined ? { error: out.error } : {}),
  };
}

function fileRecord(read: FileRead): SourceRecord {
  return {
    kind: 'file',
    exitCode: read.text === null ? null : 0,
    stdout: read.text ?? '',
    stderr: '',
    ...(read.error !== undefined ? { error: read.error } : {}),
  };
}

/** Runs the argvs side by side (through the access's runAll when it has one). */
async function collectCommands(access: HostAccess, argvs: readonly (readonly string[])[]) {
  const options = { timeoutMs: SNAPSHOT_COMMAND_TIMEOUT_MS };
  const outs =
    access.runAll !== undefined && argvs.length > 1
      ? await access.runAll(argvs, options)
      : await Promise.all(argvs.map((argv) => access.run(argv, options)));
  return outs.map((out) => [commandKey(out.argv), commandRecord(out)] as const);
}

async function collectFiles(access: HostAccess, paths: readonly string[]) {
  const reads = await Promise.all(paths.map((p) => access.readFile(p)));
  return reads.map((read) => [read.path, fileRecord(read)] as const);
}

/** The names in a directory, or none when it cannot be listed (absent). */
async function names(access: HostAccess, dir: string): Promise<string[]> {
  return (await access.listDirectory(dir)).names;
}

async function sysctlPaths(access: HostAccess): Promise<string[]> {
  const [interfaces, v6] = await Promise.all([
    names(access, IPV4_CONF_DIR),
    names(access, IPV6_CONF_DIR),
  ]);
  return [
    ...GLOBAL_SYSCTLS,
    ...interfaces.flatMap((ifname) =>
      READ_INTERFACE_SYSCTLS.map((n) => interfaceSysctlPath(ifname, n)),
    ),
    ...v6.flatMap((ifname) => IPV6_INTERFACE_SYSCTLS.map((n) => ipv6SysctlPath(ifname, n))),
  ];
}

async function vlanPaths(access: HostAccess): Promise<string[]> {
  // /proc/net/vlan exists only when the 8021q module is loaded; its absence is a fact too,
  // so the config file is always read: ENOENT is recorded, telling "no 8021q" from "not read".
  const listed = (await names(access, VLAN_PROC_DIR)).map((name) => `${VLAN_PROC_DIR}/${name}`);
  return [...new Set([VLAN_CONFIG, ...listed])];
}

type Entry = readonly [string, SourceRecord];

/**
 * Reads an OpenVPN file bounded in size, with its key material taken out before it is
 * stored: a snapshot is mailed around, a private key must never be in it.
 */
async function readOpenVpnFile(
  access: HostAccess,
  path: string,
  maxBytes: number,
  redact: (text: string) => string,
): Promise<Entry> {
  const read = await access.readFile(path, { maxBytes, cut: true });
  const record = fileRecord(read);
  const redacted = { ...record, stdout: redact(record.stdout) };
  return [
    read.path,
    read.truncated ? { ...redacted, stderr: `cut at ${maxBytes} bytes` } : redacted,
  ];
}

/**
 * A server's client-config-dir: each client's file (its `iroute` lines say which networks
 * live behind it). Hidden names are skipped; number and size are bounded.
 */
async function collectClientConfigDir(access: HostAccess, dir: string): Promise<Entry[]> {
  const listing = await access.listDirectory(dir);
  const files = listing.names.filter((n) => !n.startsWith('.')).slice(0, OPENVPN_CCD_MAX_FILES);
  const reads = await Promise.all(
    files.map((n) => readOpenVpnFile(access, `${dir}/${n}`, OPENVPN_CCD_MAX_BYTES, redactCcdFile)),
  );
  // A name that is not a regular file (a subdirectory, a FIFO) is not a client's file.
  const read = reads.filter(([, r]) => !isNotRegularFile(r.error));
  return [
    [
      dir,
      listingRecord(
        read.map(([p]) => p.slice(dir.length + 1)),
        listing.error,
      ),
    ],
    ...read,
  ];
}

/**
 * The OpenVPN configs, each bounded in size and in number, and the client-config-dirs they
 * name. Each directory gets a record of its own: the files it holds, one a line, or why it
 * could not be listed, so a snapshot says "no /etc/openvpn" rather than nothing. Files that
 * options such as `key`, `secret`, `tls-auth` or `auth-user-pass` point to are never read.
 */
async function collectOpenVpn(access: HostAccess): Promise<Entry[]> {
  const entries: Entry[] = [];
  let budget = OPENVPN_MAX_FILES;
  for (const dir of OPENVPN_CONFIG_DIRS) {
    const listing = await access.listDirectory(dir);
    const confs = listing.names.filter((n) => n.endsWith('.conf')).slice(0, budget);
    budget -= confs.length;
    entries.push([dir, listingRecord(confs, listing.error)]);
    for (const name of confs)
      entries.push(
        await readOpenVpnFile(access, `${dir}/${name}`, OPENVPN_MAX_BYTES, redactOpenVpnConfig),
      );
  }
  const ccdDirs = new Set(
    entries.flatMap(([key, r]) =>
      r.exitCode === 0 && key.endsWith('.conf')
        ? (parseOpenVpnConfig(r.stdout, key).config.clientConfigDir ?? [])
        : [],
    ),
  );
  const known = new Set(entries.map(([key]) => key));
  for (const dir of ccdDirs) {
    if (known.has(dir)) continue;
    entries.push(...(await collectClientConfigDir(access, dir)));
  }
  return entries;
}

/**
 * The legacy iptables-save of each family whose iptables-nft-save warned that legacy tables
 * are present: read after the packet filter's first pass (nft and both iptables-save).
 */
function legacyFirewallArgvs(firewall: readonly Entry[]): (readonly string[])[] {
  return (['iptables', 'ip6tables'] as const)
    .filter((family) => {
      const record = firewall.find(([key]) => key === commandKey(FIREWALL_SOURCES[family]))?.[1];
      return record !== undefined && LEGACY_TABLES_WARNING.test(record.stderr);
    })
    .map((family) => LEGACY_FIREWALL_SOURCES[family]);
}

/** Whether arping's -V said nothing of iputils: then its --help is read, which names Habets'. */
function arpingHelpWanted(tools: readonly Entry[]): boolean {
  const key = commandKey(versionArgv(toolSpec('arping')));
  const arpingV = tools.find(([k]) => k === key)?.[1];
  return (
    arpingV !== undefined &&
    arpingV.error !== 'not-installed' &&
    !/iputils/.test(arpingV.stdout + arpingV.stderr)
  );
}

async function namespaceName(access: HostAccess): Promise<string | undefined> {
  if (access.netnsName !== undefined) return access.netnsName();
  const out = await access.run(['ip', 'netns', 'identify'], { timeoutMs: 2000 });
  const name = out.stdout.trim();
  return out.exitCode === 0 && name ? name : undefined;
}

/**
 * Only what a sweep needs to pick its targets (links, addresses, IPv4 routes): three `ip`
 * reads instead of every source, so a scan starts sooner. A HostState built from it lacks
 * the rest (sysctls, tools), which a sweep does not read.
 */
export async function takeRoutingSnapshot(
  access: HostAccess,
  now: Date = new Date(),
): Promise<Snapshot> {
  const [entries, host] = await Promise.all([
    collectCommands(access, [IP_SOURCES.link, IP_SOURCES.addr, IP_SOURCES.route4]),
    access.identity(),
  ]);
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    netdoctorVersion: NETDOCTOR_VERSION,
    takenAt: now.toISOString(),
    host,
    sources: Object.fromEntries(entries),
  };
}

/**
 * The helper tools' version records: each tool's version command, and arping's --help when
 * its -V says nothing of iputils. Nine processes that nothing on the first frame needs.
 */
export async function collectToolVersions(
  access: HostAccess,
): Promise<Record<string, SourceRecord>> {
  const entries = await collectCommands(access, TOOLS.map(versionArgv));
  if (arpingHelpWanted(entries))
    entries.push(...(await collectCommands(access, [ARPING_HELP_ARGV])));
  return Object.fromEntries(entries);
}

/**
 * Every command of a snapshot, in one go (one sh on this machine, run-all.ts), then the few
 * that the first answers ask for: arping's --help, the legacy iptables-save.
 */
async function collectAllCommands(access: HostAccess, toolVersions: boolean) {
  const argvs = snapshotCommands(toolVersions);
  const entries = await collectCommands(access, [...argvs.ip, ...argvs.tools, ...argvs.firewall]);
  const ip = entries.slice(0, argvs.ip.length);
  const tools = entries.slice(argvs.ip.length, argvs.ip.length + argvs.tools.length);
  const firewall = entries.slice(argvs.ip.length + argvs.tools.length);
  const wantHelp = toolVersions && arpingHelpWanted(tools);
  const more = await collectCommands(access, [
    ...(wantHelp ? [ARPING_HELP_ARGV] : []),
    ...legacyFirewallArgvs(firewall),
  ]);
  const help = wantHelp ? more.slice(0, 1) : [];
  return { ip, tools, firewall: [...firewall, ...more.slice(help.length)], help };
}

export interface TakeSnapshotOptions {
  /** False: leave the tools' versions out (the TUI reads them after its first frame). */
  readonly toolVersions?: boolean;
}

/** Reads every source of the host into a raw snapshot. */
export async function takeSnapshot(
  access: HostAccess,
  now: Date = new Date(),
  options: TakeSnapshotOptions = {},
): Promise<Snapshot> {
  const [commands, fileEntries, openVpnEntries, netns, host] = await Promise.all([
    collectAllCommands(access, options.toolVersions !== false),
    Promise.all([sysctlPaths(access), vlanPaths(access)]).then(([a, b]) =>
      collectFiles(access, [...a, ...b]),
    ),
    collectOpenVpn(access),
    namespaceName(access),
    access.identity(),
  ]);
  // arping's --help, when read, comes last, where it always has.
  const sources: Record<string, SourceRecord> = Object.fromEntries([
    ...commands.ip,
    ...commands.tools,
    ...fileEntries,
    ...openVpnEntries,
    ...commands.firewall,
    ...commands.help,
  ]);
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    netdoctorVersion: NETDOCTOR_VERSION,
    takenAt: now.toISOString(),
    host: { ...host, ...(netns !== undefined ? { netns } : {}) },
    sources,
  };
}
