/**
 * `--ssh`: the far host's snapshot, read in one round trip by the sh collector, is the
 * snapshot netdoctor takes there itself, source by source.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, type Lab } from './lab.js';
import { SshLab } from './ssh-lab.js';
import { buildVpnStory, removeEtc } from './doctor-lab.js';

interface Record {
  stdout: string;
}

/**
 * ssh's own packets go over the management link, so its neighbour entry (REACHABLE, STALE)
 * moves between two reads: that one entry is left out of `ip -j neigh show`, nothing else.
 */
function withoutMgmt(key: string, record: Record | undefined): Record | undefined {
  if (key !== 'ip -j neigh show' || record === undefined) return record;
  const entries = JSON.parse(record.stdout) as { dev?: string }[];
  return { ...record, stdout: JSON.stringify(entries.filter((e) => e.dev !== 'mgmt0')) };
}

/**
 * Waits until no IPv6 address of the namespace is still in duplicate address detection: a
 * link-local address is `tentative` for a second or two after its link comes up, and a read
 * on either side of that moment would differ for reasons that are not netdoctor's.
 */
async function settled(lab: Lab, ns: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = lab.exec(ns, ['ip', '-6', 'addr', 'show', 'tentative']);
    if (r.status === 0 && r.stdout.trim() === '') return;
    await delay(100);
  }
  throw new Error(`${ns}: IPv6 addresses still tentative after 10 s`);
}

describeLab('ssh: the remote snapshot', (lab) => {
  const ssh = new SshLab(lab);
  const story = buildVpnStory(lab);
  afterAll(() => removeEtc(story));
  const s = ssh.addBox(story.s, { name: 's' });

  it('equals the local snapshot of the same namespace, source by source', async () => {
    await settled(lab, story.s);
    const remote = ssh.netdoctor(['snapshot', '--ssh', s.target]);
    expect(remote.stderr).toBe('');
    expect(remote.status).toBe(0);
    const local = lab.exec(story.s, [...NETDOCTOR, 'snapshot']);
    expect(local.status).toBe(0);
    const a = JSON.parse(local.stdout);
    const b = JSON.parse(remote.stdout);
    expect(b.host).toEqual(a.host);
    expect(Object.keys(b.sources).sort()).toEqual(Object.keys(a.sources).sort());
    for (const key of Object.keys(a.sources)) {
      expect({ key, ...withoutMgmt(key, b.sources[key]) }).toEqual({
        key,
        ...withoutMgmt(key, a.sources[key]),
      });
    }
  });
});
