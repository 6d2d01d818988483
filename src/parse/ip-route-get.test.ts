import { describe, expect, it } from 'vitest';
import { parseIpRouteGet } from './ip-route-get.js';
import { parseIpRule } from './ip-rule.js';
import { fixture } from '../../test/helpers/fixtures.js';

// Captured by test/fixtures/route/capture.sh in a lab namespace.
const get = (name: string) =>
  parseIpRouteGet(
    fixture(`route/get/${name}.stdout`),
    fixture(`route/get/${name}.stderr`),
    Number(fixture(`route/get/${name}.status`).trim()),
  );

describe('parseIpRouteGet over captured answers', () => {
  it.each([
    ['gateway', ['unicast', 'main', 'lan0', '10.1.0.254', '10.1.0.1', null, null, null]],
    ['onlink', ['unicast', 'main', 'lan0', null, '10.1.0.1', null, null, null]],
    ['local', ['local', 'local', 'lo', null, '10.1.0.1', null, null, null]],
    ['broadcast', ['broadcast', 'local', 'lan0', null, '10.1.0.1', null, null, null]],
    ['from', ['unicast', '100', 'lan1', '10.2.0.254', null, '10.2.0.1', null, null]],
    ['mark', ['unicast', 'main', 'lan0', '10.1.0.254', '10.1.0.1', null, null, 5]],
    ['iif', ['unicast', '100', 'lan1', '10.2.0.254', null, '10.2.0.9', 'lan1', null]],
    ['multipath', ['unicast', 'main', 'lan0', '10.1.0.253', '10.1.0.1', null, null, null]],
    [
      'v6-gateway',
      ['unicast', 'main', 'lan0', '2001:db8:1::fe', '2001:db8:1::1', null, null, null],
    ],
    ['v6-local', ['local', 'local', 'lo', null, '2001:db8:1::1', null, null, null]],
  ] as const)('%s', (name, want) => {
    const { answer, warnings } = get(name);
    expect(warnings).toEqual([]);
    if (answer?.kind !== 'route') throw new Error('expected a route');
    const r = answer.route;
    expect([r.type, r.table, r.dev, r.gateway, r.prefsrc, r.from, r.iif, r.mark]).toEqual(want);
  });

  it.each([
    ['blackhole', 'Invalid argument', ['blackhole']],
    ['unreachable', 'No route to host', ['unreachable']],
    ['prohibit', 'Permission denied', ['prohibit']],
    ['rule-unreachable', 'Network is unreachable', ['none', 'unreachable']],
    ['none', 'Network is unreachable', ['none', 'unreachable']],
    ['v6-blackhole', 'Invalid argument', ['blackhole']],
    ['v6-none', 'Network is unreachable', ['none', 'unreachable']],
  ] as const)('%s error', (name, error, types) => {
    expect(get(name).answer).toEqual({ kind: 'error', error, types });
  });

  it('warns on what it does not know', () => {
    expect(parseIpRouteGet('', 'Segmentation fault\n', 139).answer).toBeNull();
    expect(parseIpRouteGet('[]', '', 0).warnings).not.toEqual([]);
  });
});

describe('parseIpRule over every selector the resolver reads', () => {
  const { records, warnings } = parseIpRule(fixture('route/ip-j-rule.json'), 'inet');
  const at = (p: number) => records.find((r) => r.priority === p);

  it('reads them without warnings', () => {
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(14);
  });
  it('reads fwmark and mask as numbers', () => {
    expect([at(110)?.fwmark, at(110)?.fwmarkValue, at(110)?.fwmaskValue]).toEqual([
      '0x5/0xf',
      5,
      15,
    ]);
  });
  it('reads not, tos, suppress_prefixlength, goto', () => {
    expect([at(130)?.not, at(130)?.tos]).toEqual([true, 16]);
    expect(at(140)?.suppressPrefixlength).toBe(0);
    expect([at(150)?.action, at(150)?.gotoTarget, at(150)?.to]).toEqual([
      'goto',
      160,
      '10.61.0.0/16',
    ]);
  });
  it('reads actions, iif/oif, uidrange, ports and l3mdev', () => {
    expect([at(120)?.action, at(155)?.action, at(160)?.action]).toEqual([
      'unreachable',
      'prohibit',
      'blackhole',
    ]);
    expect([at(160)?.iif, at(160)?.oif]).toEqual(['lan0', 'lan1']);
    expect(at(170)?.uidRange).toEqual([100, 200]);
    expect([at(172)?.ipproto, at(172)?.dport]).toEqual(['tcp', '80']);
    expect(at(180)?.l3mdev).toBe(true);
  });
  it('reads IPv6 rule actions', () => {
    const v6 = parseIpRule(fixture('route/ip-j-6-rule.json'), 'inet6').records;
    expect(v6.find((r) => r.priority === 50)?.action).toBe('unreachable');
  });
});
