import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse.js';
import { proveLayout } from './prove.js';
import { reach, simulate } from './simulate.js';

/** Two routers on a /31, a third on a /30, a LAN behind each. */
const P2P = parsePlan(
  readFileSync(new URL('../../test/fixtures/plan/point-to-point-31.yaml', import.meta.url), 'utf8'),
  'point-to-point-31.yaml',
);

describe('a plan with a /31 between two routers', () => {
  const sim = simulate(P2P);

  it("no test host takes a router's address, nor a /30's network address", () => {
    expect(sim.hosts.map((h) => `${h.network} ${h.address}`)).toEqual([
      'a 198.18.4.254',
      'b 198.18.5.254',
      'c 198.18.6.254',
    ]);
  });

  it('the LANs reach each other over the /31 and the /30', () => {
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ] as const) {
      expect(reach(sim, from, to)).toBe('both');
    }
    expect(sim.paths.some((p) => p.from === 'p2p' || p.to === 'p2p')).toBe(false);
  });

  it('--prove builds no host on them, and pings only between the hosts there are', () => {
    const layout = proveLayout(P2P, sim, 'ndpT');
    expect(layout.namespaces.filter((n) => n.startsWith('ndpT-h'))).toEqual([
      'ndpT-h2',
      'ndpT-h3',
      'ndpT-h4',
    ]);
    expect(layout.wiring.some((w) => w.includes('ndpT-h0') || w.includes('ndpT-h1'))).toBe(false);
    const pairs = layout.rounds.flat().map((p) => `${p.from.network}>${p.to.network}`);
    expect(pairs.sort()).toEqual(['a>b', 'a>c', 'b>a', 'b>c', 'c>a', 'c>b']);
    // The /31's addresses are the routers', each router's address on it once.
    const adds = layout.perNamespace
      .flatMap((p) => p.batch)
      .filter((b) => b.includes('198.51.100.'));
    expect(adds).toEqual([
      'addr add 198.51.100.0/31 dev n0',
      'addr add 198.51.100.5/30 dev n1',
      'addr add 198.51.100.1/31 dev n0',
      'addr add 198.51.100.6/30 dev n1',
    ]);
  });
});
