import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkPlanSize, parsePlan, PlanInvalid, PLAN_LIMITS, PLAN_LIMITS_TEXT } from './parse.js';

const SEED = readFileSync(
  new URL('../../examples/plans/three-vpcs-broken.yaml', import.meta.url),
  'utf8',
);

function errorOf(text: string): string {
  try {
    parsePlan(text, 'p.yaml');
  } catch (err) {
    if (err instanceof PlanInvalid) return err.message;
    throw err;
  }
  return 'no error';
}

describe('parsePlan', () => {
  it("reads the seed's three VPCs: networks, gateway, interfaces, routes, expectations", () => {
    const plan = parsePlan(SEED, 'seed.yaml');
    expect(plan.networks.map((n) => `${n.name} ${n.cidr.text} ${n.gateway ?? '-'}`)).toEqual([
      'private 172.16.0.0/24 -',
      'vpc1-web 10.1.1.0/24 -',
      'vpc2-web 10.2.1.0/24 -',
      'vpc3-db 10.3.1.0/24 vpc3',
    ]);
    const vpc1 = plan.routers[0];
    expect(vpc1?.interfaces.map((f) => `${f.network}=${f.address}`)).toEqual([
      'private=172.16.0.11',
      'vpc1-web=10.1.1.1',
    ]);
    expect(vpc1?.routes.map((r) => [r.kind, r.prefix.text, r.via, r.pos.line])).toEqual([
      ['via', '10.2.0.0/16', '172.16.0.12', 13],
      ['via', '10.3.0.0/16', '172.16.0.13', 14],
    ]);
    expect(plan.expect.map((e) => [e.from, e.to, e.both])).toEqual([
      ['vpc1-web', 'vpc2-web', true],
      ['vpc3-db', 'vpc1-web', false],
      ['vpc2-web', 'vpc3-db', true],
    ]);
  });

  it('reads every route form, and IPv6', () => {
    const plan = parsePlan(
      [
        'networks:',
        "  a: '2001:db8:a::/64'",
        "  b: '2001:db8:b::/64'",
        'routers:',
        '  r:',
        "    interfaces: { a: '2001:db8:a::1', b: '2001:db8:b::1' }",
        '    routes:',
        '      - default via 2001:db8:a::2',
        '      - 2001:db8:c::/48 dev b',
        '      - blackhole 2001:db8:d::/48',
        '      - unreachable 2001:db8:e::/48',
      ].join('\n'),
      'v6.yaml',
    );
    expect(
      plan.routers[0]?.routes.map((r) => `${r.kind} ${r.prefix.text} ${r.via ?? r.dev ?? ''}`),
    ).toEqual([
      'via ::/0 2001:db8:a::2',
      'dev 2001:db8:c::/48 b',
      'blackhole 2001:db8:d::/48 ',
      'unreachable 2001:db8:e::/48 ',
    ]);
  });

  it.each([
    ['networks: [a', 'p.yaml:1:1: not valid YAML'],
    ['networks:\n  a: 10.0.0.0/8\nrouters: {}\nrouterz: {}\n', "p.yaml:4:1: unknown key 'routerz'"],
    ['networks:\n  a: 10.0.0.0/8\n', 'p.yaml:1:1: routers: expected routers: {NAME: {...}, ...}'],
    [
      'networks:\n  a: 10.0.0.5/8\nrouters: {}\n',
      'p.yaml:2:6: networks.a: expected a network prefix',
    ],
    ['networks:\n  a: 42\nrouters: {}\n', 'p.yaml:2:6: networks.a: expected a CIDR'],
    [
      'networks:\n  a: 10.0.0.0/8\nrouters:\n  r:\n    interfaces: {b: 10.0.0.1}\n',
      'p.yaml:5:18: routers.r.interfaces: expected a network of this plan (a)',
    ],
    [
      'networks:\n  a: 10.0.0.0/8\nrouters:\n  r:\n    interfaces: {a: 11.0.0.1}\n',
      'p.yaml:5:21: routers.r.interfaces.a: expected an address inside 10.0.0.0/8',
    ],
    [
      'networks:\n  a: 10.0.0.0/8\nrouters:\n  r:\n    interfaces: {a: 10.0.0.1}\n    routes:\n      - 10.2.0.0/16 by 10.0.0.2\n',
      "p.yaml:7:9: routers.r.routes[0]: expected 'PREFIX via ADDR'",
    ],
    [
      'networks:\n  a: 10.0.0.0/8\nrouters:\n  r:\n    interfaces: {a: 10.0.0.1}\n    routes: [10.2.0.0/16 dev z]\n',
      'p.yaml:6:14: routers.r.routes[0]: expected a network r has an interface on (a)',
    ],
    [
      'networks:\n  a: {cidr: 10.0.0.0/8, gateway: q}\nrouters: {}\n',
      'p.yaml:2:34: networks.a.gateway: expected a router of this plan, not "q"',
    ],
    [
      'networks:\n  a: 10.0.0.0/8\n  b: 10.9.0.0/16\nrouters: {}\nexpect:\n  - a => b\n',
      "p.yaml:6:5: expect[0]: expected 'NETWORK <-> NETWORK'",
    ],
    [
      "networks:\n  a: 10.0.0.0/8\n  b: '2001:db8::/64'\nrouters: {}\nexpect: [a -> b]\n",
      'p.yaml:5:10: expect[0]: expected two networks of one family',
    ],
  ])('says where and what was expected: %j', (text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  it('is one line per error', () => {
    expect(errorOf('networks: {a: "x\\ny"}\nrouters: {}\n').split('\n')).toHaveLength(1);
  });
});

describe('parsePlan refuses what it cannot work out, in one line', () => {
  it('refuses a YAML alias bomb (billion laughs) before it expands', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      const prev = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const message = errorOf(`${levels.join('\n')}\nnetworks: *g\nrouters: {}\n`);
    expect(message).toMatch(/^p\.yaml:1:1: not a usable plan: its YAML aliases expand too far/);
    expect(message).not.toContain('\n');
  });

  it('still reads a plan that uses a few aliases', () => {
    const text = `networks:\n  a: &net 10.1.0.0/24\nrouters:\n  r: {interfaces: {a: 10.1.0.1}}\n`;
    expect(parsePlan(text, 'p.yaml').networks).toHaveLength(1);
  });

  it(`refuses more than ${PLAN_LIMITS.networks} networks, naming the limit`, () => {
    const nets = Array.from(
      { length: PLAN_LIMITS.networks + 1 },
      (_, k) => `  n${k}: 10.${k >> 8}.${k & 255}.0/24`,
    );
    expect(errorOf(`networks:\n${nets.join('\n')}\nrouters: {}\n`)).toBe(
      `p.yaml:1:1: too big to work out: ${PLAN_LIMITS.networks + 1} networks (${PLAN_LIMITS_TEXT})`,
    );
  });

  it('refuses more interfaces and routes than the limit, and text over the size limit', () => {
    const routes = Array<string>(PLAN_LIMITS.entries).fill('10.9.0.0/16 via 10.1.0.2');
    const data = {
      networks: { a: '10.1.0.0/24' },
      routers: { r: { interfaces: { a: '10.1.0.1' }, routes } },
    };
    expect(() => checkPlanSize(data, 'p.yaml')).toThrow(
      /^p\.yaml:1:1: too big to work out: 100001 interfaces and routes \(a plan may hold/,
    );
    expect(errorOf(`# ${'x'.repeat(PLAN_LIMITS.bytes)}\n`)).toMatch(
      /^p\.yaml:1:1: too big to work out: 4\.0 MB of text/,
    );
  });
});
