/**
 * The router of the agreement test: one namespace with four links (one whose far end is
 * down), policy rules of every kind the resolver reads, extra tables, throw, several
 * defaults with metrics, and blackhole/unreachable/prohibit routes, some shadowed by a rule.
 * Also the pools its random questions are drawn from.
 */
import type { Lab } from './lab.js';
import type { RouteDecision, RouteQuery } from '../../src/net/route-decision.js';
import { parseIpRouteGet, routeGetArgv, type KernelAnswer } from '../../src/parse/ip-route-get.js';
import { ROUTE_ERRORS } from '../../src/net/resolve-route.js';

export interface AgreementLab {
  readonly router: string;
  /** Destinations to ask about: inside every prefix the tables and rules name, and outside. */
  readonly destinations4: readonly string[];
  readonly destinations6: readonly string[];
  /** The router's own addresses (a local `from`). */
  readonly local4: readonly string[];
  readonly local6: readonly string[];
  /** Sources of forwarded packets (`from` with `iif`). */
  readonly foreign4: readonly string[];
  readonly foreign6: readonly string[];
  readonly marks: readonly number[];
  readonly iifs: readonly string[];
}

export function buildAgreementLab(lab: Lab): AgreementLab {
  const r = lab.addHost('r');
  const far = lab.addHost('far');
  for (const n of [0, 1, 2, 3, 4]) lab.wire(r, `lan${n}`, far, `far${n}`);
  // lan3's far end goes down: its routes stay, flagged linkdown, and the kernel still uses them.
  lab.ip(far, 'link', 'set', 'far3', 'down');
  const ip = (...args: string[]) => lab.ip(r, ...args);
  ip('addr', 'add', '198.51.100.1/24', 'dev', 'lan0');
  ip('addr', 'add', '198.51.100.2/24', 'dev', 'lan0'); // secondary
  ip('addr', 'add', '198.51.101.1/24', 'dev', 'lan0'); // a second primary
  ip('addr', 'add', '203.0.113.1/25', 'dev', 'lan1');
  ip('addr', 'add', '10.20.0.1/24', 'dev', 'lan2');
  ip('addr', 'add', '10.30.0.1/24', 'dev', 'lan3');
  ip('addr', 'add', '10.40.0.1/24', 'dev', 'lan4');
  ip('addr', 'add', '2001:db8:14::1/64', 'dev', 'lan4', 'nodad');
  ip('addr', 'add', '2001:db8:10::1/64', 'dev', 'lan0', 'nodad');
  ip('addr', 'add', '2001:db8:11::1/64', 'dev', 'lan1', 'nodad');
  ip('addr', 'add', '2001:db8:12::1/64', 'dev', 'lan2', 'nodad');

  // main: two defaults by metric, a multipath, reject routes, a route via a linkdown link.
  ip('route', 'add', 'default', 'via', '198.51.100.254', 'metric', '100');
  ip('route', 'add', 'default', 'via', '203.0.113.126', 'metric', '200');
  ip('route', 'add', '198.18.0.0/16', 'via', '203.0.113.100');
  ip('route', 'add', '198.18.128.0/17', 'via', '10.20.0.254', 'metric', '50');
  ip('route', 'add', '198.18.128.0/17', 'via', '10.30.0.254', 'metric', '20');
  ip(
    'route',
    'add',
    '198.19.0.0/16',
    'nexthop',
    'via',
    '198.51.100.253',
    'nexthop',
    'via',
    '10.20.0.253',
  );
  ip('route', 'add', 'blackhole', '192.168.66.0/24');
  ip('route', 'add', 'unreachable', '192.168.67.0/24');
  ip('route', 'add', 'prohibit', '192.168.68.0/24');
  ip('route', 'add', 'unreachable', '192.168.70.0/24'); // shadowed: rule 300 sends it to 300
  ip('route', 'add', '172.16.0.0/12', 'via', '10.20.0.254', 'src', '10.20.0.1');
  ip('route', 'add', '172.16.5.0/24', 'dev', 'lan1'); // on-link without prefsrc
  ip('route', 'add', '172.17.0.0/16', 'via', '198.51.101.254'); // gateway in the 2nd primary
  // table 100 for sources in 10.20.0.0/24; table 200 for marked; 300 for 192.168.70/23.
  ip('route', 'add', 'default', 'via', '10.20.0.254', 'table', '100');
  ip('route', 'add', 'throw', '198.18.0.0/15', 'table', '100');
  ip('route', 'add', 'default', 'via', '203.0.113.126', 'table', '200');
  ip('route', 'add', 'prohibit', '198.51.100.0/24', 'table', '200');
  ip('route', 'add', '192.168.70.0/24', 'via', '203.0.113.100', 'table', '300');
  ip('route', 'add', 'throw', '192.168.71.0/24', 'table', '300');
  ip('route', 'add', 'blackhole', 'default', 'table', '400');
  ip('route', 'add', '10.99.0.0/16', 'via', '10.20.0.254', 'table', '500');
  // Multipath with a hop out of lan4, then lan4 goes down: that hop is dead, the other
  // carries everything; lan4's own routes go away.
  ip(
    'route',
    'add',
    '198.18.64.0/18',
    'nexthop',
    'via',
    '10.40.0.254',
    'nexthop',
    'via',
    '203.0.113.120',
  );
  ip(
    '-6',
    'route',
    'add',
    '2001:db8:200::/48',
    'nexthop',
    'via',
    '2001:db8:14::fe',
    'nexthop',
    'via',
    '2001:db8:11::fe',
  );
  ip('link', 'set', 'lan4', 'down');
  // Rules.
  ip('rule', 'add', 'from', '10.20.0.0/24', 'table', '100', 'pref', '100');
  ip('rule', 'add', 'fwmark', '0x10/0xf0', 'table', '200', 'pref', '110');
  ip('rule', 'add', 'to', '192.168.70.0/23', 'table', '300', 'pref', '120');
  ip('rule', 'add', 'to', '192.168.80.0/24', 'unreachable', 'pref', '130');
  ip('rule', 'add', 'to', '192.168.81.0/24', 'prohibit', 'pref', '131');
  ip('rule', 'add', 'to', '192.168.82.0/24', 'blackhole', 'pref', '132');
  ip('rule', 'add', 'to', '192.168.83.0/24', 'goto', '150', 'pref', '140');
  ip('rule', 'add', 'to', '192.168.83.0/24', 'prohibit', 'pref', '145'); // skipped by goto
  ip('rule', 'add', 'fwmark', '0x5', 'table', 'main', 'suppress_prefixlength', '0', 'pref', '150');
  ip('rule', 'add', 'fwmark', '0x5', 'table', '400', 'pref', '151');
  ip('rule', 'add', 'iif', 'lan2', 'table', '500', 'pref', '160');
  ip('rule', 'add', 'iif', 'lan0', 'to', '10.98.0.0/16', 'prohibit', 'pref', '170');
  // `not` negates the whole selector: every packet without mark 0x2_ looks in table 300.
  ip('rule', 'add', 'not', 'fwmark', '0x20/0xf0', 'table', '300', 'pref', '175');
  ip('rule', 'add', 'tos', '0x10', 'table', '200', 'pref', '180');
  // IPv6: defaults by metric, reject routes, rules by mark and destination, throw.
  ip('-6', 'route', 'add', 'default', 'via', '2001:db8:10::fe', 'metric', '100');
  ip('-6', 'route', 'add', 'default', 'via', '2001:db8:11::fe', 'metric', '200');
  ip('-6', 'route', 'add', '2001:db8:100::/48', 'via', '2001:db8:12::fe');
  ip('-6', 'route', 'add', 'blackhole', '2001:db8:66::/48');
  ip('-6', 'route', 'add', 'unreachable', '2001:db8:67::/48');
  ip('-6', 'route', 'add', 'prohibit', '2001:db8:68::/48');
  ip('-6', 'route', 'add', 'default', 'via', '2001:db8:11::fd', 'table', '600');
  ip('-6', 'route', 'add', 'throw', '2001:db8:100::/40', 'table', '600');
  ip('-6', 'rule', 'add', 'fwmark', '0x10/0xf0', 'table', '600', 'pref', '110');
  ip('-6', 'rule', 'add', 'from', '2001:db8:12::/64', 'table', '600', 'pref', '120');
  ip('-6', 'rule', 'add', 'to', '2001:db8:80::/48', 'unreachable', 'pref', '130');
  ip('-6', 'rule', 'add', 'iif', 'lan1', 'to', '2001:db8:82::/48', 'prohibit', 'pref', '140');
  ip('-6', 'rule', 'add', 'to', '2001:db8:81::/48', 'prohibit', 'pref', '131');
  // Forwarding on, but off on lan1; no reverse-path filter (not modelled).
  lab.sysctl(r, 'net.ipv4.ip_forward', 1);
  lab.sysctl(r, 'net.ipv4.conf.lan1.forwarding', 0);
  lab.sysctl(r, 'net.ipv4.conf.all.rp_filter', 0);
  for (const n of [0, 1, 2, 3]) lab.sysctl(r, `net.ipv4.conf.lan${n}.rp_filter`, 0);

  const hosts4 = (prefix: string, last: readonly (number | string)[]) =>
    last.map((n) => `${prefix}.${n}`);
  return {
    router: r,
    destinations4: [
      ...hosts4('198.51.100', [1, 2, 7, 253, 254, 255]),
      ...hosts4('198.51.101', [1, 9, 254]),
      ...hosts4('203.0.113', [1, 5, 100, 126, 127, 130]),
      ...hosts4('10.20.0', [1, 9, 255]),
      ...hosts4('10.30.0', [1, 9]),
      ...hosts4('198.18', ['0.1', '64.1', '65.2', '77.1', '128.1', '200.9']),
      ...hosts4('198.19', ['0.1', '4.4']),
      ...hosts4('192.168', [
        '66.1',
        '67.1',
        '68.1',
        '70.1',
        '71.1',
        '80.1',
        '81.1',
        '82.1',
        '83.1',
        '84.1',
      ]),
      ...hosts4('172', ['16.0.1', '16.5.1', '17.1.1', '31.255.1']),
      ...hosts4('10', ['99.0.1', '98.0.1', '1.1.1']),
      '8.8.8.8',
      '1.1.1.1',
      '127.0.0.1',
      '127.1.2.3',
    ],
    destinations6: [
      '2001:db8:10::1',
      '2001:db8:10::9',
      '2001:db8:11::9',
      '2001:db8:12::9',
      '2001:db8:100::1',
      '2001:db8:101::1',
      '2001:db8:66::1',
      '2001:db8:67::1',
      '2001:db8:68::1',
      '2001:db8:80::1',
      '2001:db8:81::1',
      '2001:db8:82::1',
      '2001:db8:200::1',
      '2001:db8:200::2',
      '2001:4860::8888',
      '::1',
    ],
    local4: [
      '198.51.100.1',
      '198.51.100.2',
      '198.51.101.1',
      '203.0.113.1',
      '10.20.0.1',
      '10.30.0.1',
    ],
    local6: ['2001:db8:10::1', '2001:db8:11::1', '2001:db8:12::1'],
    foreign6: ['2001:db8:10::50', '2001:db8:77::1', '2001:db8:12::9'],
    foreign4: ['198.51.100.50', '203.0.113.50', '10.20.0.50', '10.30.0.50', '198.18.3.3'],
    marks: [0x5, 0x10, 0x15, 0x20, 0x1f],
    iifs: ['lan0', 'lan1', 'lan2', 'lan3'],
  };
}

/** A small seeded generator, so a failure can be asked again. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The five things that must agree, as the kernel says them. */
export type Answer =
  | { error: string }
  | {
      type: string;
      table: string;
      dev: string | null;
      gateway: string | null;
      prefsrc: string | null;
    };

/** `ip -j -d route get …` in the namespace, read. */
export function kernelRouteGet(lab: Lab, ns: string, q: RouteQuery): KernelAnswer {
  const r = lab.exec(ns, routeGetArgv(q));
  const { answer, warnings } = parseIpRouteGet(r.stdout, r.stderr, r.status ?? -1);
  if (!answer) throw new Error(`unreadable answer: ${JSON.stringify(warnings)}`);
  return answer;
}

export function kernelAnswer(lab: Lab, ns: string, q: RouteQuery): Answer {
  const answer = kernelRouteGet(lab, ns, q);
  if (answer.kind === 'error') return { error: answer.error };
  const k = answer.route;
  return {
    type: k.type,
    table: k.table,
    dev: k.dev,
    gateway: k.gateway,
    // With `from` the kernel prints the source it was given, not a prefsrc.
    prefsrc: k.prefsrc ?? k.from,
  };
}

export function resolverAnswer(d: RouteDecision, kernel: Answer): Answer {
  // Kernels before 6.13 answer rp_filter's refusal of a forwarded packet with EXDEV.
  const oldRefusal = 'error' in kernel && kernel.error === ROUTE_ERRORS.EXDEV;
  if (d.error && oldRefusal && d.sourceCheck?.passed === false) return kernel;
  if (d.error) return { error: d.error };
  // Multipath: the kernel hashes the flow onto one next hop; any of ours is right.
  const hop = ('gateway' in kernel &&
    d.nexthops?.find((h) => h.gateway === kernel.gateway && h.dev === kernel.dev)) || {
    gateway: d.gateway,
    dev: d.dev,
    prefsrc: d.prefsrc,
  };
  return {
    type: d.type,
    table: d.table ?? '',
    dev: hop.dev,
    gateway: hop.gateway,
    prefsrc: hop.prefsrc,
  };
}

/** One line per question where `ours` differs from the kernel. */
export function disagreements(
  qs: readonly RouteQuery[],
  kernel: readonly Answer[],
  ours: readonly RouteDecision[],
): string[] {
  return qs.flatMap((q, i) => {
    const k = kernel[i] as Answer;
    const o = resolverAnswer(ours[i] as RouteDecision, k);
    return JSON.stringify(o) === JSON.stringify(k)
      ? []
      : [
          `${routeGetArgv(q).slice(5).join(' ')}: kernel ${JSON.stringify(k)} ours ${JSON.stringify(o)}`,
        ];
  });
}

/**
 * Run inside the namespace: read the host live (netdoctor's own snapshot code, as `netdoctor`
 * does with no --snapshot), then answer every question on stdin. Runs the sources (NODE_TS).
 */
export function liveScript(): string {
  const src = new URL('../../src/', import.meta.url).href;
  return [
    "import { readFileSync } from 'node:fs';",
    `import { LOCAL_HOST } from '${src}wiring/host.ts';`,
    `import { buildHostState } from '${src}state/host-state.ts';`,
    `import { resolveRoute } from '${src}net/resolve-route.ts';`,
    "const qs = JSON.parse(readFileSync(0, 'utf8'));",
    'const host = buildHostState(await LOCAL_HOST.readSnapshot());',
    'process.stdout.write(JSON.stringify(qs.map((q) => resolveRoute(host, q))));',
  ].join('\n');
}
