import { describe, expect, it } from 'vitest';
import { labHost } from '../../test/doctor/load.js';
import { routeNextHopRule } from '../diagnose/rules/route-next-hop.js';
import { diagnose } from '../diagnose/diagnose.js';
import { documentLines } from '../report/document.js';
import { doctorSections } from '../report/doctor.js';
import { routeSummary } from '../report/route.js';
import { resolvesNeighbours } from './link-layer.js';
import { resolveRoute } from './resolve-route.js';
import { hostRole } from './role.js';

/** A veth set `arp off` (n0, NOARP) and a tun device (tun0), captured in a lab namespace. */
const host = labHost('doctor/snapshots/noarp-links');

describe('a link without ARP (NOARP)', () => {
  it('is read from the link flags and the link type', () => {
    expect(['n0', 'tun0', 'n1'].map((i) => resolvesNeighbours(host, i))).toEqual([
      false,
      false,
      true,
    ]);
  });

  const query = { dst: '198.18.21.7' };
  const decision = resolveRoute(host, query);

  it('the route answer expects no neighbour entry there', () => {
    expect(routeSummary(host, decision)).toContain(
      '192.0.2.9: no ARP on this link (NOARP), nothing to resolve',
    );
  });

  it('the doctor says so instead of "not in the neighbour table yet"', () => {
    const path = { query, decision };
    const findings = diagnose({ host, path }, ['path']);
    const text = documentLines(
      doctorSections({ host, role: hostRole(host), path, probes: null, findings }),
    ).map((l) => l.text);
    expect(text).toContain('  next hop 192.0.2.9 on n0: no ARP on this link (NOARP)');
    expect(text.join('\n')).not.toContain('neighbour table yet');
  });

  it('an unanswered ARP probe or a FAILED entry there proves nothing', () => {
    const failed = {
      ...host,
      neighbours: [
        {
          family: 'inet' as const,
          dst: '192.0.2.9',
          dev: 'n0',
          lladdr: null,
          router: false,
          states: ['FAILED'],
        },
      ],
    };
    const probes = {
      nextHopArp: {
        nextHop: '192.0.2.9',
        iface: 'n0',
        answered: false,
        command: 'arping -I n0 -s 192.0.2.1 -c 2 -w 2 192.0.2.9',
        lines: ['sent 2, received 0'],
      },
    };
    const path = { query, decision: resolveRoute(failed, query) };
    expect(routeNextHopRule.run({ host: failed, path, probes })).toEqual([]);
  });
});
