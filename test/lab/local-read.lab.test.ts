/**
 * This machine's read (issue 20): every command through one sh (src/system/run-all.ts) and
 * the namespace's name read in-process give the very snapshot the old read gave, each
 * command its own child of node and `ip netns identify` run: same host, same keys in the
 * same order, same records. Read inside a lab namespace with an OpenVPN server's config, nft
 * and iptables rules, as root and as nobody (whose reads fail: the failures
 * are recorded alike).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NODE_TS, describeLab, type Lab } from './lab.js';
import { buildVpnStory, removeEtc } from './doctor-lab.js';
import { ipv6Settled } from './settled.js';

const DRIVER = new URL('./local-read-driver.mjs', import.meta.url).pathname;

interface Snap {
  host: unknown;
  sources: Record<string, unknown>;
}

function expectSameReads(out: { status: number | null; stdout: string; stderr: string }) {
  expect(out.status, out.stderr).toBe(0);
  const { before, after } = JSON.parse(out.stdout) as { before: Snap; after: Snap };
  expect(after.host).toEqual(before.host);
  expect(Object.keys(after.sources)).toEqual(Object.keys(before.sources));
  for (const key of Object.keys(before.sources)) {
    expect({ key, ...(after.sources[key] as object) }).toEqual({
      key,
      ...(before.sources[key] as object),
    });
  }
  return before;
}

describeLab('this machine read through one sh', (lab: Lab) => {
  const story = buildVpnStory(lab);
  afterAll(() => removeEtc(story));

  beforeAll(async () => {
    const nft = lab.exec(
      story.s,
      ['nft', '-f', '-'],
      `table inet guard {
  chain input {
    type filter hook input priority filter; policy accept;
    meta l4proto icmp counter accept
  }
}
`,
    );
    expect(nft.status, nft.stderr).toBe(0);
    const ipt = lab.exec(story.s, ['iptables', '-A', 'FORWARD', '-d', '10.9.0.0/24', '-j', 'DROP']);
    expect(ipt.status, ipt.stderr).toBe(0);
    await ipv6Settled(lab, story.s);
  });

  it('as root: the same snapshot, source by source, its namespace named', () => {
    const before = expectSameReads(lab.exec(story.s, [...NODE_TS, DRIVER]));
    expect(before.host).toMatchObject({ netns: story.s });
    expect(Object.keys(before.sources)).toEqual(
      expect.arrayContaining(['nft -j list ruleset', '/etc/openvpn/server.conf', 'ip -V']),
    );
  });

  it('as nobody: the same snapshot, its refusals included', () => {
    expectSameReads(lab.execAsNobody(story.s, [...NODE_TS, DRIVER]));
  });
});
