import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labHost } from '../../../test/doctor/load.js';
import { resolveRoute } from '../../net/resolve-route.js';
import type { RouteRecord } from '../../parse/ip-route.js';
import type { HostState } from '../../state/host-state.js';
import type { DiagnoseContext, ProbeResults } from '../rule.js';
import { returnRouteMissingRule } from './return-route-missing.js';
import { sourceRouteRule } from './source-route.js';

const X = '198.18.11.9';
const CASES = resolve(import.meta.dirname, '../../../test/fixtures/findings/source-route-broken');

function context(host: HostState, probes?: ProbeResults): DiagnoseContext {
  const query = { dst: X };
  return {
    host,
    path: { query, decision: resolveRoute(host, query) },
    ...(probes ? { probes } : {}),
  };
}

const probesOf = (file: string) =>
  (JSON.parse(readFileSync(resolve(CASES, file), 'utf8')) as { probes: ProbeResults }).probes;

/** The healthy second-address host with table 100's route replaced. */
function withTable100(route: Partial<RouteRecord>): HostState {
  const host = labHost('doctor/snapshots/second-address');
  return {
    ...host,
    routes: host.routes.map((r) => (r.table === '100' ? { ...r, ...route } : r)),
  };
}

describe('source-route-broken', () => {
  it('proven by the return-path probe: names the rule and the table, deletes the rule', () => {
    const host = labHost('doctor/snapshots/second-address-retired-gateway');
    const ctx = context(host, probesOf('raise/second-address-probed.case.json'));
    const [f, ...rest] = sourceRouteRule.run(ctx);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', subject: '203.0.113.5' });
    expect(f?.title).toBe(
      'packets from 203.0.113.5 to 198.18.11.9 take table 100 (rule 1000), which sends by eth1 via 203.0.113.254, and a ping from 203.0.113.5 got no answer (probed)',
    );
    expect(f?.fix.slice(1, 3)).toEqual([
      'ip rule del priority 1000 from 203.0.113.5 lookup 100',
      'ip route flush table 100',
    ]);
    expect(f?.fix).toContain('ip route replace default via <gateway> dev eth1 table 100');
    // Both pings did not leave the same way: not a missing return route.
    expect(returnRouteMissingRule.run(ctx)).toEqual([]);
  });

  it('from the state alone: the gateway of table 100 is FAILED', () => {
    const [f] = sourceRouteRule.run(
      context(labHost('doctor/snapshots/second-address-gateway-failed')),
    );
    expect(f?.severity).toBe('error');
    expect(f?.title).toContain('203.0.113.254 does not answer ARP (FAILED)');
    expect(f?.evidence.map((e) => e.text)).toEqual([
      '1000: from 203.0.113.5 lookup 100',
      '203.0.113.254 dev eth1 FAILED',
      'default via 203.0.113.254 dev eth1 table 100',
    ]);
  });

  it('a blackhole in the table: deletes it, or the rule', () => {
    const host = withTable100({ type: 'blackhole', gateway: null, dev: null });
    const [f] = sourceRouteRule.run(context(host));
    expect(f?.fix.slice(0, 2)).toEqual([
      '# remove the blackhole route from table 100:',
      'ip route del blackhole default table 100',
    ]);
    expect(f?.fix[3]).toBe('ip rule del priority 1000 from 203.0.113.5 lookup 100');
  });

  it('a gateway on no network of the interface', () => {
    const [f] = sourceRouteRule.run(context(withTable100({ gateway: '192.0.2.1' })));
    expect(f?.title).toContain('192.0.2.1, which is on no network of eth1');
  });

  it('a gateway another route of the interface uses is offered first', () => {
    const base = withTable100({ gateway: '192.0.2.1' });
    const other = base.routes.find((r) => r.table === '100')!;
    const host = {
      ...base,
      routes: [
        ...base.routes,
        { ...other, table: 'main', dst: '192.0.2.0/24', gateway: '203.0.113.1' },
      ],
    };
    const [f] = sourceRouteRule.run(context(host));
    expect(f?.fix[1]).toBe('ip route replace default via 203.0.113.1 dev eth1 table 100');
  });

  it('quiet when the way works (healthy, and a probe that answered from it)', () => {
    const host = labHost('doctor/snapshots/second-address');
    expect(sourceRouteRule.run(context(host))).toEqual([]);
    const probes = probesOf('clear/second-address-probed.case.json');
    expect(sourceRouteRule.run(context(host, probes))).toEqual([]);
  });

  it('a probe that answered from the source wins over a FAILED entry', () => {
    const host = labHost('doctor/snapshots/second-address-gateway-failed');
    const probes = probesOf('clear/second-address-probed.case.json');
    expect(sourceRouteRule.run(context(host, probes))).toEqual([]);
  });
});
