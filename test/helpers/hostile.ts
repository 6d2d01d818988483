/**
 * Hostile input for the hardening tests: the lab router's real snapshot with every field that
 * reaches the screen replaced by a string that would clear the screen (ESC[2J), set the
 * terminal title (OSC 0), make text blink (ESC[5m), and fake lines and columns (newline, tab).
 */
import { fixture } from './fixtures.js';
import { parseSnapshotText } from '../../src/snapshot/load.js';
import type { Snapshot } from '../../src/snapshot/types.js';

/** Every attack in one string; the parts are what must never reach a terminal raw. */
export const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007\u001b[5mX\nfake line\tcol';
/** An interface name the kernel would accept (no whitespace, 15 bytes) that still has escapes. */
export const HOSTILE_IFNAME = 'ev\u001b[5m\u001b[2J';

/** True when the text has a control character other than the newlines between lines. */
export function hasRawControl(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text);
}

type Json = Record<string, unknown>;

function editSource(snapshot: Json, key: string, edit: (records: Json[]) => void): void {
  const sources = snapshot['sources'] as Record<string, Json>;
  const record = sources[key];
  if (!record) throw new Error(`no ${key} in the capture`);
  const records = JSON.parse(record['stdout'] as string) as Json[];
  edit(records);
  record['stdout'] = JSON.stringify(records);
}

const IP_LISTS = [
  'ip -j -d link show',
  'ip -j addr show',
  'ip -j -4 route show table all',
  'ip -j neigh show',
] as const;

/** Renames one interface in every `ip` list of a snapshot (its links, addresses, routes, neighbours). */
function renameInterface(snapshot: Json, from: string, to: string): void {
  const rename = (o: Json) => {
    if (o['ifname'] === from) o['ifname'] = to;
    if (o['dev'] === from) o['dev'] = to;
  };
  for (const key of IP_LISTS) editSource(snapshot, key, (rs) => rs.forEach(rename));
}

/** The lab router's snapshot with lan1 renamed and some host fields replaced. */
export function renamedRouterSnapshot(lan1: string, host: Json = {}): Snapshot {
  const s = JSON.parse(fixture('lab-router/snapshot.json')) as Json;
  Object.assign(s['host'] as Json, host);
  renameInterface(s, 'lan1', lan1);
  return parseSnapshotText(JSON.stringify(s), 'renamed.json');
}

/** The snapshot as JSON text, hostile in every field named in issue 8. */
export function hostileSnapshotText(): string {
  const s = JSON.parse(fixture('lab-router/snapshot.json')) as Json;
  s['netdoctorVersion'] = `v${HOSTILE}`;
  const host = s['host'] as Json;
  host['hostname'] = `host${HOSTILE}`;
  host['kernel'] = `kernel${HOSTILE}`;
  host['netns'] = `ns${HOSTILE}`;
  renameInterface(s, 'lan1', HOSTILE_IFNAME);
  editSource(s, 'ip -j addr show', (rs) => {
    for (const r of rs) {
      for (const a of (r['addr_info'] as Json[] | undefined) ?? []) a['label'] = `lbl${HOSTILE}`;
    }
  });
  editSource(s, 'ip -j -4 route show table all', (rs) => {
    (rs[0] as Json)['gateway'] = `gw${HOSTILE}`;
  });
  editSource(s, 'ip -j neigh show', (rs) => {
    (rs[0] as Json)['dst'] = `nb${HOSTILE}`;
    (rs[1] as Json)['lladdr'] = `mac${HOSTILE}`;
  });
  const sources = s['sources'] as Record<string, Json>;
  sources[`/proc/sys/net/ipv4/conf/key${HOSTILE}/rp_filter`] = {
    kind: 'file',
    exitCode: 0,
    stdout: `value${HOSTILE}`,
    stderr: '',
  };
  return JSON.stringify(s);
}

export function hostileSnapshot(): Snapshot {
  return parseSnapshotText(hostileSnapshotText(), 'hostile.json');
}
