import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePlan } from './parse.js';
import { delivered, expectedPairs, pathOf, reach, simulate } from './simulate.js';

const COMPLETE = readFileSync(
  new URL('../../examples/plans/three-vpcs.yaml', import.meta.url),
  'utf8',
);
const plan = (text: string) => parsePlan(text, 'p.yaml');
const VPC_NETS = ['vpc1-web', 'vpc2-web', 'vpc3-db'];

describe('simulate', () => {
  it("carries every pair of the seed's complete three-VPC plan, both ways", () => {
    const p = plan(COMPLETE);
    const sim = simulate(p);
    for (const a of VPC_NETS)
      for (const b of VPC_NETS) if (a !== b) expect(reach(sim, a, b)).toBe('both');
    expect(expectedPairs(p, sim)).toHaveLength(6);
    const path = pathOf(sim, 'vpc3-db', 'vpc2-web');
    expect(path?.hops.map((h) => `${h.node}: ${h.route?.text ?? '-'}`)).toEqual([
      'host on vpc3-db: default via 10.3.1.1',
      'vpc3: 10.2.0.0/16 via 172.16.0.12',
      'vpc2: 10.2.1.0/24 connected on vpc2-web',
      'host on vpc2-web: -',
    ]);
  });

  // Removing one static route breaks exactly the traffic that needed it: the router that
  // held it has no route to that VPC, and every other pair still goes through.
  const complete = plan(COMPLETE);
  const cases = complete.routers.flatMap((r) =>
    r.routes.map((route) => [r.name, route.text] as const),
  );
  it('has six routes to remove', () => expect(cases).toHaveLength(6));
  it.each(cases)('without %s: %s, exactly that direction fails', (router, text) => {
    const p = {
      ...complete,
      routers: complete.routers.map((r) =>
        r.name === router ? { ...r, routes: r.routes.filter((x) => x.text !== text) } : r,
      ),
    };
    const sim = simulate(p);
    const from =
      complete.networks.find((n) => n.gateway === router || n.name.startsWith(router))?.name ?? '';
    const prefix = text.split(' ')[0] ?? '';
    const to = VPC_NETS.find((n) => n.startsWith(`vpc${prefix.split('.')[1] ?? ''}`)) ?? '';
    expect([from, to].every((n) => VPC_NETS.includes(n))).toBe(true);
    for (const a of VPC_NETS) {
      for (const b of VPC_NETS) {
        if (a === b) continue;
        if (a === from && b === to)
          expect(pathOf(sim, a, b)?.stop).toEqual({ kind: 'no-route', router });
        else expect(delivered(sim, a, b)).toBe(true);
      }
    }
    expect(reach(sim, to, from)).toBe('one-way');
    expect(reach(sim, from, to)).toBe('no');
  });

  it('stops at a blackhole silently and at an unreachable route', () => {
    const sim = simulate(
      plan(
        COMPLETE.replace('10.2.0.0/16 via 172.16.0.12\n', 'blackhole 10.2.0.0/16\n').replace(
          '10.3.0.0/16 via 172.16.0.13]',
          'unreachable 10.3.0.0/16]',
        ),
      ),
    );
    expect(pathOf(sim, 'vpc1-web', 'vpc2-web')?.stop.kind).toBe('blackhole');
    expect(pathOf(sim, 'vpc2-web', 'vpc3-db')?.stop.kind).toBe('unreachable');
    expect(pathOf(sim, 'vpc2-web', 'vpc3-db')?.reason).toContain('unreachable 10.3.0.0/16');
  });

  it('finds a loop between two routers and names them', () => {
    const sim = simulate(
      plan(`networks:
  t: 203.0.113.0/29
  lan: 198.51.100.0/24
  far: {cidr: 198.18.1.0/24, gateway: r3}
routers:
  r1: {interfaces: {t: 203.0.113.1, lan: 198.51.100.1}, routes: [198.18.0.0/16 via 203.0.113.2]}
  r2: {interfaces: {t: 203.0.113.2}, routes: [198.18.0.0/16 via 203.0.113.1]}
  r3: {interfaces: {t: 203.0.113.3, far: 198.18.1.1}, routes: [default via 203.0.113.1]}
`),
    );
    const path = pathOf(sim, 'lan', 'far');
    expect(path?.stop).toEqual({ kind: 'loop', routers: ['r1', 'r2'] });
    expect(path?.reason).toBe('loops r1 -> r2 -> r1 until its TTL runs out');
    expect(reach(sim, 'far', 'lan')).toBe('one-way');
  });

  it('overlapping networks: the longer prefix wins at a router, and a host of the larger one ARPs for the smaller', () => {
    const sim = simulate(
      plan(`networks:
  t: 203.0.113.0/29
  big: 10.0.0.0/16
  small: {cidr: 10.0.5.0/24, gateway: r2}
routers:
  r1: {interfaces: {t: 203.0.113.1, big: 10.0.0.1}, routes: [10.0.5.0/24 via 203.0.113.2]}
  r2: {interfaces: {t: 203.0.113.2, small: 10.0.5.1}, routes: [10.0.0.0/16 via 203.0.113.1]}
`),
    );
    // The host on big holds 10.0.0.0/16 on its own link: it asks there, and nobody answers.
    expect(pathOf(sim, 'big', 'small')?.stop).toMatchObject({
      kind: 'no-neighbour',
      network: 'big',
    });
    // r2 routes big's host by the /16 via r1, which has it connected.
    expect(pathOf(sim, 'small', 'big')?.hops.map((h) => h.route?.text ?? '-')).toEqual([
      'default via 10.0.5.1',
      '10.0.0.0/16 via 203.0.113.1',
      '10.0.0.0/16 connected on big',
      '-',
    ]);
  });

  it('a duplicated next-hop address is answered by the first holder; the refused route is set aside', () => {
    const p = plan(`networks:
  t: 203.0.113.0/29
  a: 198.51.100.0/24
  b: 198.18.1.0/24
routers:
  r1: {interfaces: {t: 203.0.113.1, a: 198.51.100.1}, routes: [198.18.1.0/24 via 203.0.113.2, 198.18.0.0/16 via 192.0.2.99]}
  r2: {interfaces: {t: 203.0.113.1, b: 198.18.1.1}, routes: [198.51.100.0/24 via 203.0.113.1]}
`);
    const sim = simulate(p);
    expect(sim.tables.get('r1')?.rejected.map((r) => [r.kind, r.route.text])).toEqual([
      ['not-on-link', '198.18.0.0/16 via 192.0.2.99'],
    ]);
    expect(pathOf(sim, 'a', 'b')?.stop).toMatchObject({
      kind: 'no-neighbour',
      address: '203.0.113.2',
    });
    // r2 sends a's traffic to 203.0.113.1, which is r1 (the first holder).
    expect(pathOf(sim, 'b', 'a')?.hops.map((h) => h.node)).toEqual([
      'host on b',
      'r2',
      'r1',
      'host on a',
    ]);
  });

  it('works the same for IPv6, and keeps IPv4 and IPv6 networks apart', () => {
    const sim = simulate(
      plan(`networks:
  a: '2001:db8:a::/64'
  b: '2001:db8:b::/64'
  core: '2001:db8:ff::/64'
  v4: 198.51.100.0/24
routers:
  ra: {interfaces: {a: '2001:db8:a::1', core: '2001:db8:ff::a', v4: 198.51.100.1}, routes: ['2001:db8:b::/64 via 2001:db8:ff::b']}
  rb: {interfaces: {b: '2001:db8:b::1', core: '2001:db8:ff::b'}, routes: ['default via 2001:db8:ff::a']}
`),
    );
    expect(reach(sim, 'a', 'b')).toBe('both');
    expect(reach(sim, 'a', 'v4')).toBeNull();
    expect(sim.hosts.find((h) => h.network === 'b')?.address).toBe(
      '2001:db8:b:0:ffff:ffff:ffff:ffff',
    );
    expect(pathOf(sim, 'b', 'a')?.hops.map((h) => h.route?.text ?? '-')).toEqual([
      'default via 2001:db8:b::1',
      'default via 2001:db8:ff::a',
      '2001:db8:a::/64 connected on a',
      '-',
    ]);
  });

  it('a network with several routers and no gateway named sends nothing off the network', () => {
    const sim = simulate(plan(COMPLETE));
    expect(pathOf(sim, 'private', 'vpc1-web')?.stop).toEqual({
      kind: 'no-gateway',
      network: 'private',
    });
    // ... and is left out of the default expectations (a transit network).
    expect(
      expectedPairs(plan(COMPLETE), sim).some((e) => e.from === 'private' || e.to === 'private'),
    ).toBe(false);
  });
});
