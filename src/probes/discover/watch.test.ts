import { describe, expect, it } from 'vitest';
import { WatchTracker, provesAlive } from './watch.js';
import type { Sighting } from './types.js';

const ctx = { selfAddresses: new Set(['198.18.4.1']), gateways: new Set(['198.18.4.254']) };
const s = (ip: string, mac: string, at: number, over: Partial<Sighting> = {}): Sighting => ({
  iface: 'lan0',
  ip,
  mac,
  rttMs: null,
  at,
  via: 'arping',
  state: null,
  ...over,
});

/** One sweep: every sighting heard during it, then its end; the events, in order. */
function sweep(t: WatchTracker, at: number, sightings: readonly Sighting[]) {
  return [...sightings.flatMap((x) => t.hear(x, true)), ...t.sweepDone(at, 'arping')];
}

describe('WatchTracker', () => {
  it('takes the first sweep as the baseline: nothing is new in it', () => {
    const t = new WatchTracker(ctx);
    expect(
      sweep(t, 1, [
        s('198.18.4.10', 'aa:00:00:00:00:10', 1),
        s('198.18.4.1', '02:00:00:00:00:01', 1, { via: 'self' }),
      ]),
    ).toEqual([]);
    expect(t.addresses('lan0')).toEqual(['198.18.4.10']);
  });

  it('marks a host new at once, gone after two missed sweeps, and back as new', () => {
    const t = new WatchTracker(ctx);
    sweep(t, 1, [s('198.18.4.10', 'aa:00:00:00:00:10', 1)]);
    expect(
      t.hear(s('198.18.4.77', 'aa:00:00:00:00:77', 5, { via: 'monitor', state: 'STALE' }), false),
    ).toEqual([
      {
        event: 'new',
        at: 5,
        iface: 'lan0',
        ip: '198.18.4.77',
        mac: 'aa:00:00:00:00:77',
        gateway: false,
      },
    ]);
    expect(t.mark('lan0', '198.18.4.77')).toEqual({ kind: 'new', at: 5 });
    expect(sweep(t, 10, [s('198.18.4.10', 'aa:00:00:00:00:10', 10)])).toEqual([]);
    expect(sweep(t, 20, [s('198.18.4.10', 'aa:00:00:00:00:10', 20)])).toEqual([
      {
        event: 'gone',
        at: 20,
        iface: 'lan0',
        ip: '198.18.4.77',
        mac: 'aa:00:00:00:00:77',
        lastSeen: 5,
      },
    ]);
    expect(t.mark('lan0', '198.18.4.77')).toEqual({ kind: 'gone', at: 5 });
    expect(
      sweep(t, 30, [
        s('198.18.4.10', 'aa:00:00:00:00:10', 30),
        s('198.18.4.77', 'aa:00:00:00:00:77', 30),
      ]),
    ).toMatchObject([{ event: 'new', ip: '198.18.4.77' }]);
  });

  it('a MAC proved at a new address is moved; for a gateway it says so', () => {
    const t = new WatchTracker(ctx);
    sweep(t, 1, [s('198.18.4.254', 'aa:00:00:00:00:fe', 1)]);
    expect(sweep(t, 10, [s('198.18.4.254', 'bb:00:00:00:00:fe', 10)])).toEqual([
      {
        event: 'moved',
        at: 10,
        iface: 'lan0',
        ip: '198.18.4.254',
        from: 'aa:00:00:00:00:fe',
        to: 'bb:00:00:00:00:fe',
        gateway: true,
        via: 'arping',
      },
    ]);
    // The kernel re-checking its stale entry (DELAY, old MAC) proves nothing.
    expect(
      t.hear(s('198.18.4.254', 'aa:00:00:00:00:fe', 11, { via: 'monitor', state: 'DELAY' }), false),
    ).toEqual([]);
    // Confirmed between sweeps: moved at once.
    expect(
      t.hear(
        s('198.18.4.254', 'cc:00:00:00:00:fe', 12, { via: 'monitor', state: 'REACHABLE' }),
        false,
      ),
    ).toMatchObject([
      {
        event: 'moved',
        from: 'bb:00:00:00:00:fe',
        to: 'cc:00:00:00:00:fe',
        via: 'ip monitor neigh',
      },
    ]);
  });

  it('two MACs proved in one sweep are a duplicate (once), not a move', () => {
    const t = new WatchTracker(ctx);
    const both = [
      s('198.18.4.12', 'aa:00:00:00:00:12', 1),
      s('198.18.4.12', 'bb:00:00:00:00:12', 1),
    ];
    expect(sweep(t, 1, both)).toEqual([
      {
        event: 'duplicate',
        at: 1,
        iface: 'lan0',
        ip: '198.18.4.12',
        macs: ['aa:00:00:00:00:12', 'bb:00:00:00:00:12'],
      },
    ]);
    expect(sweep(t, 2, both)).toEqual([]);
  });

  it('counts only proofs of life', () => {
    expect(
      provesAlive(s('198.18.4.1', 'aa:00:00:00:00:01', 0, { via: 'table', state: 'REACHABLE' })),
    ).toBe(false);
    expect(
      provesAlive(s('198.18.4.1', 'aa:00:00:00:00:01', 0, { via: 'sweep', state: 'STALE' })),
    ).toBe(false);
    expect(
      provesAlive(s('198.18.4.1', 'aa:00:00:00:00:01', 0, { via: 'sweep', state: 'REACHABLE' })),
    ).toBe(true);
    expect(provesAlive(s('198.18.4.1', 'aa:00:00:00:00:01', 0, { via: 'arp-scan' }))).toBe(true);
  });
});
