import { describe, expect, it } from 'vitest';
import { routeTypeRule } from './route-type.js';
import { pathContext } from '../../../test/helpers/route-host.js';

const run = (dst: string, src?: string) => routeTypeRule.run(pathContext(dst, src));

describe('route-type rule over the captured router', () => {
  it('names the blackhole route, its source, and the command that removes it', () => {
    const [f] = run('10.8.3.4');
    expect(f?.code).toBe('route-blackhole');
    expect(f?.subject).toBe('10.8.3.4');
    expect(f?.evidence).toContainEqual({
      source: 'ip -j -4 route show table all',
      text: 'blackhole 10.8.0.0/16',
    });
    expect(f?.fix).toEqual(['ip route del blackhole 10.8.0.0/16']);
  });

  it('names the rule when a rule action rejects', () => {
    const [f] = run('10.70.0.1');
    expect(f?.code).toBe('route-unreachable');
    expect(f?.evidence).toEqual([
      { source: 'ip -j -4 rule show', text: '100: from all to 10.70.0.0/16 unreachable' },
    ]);
    expect(f?.fix).toEqual(['ip rule del pref 100']);
  });

  it('prohibit wins inside unreachable by the longer prefix', () => {
    expect(run('10.4.1.1').map((f) => f.code)).toEqual(['route-prohibit']);
    expect(run('10.4.2.1').map((f) => f.code)).toEqual(['route-unreachable']);
  });

  it('no-route: for no table, and for a source that is not ours', () => {
    expect(run('2001:db8:99::1').map((f) => [f.code, f.severity])).toEqual([['no-route', 'error']]);
    expect(run('203.0.113.7', '192.168.1.9')[0]?.title).toContain('not an address of this host');
  });

  it('is quiet for a path that works, and without a path', () => {
    expect(run('203.0.113.200')).toEqual([]);
    expect(routeTypeRule.run({ host: null })).toEqual([]);
  });
});
