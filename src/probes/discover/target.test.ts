import { describe, expect, it } from 'vitest';
import { resolveTargets, sweepRouteProblem, type TargetRequest } from './target.js';
import { buildHostState } from '../../state/host-state.js';
import { parseIpRoute } from '../../parse/ip-route.js';
import { routerSnapshot } from '../../../test/helpers/fixtures.js';

// The lab router: lan0 192.0.2.1/24 and .254/24 (default via .254), lan1 198.51.100.1/24,
// mv0 down, tun0 point-to-point 10.8.0.1 peer 10.8.0.2.
const facts = buildHostState(routerSnapshot());
const req = (r: Partial<TargetRequest>): TargetRequest => ({
  ifaces: [],
  backend: 'kernel',
  force: false,
  ...r,
});

describe('resolveTargets over the lab router', () => {
  it("by default sweeps each up interface's own prefixes, once each, not point-to-point ones", () => {
    const targets = resolveTargets(facts, req({}));
    expect(targets.map((t) => `${t.iface} ${t.prefix.cidr}`)).toEqual([
      'lan0 192.0.2.0/24',
      'lan1 198.51.100.0/24',
    ]);
    expect(targets[0]).toMatchObject({
      onLink: true,
      localAddresses: ['192.0.2.1', '192.0.2.254'],
      localMac: '02:00:00:00:00:01',
      gateways: ['192.0.2.254'],
      ipv6: true,
    });
    expect(targets[1]?.gateways).toEqual([]);
  });

  it('finds the interface a --cidr is on-link on', () => {
    const [t, ...rest] = resolveTargets(facts, req({ cidr: '198.51.100.128/25' }));
    expect(rest).toEqual([]);
    expect(t).toMatchObject({ iface: 'lan1', onLink: true });
    expect(t?.prefix.cidr).toBe('198.51.100.128/25');
  });

  it('refuses an off-link prefix for the kernel backend, saying why and what to use', () => {
    expect(() => resolveTargets(facts, req({ cidr: '203.0.113.0/24', ifaces: ['lan0'] }))).toThrow(
      /203\.0\.113\.0\/24 is not on-link on lan0: the kernel would hand these datagrams to the gateway.*--backend arp-scan/,
    );
    expect(() => resolveTargets(facts, req({ cidr: '203.0.113.0/24' }))).toThrow(
      /not on-link on any interface: name one with --iface \(e\.g\. --iface lan0\)/,
    );
  });

  it('lets arp-scan sweep an off-link prefix from a named interface', () => {
    const [t] = resolveTargets(
      facts,
      req({ cidr: '203.0.113.0/24', ifaces: ['lan0'], backend: 'arp-scan' }),
    );
    expect(t).toMatchObject({ iface: 'lan0', onLink: false });
  });

  it.each([
    [
      { cidr: '10.0.0.0/8' },
      /refusing to sweep 10\.0\.0\.0\/8: 16777214 addresses, more than a \/16; add --force/,
    ],
    [{ cidr: '192.0.2.0/33' }, /not an IPv4 CIDR: 192\.0\.2\.0\/33/],
    [
      { ifaces: ['eth9'] },
      /no interface named eth9 here \(interfaces: lo, lan0, lan1, mv0, tun0\)/,
    ],
    [{ ifaces: ['lan0; reboot'] }, /not an interface name/],
    [{ ifaces: ['tun0'] }, /^tun0 has no carrier .*ip link set tun0 up$/],
    [{ ifaces: ['mv0'] }, /^mv0 is down: bring it up first \(ip link set mv0 up\)$/],
    [{ ifaces: ['mv0'], cidr: '192.0.2.0/24' }, /^mv0 is down/],
  ])('%j is refused', (r, message) => {
    expect(() => resolveTargets(facts, req(r))).toThrow(message);
  });

  it('sweeps a prefix larger than a /16 with --force', () => {
    const [t] = resolveTargets(
      facts,
      req({ cidr: '192.0.0.0/15', ifaces: ['lan0'], backend: 'arp-scan', force: true }),
    );
    expect(t?.prefix.cidr).toBe('192.0.0.0/15');
  });
});

describe('sweepRouteProblem: no datagram of a sweep may leave by another interface', () => {
  const [lan0] = resolveTargets(facts, req({ ifaces: ['lan0'] }));
  if (!lan0) throw new Error('lan0');
  const route = (dst: string, extra: Record<string, unknown> = {}) =>
    parseIpRoute(JSON.stringify([{ dst, ...extra }]), 'inet').records;

  it('passes the lab router as captured', () => {
    expect(sweepRouteProblem(facts.interfaces, facts.routes, lan0)).toBeNull();
  });

  it('stops when the connected route is gone (the interface went down)', () => {
    const routes = facts.routes.filter((r) => r.dst !== '192.0.2.0/24');
    expect(sweepRouteProblem(facts.interfaces, routes, lan0)).toMatch(
      /no route sends 192.0.2.0\/24 directly out of lan0/,
    );
  });

  it('stops when part of the prefix is routed elsewhere', () => {
    const routes = [
      ...facts.routes,
      ...route('192.0.2.128/25', { gateway: '198.51.100.9', dev: 'lan1' }),
    ];
    expect(sweepRouteProblem(facts.interfaces, routes, lan0)).toMatch(
      /192\.0\.2\.128\/25 inside 192\.0\.2\.0\/24 is routed via 198\.51\.100\.9/,
    );
  });

  it('stops when the link is down or lost its carrier', () => {
    const down = facts.interfaces.map((l) => (l.name === 'lan0' ? { ...l, adminUp: false } : l));
    expect(sweepRouteProblem(down, facts.routes, lan0)).toMatch(/lan0 went down/);
    const dark = facts.interfaces.map((l) => (l.name === 'lan0' ? { ...l, carrier: false } : l));
    expect(sweepRouteProblem(dark, facts.routes, lan0)).toMatch(/lan0 lost its carrier/);
  });
});
