import { describe, expect, it } from 'vitest';
import { buildHostState, type HostState } from '../../state/host-state.js';
import type { RouteRecord } from '../../parse/ip-route.js';
import { planGarp, requestProblem } from './where.js';
import { defaultGateways } from '../../net/default-gateways.js';
import { macWithVendor } from './findings.js';
import { hostBSnapshot } from '../../../test/fixtures/arping/fixtures.js';

// Host B of the capture lab: lan0 02:00:00:00:01:0b, 192.0.2.20/24 and 192.0.2.50/24,
// default via 192.0.2.1.
const hostB = buildHostState(hostBSnapshot());
const X = '192.0.2.50';

function withRoutes(routes: RouteRecord[]): HostState {
  return { ...hostB, routes };
}

const defaultRoute = hostB.routes.find((r) => r.dst === 'default' && r.table === 'main');

describe('planGarp on host B', () => {
  it('finds lan0, our MAC, and the default gateway', () => {
    const where = planGarp(hostB, { ip: X });
    expect(where.ok && where.plan).toEqual({
      ip: X,
      iface: 'lan0',
      mac: '02:00:00:00:01:0b',
      prefixlen: 24,
      gateway: '192.0.2.1',
      gatewayFrom: 'default-route',
      compareFrom: '192.0.2.20',
      count: 3,
      mode: 'request',
    });
  });

  it('compares from no other address when the moved one is the only one on the interface', () => {
    const alone: HostState = {
      ...hostB,
      interfaces: hostB.interfaces.map((i) => ({
        ...i,
        addresses: i.addresses.filter((a) => a.local !== '192.0.2.20'),
      })),
    };
    expect(planGarp(alone, { ip: X }).ok && planGarp(alone, { ip: X })).toMatchObject({
      plan: { compareFrom: null },
    });
  });

  it('takes an on-link --gateway over the default route', () => {
    const where = planGarp(hostB, { ip: X, gateway: '192.0.2.9' });
    expect(where.ok && where.plan.gatewayFrom).toBe('option');
    expect(where.ok && where.plan.gateway).toBe('192.0.2.9');
  });

  it('refuses a --gateway that is not on-link, before anything is sent', () => {
    const where = planGarp(hostB, { ip: X, gateway: '203.0.113.1' });
    expect(where.ok).toBe(false);
    expect(!where.ok && where.outcome).toBe('bad-request');
    expect(!where.ok && where.message).toBe(
      "gateway 203.0.113.1 is not on-link on lan0: it would never hear the announcement; name the router on lan0's segment",
    );
  });

  it.each([
    ['192.0.2.0', 'the network address of 192.0.2.0/24'],
    ['192.0.2.255', 'the broadcast address of 192.0.2.0/24'],
  ])('refuses %s (%s) instead of advising ip addr add', (ip, what) => {
    const where = planGarp(hostB, { ip });
    expect(!where.ok && where.outcome).toBe('bad-request');
    expect(!where.ok && where.message).toBe(`${ip} is ${what}, not one host's address`);
    expect(!where.ok && where.fix).toEqual([]);
  });

  it.each([
    ['192.0.2.0', 'the network address of 192.0.2.0/24'],
    ['192.0.2.255', 'the broadcast address of 192.0.2.0/24'],
  ])('refuses --gateway %s (%s), before anything is sent', (gateway, what) => {
    const where = planGarp(hostB, { ip: X, gateway });
    expect(!where.ok && where.outcome).toBe('bad-request');
    expect(!where.ok && where.message).toBe(
      `gateway ${gateway} is ${what}, not a router's address`,
    );
  });

  it('refuses a --gateway at the edge of a prefix that is only a connected route', () => {
    const onlyRoute = withRoutes([
      ...hostB.routes,
      {
        family: 'inet',
        type: 'unicast',
        table: 'main',
        dst: '198.51.100.0/25',
        gateway: null,
        dev: 'lan0',
        protocol: 'kernel',
        scope: 'link',
        prefsrc: null,
        metric: null,
        flags: [],
        nexthops: [],
      },
    ]);
    const where = planGarp(onlyRoute, { ip: X, gateway: '198.51.100.127' });
    expect(!where.ok && where.message).toBe(
      "gateway 198.51.100.127 is the broadcast address of 198.51.100.0/25, not a router's address",
    );
  });

  it('without a default route: no gateway, a classic gratuitous ARP', () => {
    const where = planGarp(withRoutes(hostB.routes.filter((r) => r !== defaultRoute)), { ip: X });
    expect(where.ok && where.plan.gateway).toBeNull();
    expect(where.report.explain.join(' ')).toMatch(/classic gratuitous ARP/);
  });

  it('an address in a connected prefix but not here: the ip addr add for that interface', () => {
    const where = planGarp(hostB, { ip: '192.0.2.77' });
    expect(where.ok).toBe(false);
    if (!where.ok) {
      expect(where.outcome).toBe('not-local');
      expect(where.fix).toEqual(['ip addr add 192.0.2.77/24 dev lan0']);
    }
  });

  it('an address in no connected prefix: a placeholder for the interface', () => {
    const where = planGarp(hostB, { ip: '203.0.113.9' });
    expect(!where.ok && where.fix).toEqual(['ip addr add 203.0.113.9/24 dev <interface>']);
  });

  it('refuses an interface without MACs (loopback)', () => {
    const where = planGarp(hostB, { ip: '127.0.0.1' });
    expect(!where.ok && where.message).toBe(
      'lo is not an Ethernet interface (loopback): it has no ARP to repair',
    );
  });

  it('refuses a down interface, with the command to bring it up', () => {
    const down: HostState = {
      ...hostB,
      interfaces: hostB.interfaces.map((i) => (i.name === 'lan0' ? { ...i, adminUp: false } : i)),
    };
    const where = planGarp(down, { ip: X });
    expect(!where.ok && where.message).toBe('lan0 is down: nothing can be sent on it');
    expect(!where.ok && where.fix).toEqual(['ip link set lan0 up']);
  });

  it('an address on another interface than the one asked for', () => {
    const where = planGarp(hostB, { ip: X, iface: 'lo' });
    expect(!where.ok && where.message).toBe('192.0.2.50 is on lan0, not on lo');
  });
});

describe('defaultGateways', () => {
  it('picks the lowest metric on the interface, ECMP next hops included', () => {
    if (!defaultRoute) throw new Error('host B has a default route');
    const routes: RouteRecord[] = [
      { ...defaultRoute, gateway: '192.0.2.9', metric: 200 },
      {
        ...defaultRoute,
        gateway: null,
        dev: null,
        metric: 100,
        nexthops: [
          { gateway: '198.51.100.1', dev: 'lan1', weight: 1 },
          { gateway: '192.0.2.254', dev: 'lan0', weight: 1 },
        ],
      },
    ];
    expect(defaultGateways({ routes }, 'inet', 'lan0')).toEqual(['192.0.2.254', '192.0.2.9']);
    expect(defaultGateways({ routes }, 'inet')).toEqual([
      '198.51.100.1',
      '192.0.2.254',
      '192.0.2.9',
    ]);
    expect(defaultGateways({ routes }, 'inet', 'lan9')).toEqual([]);
    expect(
      defaultGateways({ routes: [{ ...defaultRoute, table: '100' }] }, 'inet', 'lan0'),
    ).toEqual([]);
  });
});

describe('requestProblem', () => {
  it('accepts a plain request', () => {
    expect(requestProblem({ ip: X, iface: 'eth0.100', gateway: '192.0.2.1', count: 5 })).toBeNull();
  });
  it.each([
    [{ ip: '10.0.0.01' }, /not an IPv4 address/],
    [{ ip: X, gateway: 'gw' }, /gateway 'gw' is not an IPv4 address/],
    [{ ip: X, iface: 'a-very-long-interface-name' }, /not an interface name/],
    [{ ip: X, count: 101 }, /count must be a whole number from 1 to 100/],
    [{ ip: X, count: 1.5 }, /count must be/],
  ])('%j', (req, message) => {
    expect(requestProblem(req)).toMatch(message);
  });
});

describe('macWithVendor', () => {
  it('names the registered vendor, or why there is none', () => {
    expect(macWithVendor('b8:27:eb:12:34:56')).toBe('b8:27:eb:12:34:56 (Raspberry Pi Foundation)');
    expect(macWithVendor('02:00:00:00:01:0a')).toBe(
      '02:00:00:00:01:0a (locally administered, no vendor)',
    );
  });
});

describe('requestProblem: addresses that are never one host', () => {
  it.each([
    ['0.0.0.0', /the unspecified address/],
    ['255.255.255.255', /the limited broadcast address/],
    ['224.0.0.251', /a multicast address/],
    ['239.1.2.3', /a multicast address/],
    ['240.0.0.1', /a reserved address/],
    ['127.0.0.1', /a loopback address/],
  ])('%s', (ip, what) => {
    expect(requestProblem({ ip })).toMatch(what);
    expect(requestProblem({ ip: '192.0.2.50', gateway: ip })).toMatch(what);
  });
});
