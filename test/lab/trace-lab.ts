/**
 * A chain for traces: client C -- router R1 -- router R2 -- server S, IPv4 and IPv6, with
 * forwarding on both routers (the same plan as test/fixtures/trace/capture.sh). R2 holds the
 * routes that end paths early: a blackhole (the path dies after R1, silently), an unreachable
 * route (R2 answers host unreachable). ICMP rate limits are left at the kernel's defaults.
 */
import type { Lab } from './lab.js';

export const TRACE_LAB = {
  server: '198.18.0.2',
  server6: '2001:db8:c::2',
  /** The hops to the server, in order, as traceroute must list them. */
  hops: ['198.51.100.1', '203.0.113.2', '198.18.0.2'],
  hops6: ['2001:db8:a::1', '2001:db8:b::2', '2001:db8:c::2'],
  /** Dropped by R2's blackhole route: the last hop that answers is R1. */
  blackholed: '198.18.9.9',
  /** Refused by R2's unreachable route. */
  unreachable: '198.18.7.7',
  r1: '198.51.100.1',
  r2: '203.0.113.2',
  /** More addresses of C, to send from: routers ration ICMP errors per source. */
  c2: '198.51.100.12',
  c3: '198.51.100.13',
} as const;

export interface TraceLabHosts {
  readonly c: string;
  readonly r1: string;
  readonly r2: string;
  readonly s: string;
}

export function buildTraceLab(lab: Lab): TraceLabHosts {
  const hosts = {
    c: lab.addHost('c'),
    r1: lab.addHost('r1'),
    r2: lab.addHost('r2'),
    s: lab.addHost('s'),
  };
  const { c, r1, r2, s } = hosts;
  // No duplicate address detection: IPv6 addresses work at once.
  for (const ns of Object.values(hosts)) lab.sysctl(ns, 'net.ipv6.conf.default.accept_dad', 0);
  lab.wire(c, 'eth0', r1, 'c0');
  lab.wire(r1, 'r2', r2, 'r1');
  lab.wire(r2, 's0', s, 'eth0');
  const addrs: [string, string, string][] = [
    [c, 'eth0', '198.51.100.2/24'],
    [c, 'eth0', '198.51.100.12/24'],
    [c, 'eth0', '198.51.100.13/24'],
    [r1, 'c0', '198.51.100.1/24'],
    [r1, 'r2', '203.0.113.1/30'],
    [r2, 'r1', '203.0.113.2/30'],
    [r2, 's0', '198.18.0.1/24'],
    [s, 'eth0', '198.18.0.2/24'],
    [c, 'eth0', '2001:db8:a::2/64'],
    [r1, 'c0', '2001:db8:a::1/64'],
    [r1, 'r2', '2001:db8:b::1/64'],
    [r2, 'r1', '2001:db8:b::2/64'],
    [r2, 's0', '2001:db8:c::1/64'],
    [s, 'eth0', '2001:db8:c::2/64'],
  ];
  for (const [ns, dev, a] of addrs)
    lab.ip(ns, 'addr', 'add', a, 'dev', dev, ...(a.includes(':') ? ['nodad'] : []));
  lab.ip(c, 'route', 'add', '198.18.0.0/15', 'via', '198.51.100.1');
  lab.ip(c, '-6', 'route', 'add', '2001:db8::/32', 'via', '2001:db8:a::1');
  lab.ip(r1, 'route', 'add', '198.18.0.0/15', 'via', '203.0.113.2');
  lab.ip(r1, '-6', 'route', 'add', '2001:db8:c::/64', 'via', '2001:db8:b::2');
  lab.ip(r2, 'route', 'add', '198.51.100.0/24', 'via', '203.0.113.1');
  lab.ip(r2, '-6', 'route', 'add', '2001:db8:a::/64', 'via', '2001:db8:b::1');
  lab.ip(r2, 'route', 'add', 'blackhole', '198.18.9.0/24');
  lab.ip(r2, 'route', 'add', 'unreachable', '198.18.7.0/24');
  lab.ip(s, 'route', 'add', 'default', 'via', '198.18.0.1');
  lab.ip(s, '-6', 'route', 'add', 'default', 'via', '2001:db8:c::1');
  for (const ns of [r1, r2]) {
    lab.sysctl(ns, 'net.ipv4.ip_forward', 1);
    lab.sysctl(ns, 'net.ipv6.conf.all.forwarding', 1);
  }
  return hosts;
}

/** The first address of each hop line of `traceroute -n` output ('*' for a silent hop). */
export function tracerouteHops(stdout: string): string[] {
  return stdout
    .split('\n')
    .slice(1)
    .filter((l) => /^\s*\d+\s/.test(l))
    .map(
      (l) =>
        l
          .trim()
          .split(/\s+/)
          .slice(1)
          .find((w) => w !== '*' && /[.:]/.test(w) && !/ms$/.test(w)) ?? '*',
    );
}
