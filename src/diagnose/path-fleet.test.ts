/** The walk at scale: a generated fleet of 1,000 snapshots (test/helpers/path-fleet.ts). */
import { describe, expect, it } from 'vitest';
import { buildHostState } from '../state/host-state.js';
import { pathFleet } from '../../test/helpers/path-fleet.js';
import { answerPath } from './path-answer.js';

describe('path over a generated fleet', () => {
  it('crosses edge, core, edge both ways over 1,000 hosts, well under a second', () => {
    const fleet = pathFleet(1000);
    const hosts = fleet.hosts.map((h) => ({
      name: h.name,
      state: buildHostState(h.snapshot),
      error: null,
    }));
    expect(hosts).toHaveLength(1000);
    const t0 = performance.now();
    const a = answerPath(hosts, fleet.src, fleet.dst);
    const ms = performance.now() - t0;
    expect(a.forward.hops.map((h) => h.host)).toEqual([
      'host0',
      'edge0',
      'core',
      'edge332',
      'host665',
    ]);
    expect(a.back.hops.map((h) => h.host)).toEqual([
      'host665',
      'edge332',
      'core',
      'edge0',
      'host0',
    ]);
    expect([a.forward.verdict, a.back.verdict]).toEqual(['ok', 'ok']);
    expect(ms).toBeLessThan(1000);
  });
});
