import { describe, expect, it } from 'vitest';
import { routeInterfaceDownRule } from './route-interface-down.js';
import { pathContext } from '../../../test/helpers/route-host.js';

describe('route-interface-down rule', () => {
  it('raises for a route out of an interface with no carrier, with the link line', () => {
    const [f] = routeInterfaceDownRule.run(pathContext('198.18.7.7'));
    expect(f?.code).toBe('interface-down');
    expect(f?.title).toBe('198.18.7.7: output interface lan1 is up, but no carrier');
    expect(f?.evidence[0]?.source).toBe('ip -j -d link show');
    expect(f?.evidence[0]?.text).toBe(
      'lan1: <NO-CARRIER,BROADCAST,MULTICAST,UP> state LOWERLAYERDOWN',
    );
    expect(f?.fix).toEqual([]);
  });
  it('is quiet when the interface is up, and for local or reject answers', () => {
    expect(routeInterfaceDownRule.run(pathContext('198.51.100.9'))).toEqual([]);
    expect(routeInterfaceDownRule.run(pathContext('198.51.100.1'))).toEqual([]);
    expect(routeInterfaceDownRule.run(pathContext('10.8.0.1'))).toEqual([]);
  });
});
