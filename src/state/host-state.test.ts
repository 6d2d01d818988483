import { describe, expect, it } from 'vitest';
import { buildHostState, tablesInUse } from './host-state.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';

describe('buildHostState from the lab router snapshot', () => {
  const host = buildHostState(routerSnapshot());

  it('joins addresses to their interfaces', () => {
    const lan0 = host.interfaces.find((i) => i.name === 'lan0');
    expect(lan0?.addresses.map((a) => a.local)).toContain('192.0.2.1');
    expect(host.interfaces.find((i) => i.name === 'mv0')?.addresses).toEqual([]);
  });

  it('knows where and when it was taken', () => {
    expect(host.meta).toMatchObject({ root: true, netns: expect.stringMatching(/^ndcap/) });
  });

  it('lists the tables in use, main first, with those only a rule names', () => {
    expect(tablesInUse(host)).toEqual(['main', '100', 'default', 'local']);
  });

  it('reports a failed source in words, and goes on', () => {
    const snap = routerSnapshot();
    const broken = {
      ...snap,
      sources: {
        ...snap.sources,
        'ip -j neigh show': {
          kind: 'command' as const,
          exitCode: 1,
          stdout: '',
          stderr: 'RTNETLINK answers: Operation not permitted\n',
        },
      },
    };
    const state = buildHostState(broken);
    expect(state.neighbours).toEqual([]);
    expect(state.sourceErrors).toEqual([
      { source: 'ip -j neigh show', message: 'RTNETLINK answers: Operation not permitted' },
    ]);
    expect(state.interfaces.length).toBe(host.interfaces.length);
  });

  it('says which source a snapshot lacks', () => {
    const snap = routerSnapshot();
    const rest = Object.fromEntries(
      Object.entries(snap.sources).filter(([key]) => key !== 'ip -j -6 rule show'),
    );
    expect(buildHostState({ ...snap, sources: rest }).sourceErrors).toEqual([
      { source: 'ip -j -6 rule show', message: 'not in this snapshot' },
    ]);
  });
});

describe('buildHostState: VLAN sources', () => {
  it('tells 8021q loaded, absent (ENOENT recorded) and not collected apart', async () => {
    const { vlanHost, vlanSnapshot } = await import('../../test/fixtures/vlan/snapshots.js');
    const loaded = vlanHost('healthy').vlanProc;
    expect(loaded.status).toBe('loaded');
    expect(loaded.devices.map((d) => d.device)).toContain('eth1.100.200');
    expect(vlanHost('plain').vlanProc).toMatchObject({ status: 'absent', error: 'ENOENT' });
    const snap = vlanSnapshot('plain');
    const sources = Object.fromEntries(
      Object.entries(snap.sources).filter(
        ([k]) => !k.startsWith('/proc/net/vlan') && !k.startsWith('bridge '),
      ),
    );
    const old = buildHostState({ ...snap, sources });
    expect(old.vlanProc.status).toBe('not-collected');
    expect(old.bridgeVlans.status).toBe('not-collected');
    expect(old.sourceErrors).toEqual(buildHostState(snap).sourceErrors);
  });

  it("keeps bridge vlan show's failure on this kernel as the bridge state, not a source error", async () => {
    const { vlanHost } = await import('../../test/fixtures/vlan/snapshots.js');
    const host = vlanHost('plain');
    expect(host.bridgeVlans).toMatchObject({ status: 'failed', ports: [] });
    expect(host.bridgeVlans.error).toMatch(/Operation not supported/);
    expect(vlanHost('healthy').bridgeVlans.status).toBe('read');
  });
});
