/**
 * `--ssh`: the far host's snapshot, read in one round trip by the sh collector, is the
 * snapshot netdoctor takes there itself, source by source.
 */
import { afterAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR } from './lab.js';
import { SshLab } from './ssh-lab.js';
import { buildVpnStory, removeEtc } from './doctor-lab.js';
import { ipv6Settled } from './settled.js';

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

describeLab('ssh: the remote snapshot', (lab) => {
  const ssh = new SshLab(lab);
  const story = buildVpnStory(lab);
  afterAll(() => removeEtc(story));
  const s = ssh.addBox(story.s, { name: 's' });

  it('equals the local snapshot of the same namespace, source by source', async () => {
    await ipv6Settled(lab, story.s);
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
