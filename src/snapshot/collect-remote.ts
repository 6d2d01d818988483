/**
 * A snapshot read by the one-script collector (collect-script.ts): on a far host through
 * `ssh HOST sh -s`, or here through `sh -s`. The records are built as collect.ts builds
 * them, so a snapshot taken this way is the same snapshot (same keys, same texts).
 *
 * One round trip: the second happens only on an OpenVPN server whose config names a
 * client-config-dir (which directory that is, only the parsed config says).
 */
import { randomBytes } from 'node:crypto';
import { NETDOCTOR_VERSION } from '../version.js';
import { parseOpenVpnConfig } from '../parse/openvpn.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from './format.js';
import { redactCcdFile, redactOpenVpnConfig } from './openvpn-redact.js';
import {
  CollectorOutputInvalid,
  clientConfigDirScript,
  parseFrames,
  snapshotScript,
  type Frame,
} from './collect-script.js';
import { OPENVPN_CCD_MAX_BYTES, OPENVPN_MAX_BYTES, isOpenVpnConfigKey } from './sources.js';
import type { Snapshot, SourceRecord } from './types.js';
import { listingRecord } from './records.js';

export { CollectorOutputInvalid };

/** What running a script printed: stdout as bytes (frames count bytes), how it ended. */
export interface ScriptResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly exitCode: number | null;
  /** Why it did not run or finish (ssh's one line, 'timeout'). */
  readonly error?: string;
}

/** Runs a script with `sh -s` somewhere (here, or on the far host). */
export type ScriptRunner = (script: string) => Promise<ScriptResult>;

/** The collector could not read the host: the one line says why. */
export class CollectorFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CollectorFailed';
  }
}

const isNotRegular = (error: string | undefined) =>
  error !== undefined && (error === 'is a directory' || error.endsWith('not a regular file'));

/** The record collect.ts makes for a source, from its frame. */
function recordOf(frame: Frame): SourceRecord {
  if (frame.kind === 'cmd') {
    const resolved = frame.detail === '' ? null : frame.detail;
    if (frame.status === 'missing') {
      return {
        kind: 'command',
        exitCode: null,
        stdout: '',
        stderr: '',
        resolved: null,
        error: 'not-installed',
      };
    }
    if (frame.status === 'timeout') {
      const { stdout, stderr } = frame;
      return { kind: 'command', exitCode: null, stdout, stderr, resolved, error: 'timeout' };
    }
    const { stdout, stderr } = frame;
    return { kind: 'command', exitCode: Number(frame.status), stdout, stderr, resolved };
  }
  if (frame.kind === 'list') {
    return frame.status === 'err'
      ? listingRecord([], frame.detail)
      : listingRecord(
          frame.stdout.split('\n').filter((n) => n !== ''),
          undefined,
        );
  }
  if (frame.kind === 'file' && frame.status === 'err') {
    return { kind: 'file', exitCode: null, stdout: '', stderr: '', error: frame.detail };
  }
  if (frame.kind === 'file') return { kind: 'file', exitCode: 0, stdout: frame.stdout, stderr: '' };
  throw new CollectorOutputInvalid('a host frame among the sources');
}

/** An OpenVPN file as readOpenVpnFile keeps it: redacted, and marked when cut. */
function openVpnRecord(frame: Frame, maxBytes: number, redact: (t: string) => string) {
  const record = recordOf(frame);
  const redacted = { ...record, stdout: redact(record.stdout) };
  return frame.status === 'cut' ? { ...redacted, stderr: `cut at ${maxBytes} bytes` } : redacted;
}

async function runFrames(run: ScriptRunner, script: (token: string) => string): Promise<Frame[]> {
  const token = randomBytes(8).toString('hex');
  const result = await run(script(token));
  if (result.error !== undefined) throw new CollectorFailed(result.error);
  try {
    const frames = parseFrames(result.stdout, token);
    if (result.exitCode !== 0) {
      const why = result.stderr.trim().split('\n')[0] ?? '';
      throw new CollectorOutputInvalid(`sh exited ${result.exitCode ?? 'on a signal'}: ${why}`);
    }
    return frames;
  } catch (err) {
    if (err instanceof CollectorOutputInvalid) throw new CollectorFailed(err.message);
    throw err;
  }
}

/** The entries of a server's client-config-dirs, as collectClientConfigDir makes them. */
function clientConfigEntries(frames: readonly Frame[], dirs: readonly string[]) {
  const entries: (readonly [string, SourceRecord])[] = [];
  for (const dir of dirs) {
    const listing = frames.find((f) => f.key === dir && f.kind === 'list');
    const files = frames
      .filter((f) => f.kind === 'file' && f.key.startsWith(`${dir}/`))
      .map((f) => [f.key, openVpnRecord(f, OPENVPN_CCD_MAX_BYTES, redactCcdFile)] as const)
      .filter(([, r]) => !isNotRegular(r.error));
    const error = listing?.status === 'err' ? listing.detail : undefined;
    entries.push([
      dir,
      listingRecord(
        files.map(([k]) => k.slice(dir.length + 1)),
        error,
      ),
    ]);
    entries.push(...files);
  }
  return entries;
}

/** Reads every source through `run` into a raw snapshot, as takeSnapshot does here. */
export async function takeSnapshotWith(run: ScriptRunner, now = new Date()): Promise<Snapshot> {
  const frames = await runFrames(run, snapshotScript);
  const hostFrame = frames.find((f) => f.kind === 'host');
  if (hostFrame === undefined) throw new CollectorFailed('the collector stopped before its end');
  const sources: Record<string, SourceRecord> = {};
  for (const frame of frames) {
    if (frame.kind === 'host') continue;
    sources[frame.key] =
      frame.kind === 'file' && isOpenVpnConfigKey(frame.key)
        ? openVpnRecord(frame, OPENVPN_MAX_BYTES, redactOpenVpnConfig)
        : recordOf(frame);
  }
  const ccdDirs = [
    ...new Set(
      Object.entries(sources).flatMap(([key, r]) =>
        r.exitCode === 0 && key.endsWith('.conf') && isOpenVpnConfigKey(key)
          ? (parseOpenVpnConfig(r.stdout, key).config.clientConfigDir ?? [])
          : [],
      ),
    ),
  ].filter((dir) => !(dir in sources));
  if (ccdDirs.length > 0) {
    const more = await runFrames(run, (token) => clientConfigDirScript(token, ccdDirs));
    for (const [key, record] of clientConfigEntries(more, ccdDirs)) sources[key] = record;
  }
  // uname -snr, id -u, then what `ip netns identify` printed (collect.ts keeps it trimmed).
  const [uname = '', uid = '', ...netnsLines] = hostFrame.stdout.split('\n');
  const [sysname = '', hostname = '', release = ''] = uname.split(' ');
  const netns = netnsLines.join('\n').trim();
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    netdoctorVersion: NETDOCTOR_VERSION,
    takenAt: now.toISOString(),
    host: {
      hostname,
      kernel: `${sysname} ${release}`,
      uid: /^\d+$/.test(uid) ? Number(uid) : null,
      ...(netns !== '' ? { netns } : {}),
    },
    sources,
  };
}
