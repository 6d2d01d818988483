import { describe, expect, it } from 'vitest';
import { routeNextHopRule } from './route-next-hop.js';
import { pathContext } from '../../../test/helpers/route-host.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { labHost } from '../../../test/doctor/load.js';
import { resolveRoute } from '../../net/resolve-route.js';
import type { ProbeResults } from '../rule.js';

describe('route-next-hop rule', () => {
  it('raises when the gateway never answered ARP (FAILED)', () => {
    const [f] = routeNextHopRule.run(pathContext('198.19.1.1'));
    expect([f?.code, f?.severity]).toEqual(['next-hop-unresolved', 'error']);
    expect(f?.evidence[0]).toEqual({
      source: 'ip -j neigh show',
      text: '198.51.100.77 dev lan0 FAILED',
    });
    expect(f?.fix[0]).toBe('arping -c 3 -I lan0 198.51.100.77');
  });
  it('raises for an on-link destination that does not answer', () => {
    expect(routeNextHopRule.run(pathContext('198.51.100.77')).map((f) => f.code)).toEqual([
      'next-hop-unresolved',
    ]);
  });
  it('is quiet when the gateway is REACHABLE or unknown', () => {
    expect(routeNextHopRule.run(pathContext('203.0.113.200'))).toEqual([]);
    expect(routeNextHopRule.run(pathContext('198.51.100.50'))).toEqual([]);
  });
});

describe('route-next-hop with a backup default route', () => {
  const context = (snapshot: string, probed: boolean) => {
    const host = labHost(`doctor/snapshots/${snapshot}`);
    const query = { dst: '198.18.9.9' };
    const c = JSON.parse(
      readFileSync(
        resolve(
          import.meta.dirname,
          '../../../test/fixtures/findings/next-hop-unresolved/raise/dead-preferred-default-probed.case.json',
        ),
        'utf8',
      ),
    ) as { probes: ProbeResults };
    return {
      host,
      path: { query, decision: resolveRoute(host, query) },
      ...(probed ? { probes: c.probes } : {}),
    };
  };

  it.each([true, false])(
    'the preferred default is dead (probed: %s): names the backup, deletes or demotes the dead route',
    (probed) => {
      const [f, ...rest] = routeNextHopRule.run(context('dead-preferred-default', probed));
      expect(rest).toEqual([]);
      expect(f?.severity).toBe('error');
      expect(f?.title).toContain('; the backup default via 203.0.113.1 dev eth1');
      expect(f?.why).toContain('the backup is never used while the dead route stands');
      expect(f?.fix.slice(0, 4)).toEqual([
        '# delete the dead route; packets then take the backup default via 203.0.113.1 dev eth1 metric 200:',
        'ip route del default via 198.51.100.1 dev eth0 metric 100',
        '# or demote it behind the backup, to come back when the backup fails (after the delete):',
        'ip route add default via 198.51.100.1 dev eth0 metric 201',
      ]);
      expect(f?.evidence.map((e) => e.text)).toContain(
        'default via 203.0.113.1 dev eth1 metric 200',
      );
    },
  );

  it('no backup when the only other way is dead too: the old fix, nothing named', () => {
    const ctx = context('dead-preferred-default', false);
    const neighbours = [
      ...ctx.host.neighbours,
      { ...ctx.host.neighbours[0]!, dst: '203.0.113.1', dev: 'eth1', states: ['FAILED'] },
    ];
    const host = { ...ctx.host, neighbours };
    const [f] = routeNextHopRule.run({ ...ctx, host });
    expect(f?.title).not.toContain('backup');
    expect(f?.fix[0]).toBe('arping -c 3 -I eth0 198.51.100.1');
  });
});
