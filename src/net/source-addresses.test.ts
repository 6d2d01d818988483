import { describe, expect, it } from 'vitest';
import { labHost } from '../../test/doctor/load.js';
import { returnPathSources } from '../probes/doctor/plan.js';
import { resolveRoute } from './resolve-route.js';
import { selectableSources } from './source-addresses.js';

describe('selectableSources', () => {
  it("a second address picked out by a rule's from", () => {
    const host = labHost('doctor/snapshots/second-address');
    expect(
      selectableSources(host).map((s) => [s.address, s.iface, s.rules.map((r) => r.table)]),
    ).toEqual([['203.0.113.5', 'eth1', ['100']]]);
  });

  it('none where no rule or route names a source (connected routes do not count)', () => {
    expect(selectableSources(labHost('doctor/snapshots/vpn-server'))).toEqual([]);
  });

  it('a route src counts', () => {
    const host = labHost('doctor/snapshots/vpn-server');
    const route = host.routes.find((r) => r.dst === 'default')!;
    const routes = [...host.routes, { ...route, dst: '198.18.0.0/15', prefsrc: '10.8.0.1' }];
    expect(selectableSources({ ...host, routes }).map((s) => s.address)).toEqual(['10.8.0.1']);
  });

  it("the return-path probe pings from it, the kernel's choice first", () => {
    const host = labHost('doctor/snapshots/second-address');
    const d = resolveRoute(host, { dst: '198.18.11.9' });
    expect(returnPathSources(host, d)).toEqual(['198.51.100.5', '203.0.113.5']);
  });
});
