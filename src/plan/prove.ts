/**
 * `plan --prove`: the plan built as network namespaces and tested by the kernel itself.
 * One namespace per router, one test host per network, one switch (a bridge) per network;
 * every veth is created with both ends inside lab namespaces, so nothing touches the real
 * interfaces. Routes are added one by one (a refused route is an answer), then every pair is
 * pinged once (-c 1 -W 1) and the receiving host's echo counter says whether the request
 * arrived. Everything is deleted at the end, also when cancelled or on error.
 */
import { setMaxListeners } from 'node:events';
import type { ProveResults, ProvedPair, ProvedRoute } from './prove-types.js';
import type { Simulation, TestHost } from './simulate.js';
import { icmp6InEchos, icmpInEchos } from './snmp.js';
import type { Plan, PlanRoute } from './types.js';

/** What a command printed and how it ended: all a proof reads of one (system/run.ts gives more). */
export interface RunRecord {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The OS work, injected so tests can fake it (src/system/netns.ts in the command). */
export interface ProveDeps {
  readonly addNamespace: (name: string, signal?: AbortSignal) => Promise<void>;
  readonly deleteNamespace: (name: string) => Promise<boolean>;
  readonly ipBatch: (
    ns: string | null,
    lines: readonly string[],
    signal?: AbortSignal,
  ) => Promise<void>;
  readonly ipIn: (ns: string, args: readonly string[], signal?: AbortSignal) => Promise<RunRecord>;
  readonly execIn: (
    ns: string,
    argv: readonly string[],
    options?: { signal?: AbortSignal; timeoutMs?: number },
  ) => Promise<RunRecord>;
}

export interface ProveLayout {
  readonly namespaces: readonly string[];
  readonly switches: readonly string[];
  /** Root-namespace `ip -batch` lines: veth pairs created straight into namespaces. */
  readonly wiring: readonly string[];
  readonly perNamespace: readonly {
    readonly ns: string;
    readonly sysctls: readonly string[];
    readonly batch: readonly string[];
  }[];
  readonly routes: readonly {
    readonly ns: string;
    readonly router: string;
    readonly route: PlanRoute;
    readonly args: readonly string[];
  }[];
  /**
   * Neighbours on each network greet each other once before the test (one ping each way),
   * so that the test's pings do not wait on a network's first neighbour discovery, which
   * takes about a second right after IPv6 comes up.
   */
  readonly warmup: readonly {
    readonly ns: string;
    readonly address: string;
    readonly family: string;
  }[];
  /** Rounds of pings: within a round each receiving host hears from one sender only. */
  readonly rounds: readonly (readonly {
    readonly from: TestHost;
    readonly to: TestHost;
    readonly fromNs: string;
    readonly toNs: string;
  }[])[];
}

/**
 * No duplicate address detection: a fresh interface's link-local address stays tentative
 * for a second or two, and neighbour discovery (router and host alike) waits on it.
 */
const NO_DAD = ['net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0'];

const ROUTER_SYSCTLS = [
  ...NO_DAD,
  'net.ipv4.ip_forward=1',
  'net.ipv6.conf.all.forwarding=1',
  // The plan has no reverse-path filter and no redirects: keep the kernel to the plan.
  'net.ipv4.conf.all.rp_filter=0',
  'net.ipv4.conf.default.rp_filter=0',
  'net.ipv4.conf.all.send_redirects=0',
  'net.ipv4.conf.default.send_redirects=0',
];
const HOST_SYSCTLS = [
  ...NO_DAD,
  'net.ipv4.conf.all.accept_redirects=0',
  'net.ipv4.conf.default.accept_redirects=0',
  'net.ipv6.conf.all.accept_redirects=0',
  'net.ipv6.conf.default.accept_redirects=0',
];

export function proveLayout(plan: Plan, sim: Simulation, prefix: string): ProveLayout {
  const netIndex = new Map(plan.networks.map((n, i) => [n.name, i]));
  const dev = (network: string): string => `n${netIndex.get(network) ?? 0}`;
  const switchNs = plan.networks.map((_, i) => `${prefix}-s${i}`);
  // A network whose addresses the routers hold all (a /31 between two) has no test host.
  const hostOf = plan.networks.map((n) => sim.hosts.find((h) => h.network === n.name) ?? null);
  const hostNs = plan.networks.map((_, i) => (hostOf[i] ? `${prefix}-h${i}` : ''));
  const routerNs = plan.routers.map((_, i) => `${prefix}-r${i}`);
  const wiring: string[] = [];
  const perNamespace: { ns: string; sysctls: string[]; batch: string[] }[] = [];

  plan.networks.forEach((net, j) => {
    const sw = switchNs[j] ?? '';
    const host = hostNs[j] ?? '';
    const h = hostOf[j] ?? null;
    const nodad = net.cidr.family === 'inet6' ? ' nodad' : '';
    if (h) wiring.push(`link add eth0 netns ${host} type veth peer name ph0 netns ${sw}`);
    const ports = [
      // Names with a digit: `ip` reads a bare `h` as `help`.
      ...(h ? ['ph0'] : []),
      ...plan.routers.flatMap((r, i) =>
        r.interfaces.some((f) => f.network === net.name) ? [`pr${i}`] : [],
      ),
    ];
    perNamespace.push({
      ns: sw,
      // The switch is a wire: no addresses of its own to announce.
      sysctls: ['net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1'],
      batch: [
        'link set lo up',
        'link add br0 type bridge',
        // No STP and no forwarding delay: the switch is a wire from the first packet. No
        // multicast snooping either: hosts join their solicited-node groups before their port
        // is on the bridge, and a snooping bridge would then keep IPv6 neighbour discovery
        // from them.
        'link set br0 type bridge forward_delay 0 stp_state 0 mcast_snooping 0',
        'link set br0 up',
        ...ports.map((p) => `link set ${p} master br0 up`),
      ],
    });
    if (!h) return;
    perNamespace.push({
      ns: host,
      sysctls: HOST_SYSCTLS,
      batch: [
        'link set lo up',
        `addr add ${h.address}/${net.cidr.length} dev eth0${nodad}`,
        'link set eth0 up',
        ...(h.gateway
          ? [
              `route add ${net.cidr.family === 'inet' ? '0.0.0.0/0' : '::/0'} via ${h.gateway.address}`,
            ]
          : []),
      ],
    });
  });

  const routes: ProveLayout['routes'][number][] = [];
  plan.routers.forEach((router, i) => {
    const ns = routerNs[i] ?? '';
    const batch = ['link set lo up'];
    for (const f of router.interfaces) {
      const j = netIndex.get(f.network) ?? 0;
      const net = plan.networks[j];
      wiring.push(
        `link add ${dev(f.network)} netns ${ns} type veth peer name pr${i} netns ${switchNs[j] ?? ''}`,
      );
      batch.push(
        `addr add ${f.address}/${net?.cidr.length ?? 32} dev ${dev(f.network)}${net?.cidr.family === 'inet6' ? ' nodad' : ''}`,
      );
      batch.push(`link set ${dev(f.network)} up`);
    }
    perNamespace.push({ ns, sysctls: ROUTER_SYSCTLS, batch });
    for (const route of router.routes) {
      const p = route.prefix.text;
      const args =
        route.kind === 'via'
          ? ['route', 'add', p, 'via', route.via ?? '']
          : route.kind === 'dev'
            ? ['route', 'add', p, 'dev', dev(route.dev ?? '')]
            : ['route', 'add', route.kind, p];
      routes.push({ ns, router: router.name, route, args });
    }
  });

  // Round k: the host of network i sends to the host k places further on (same family):
  // every receiver hears one sender per round, so its counter speaks for that pair alone.
  const rounds: ProveLayout['rounds'][number][] = [];
  for (const family of ['inet', 'inet6'] as const) {
    const idx = plan.networks.flatMap((n, i) => (n.cidr.family === family && hostOf[i] ? [i] : []));
    for (let k = 1; k < idx.length; k++) {
      const round: ProveLayout['rounds'][number][number][] = [];
      idx.forEach((i, pos) => {
        const j = idx[(pos + k) % idx.length] ?? i;
        const from = hostOf[i];
        const to = hostOf[j];
        if (from && to) round.push({ from, to, fromNs: hostNs[i] ?? '', toNs: hostNs[j] ?? '' });
      });
      rounds[rounds.length] = round;
    }
  }
  const warmup: ProveLayout['warmup'][number][] = [];
  plan.networks.forEach((net, j) => {
    const h = hostOf[j];
    const members = [
      ...(h ? [{ ns: hostNs[j] ?? '', address: h.address }] : []),
      ...plan.routers.flatMap((r, i) =>
        r.interfaces
          .filter((f) => f.network === net.name)
          .map((f) => ({ ns: routerNs[i] ?? '', address: f.address })),
      ),
    ];
    for (const a of members) {
      for (const b of members) {
        if (a !== b) warmup.push({ ns: a.ns, address: b.address, family: net.cidr.family });
      }
    }
  });
  return {
    namespaces: [...switchNs, ...hostNs.filter(Boolean), ...routerNs],
    warmup,
    switches: switchNs,
    wiring,
    perNamespace,
    routes,
    rounds,
  };
}

/** Seconds it will take, roughly: building, then one second per round of pings at most. */
export function proveEstimateSeconds(layout: ProveLayout): number {
  return Math.ceil(layout.namespaces.length * 0.08 + layout.rounds.length * 1.2 + 2);
}

async function echoCount(
  deps: ProveDeps,
  ns: string,
  family: string,
  signal?: AbortSignal,
): Promise<number | null> {
  const path = family === 'inet' ? '/proc/net/snmp' : '/proc/net/snmp6';
  const out = await deps.execIn(ns, ['cat', path], signal ? { signal } : {});
  return family === 'inet' ? icmpInEchos(out.stdout) : icmp6InEchos(out.stdout);
}

async function pingPair(
  deps: ProveDeps,
  p: ProveLayout['rounds'][number][number],
  family: string,
  signal?: AbortSignal,
): Promise<ProvedPair> {
  const before = await echoCount(deps, p.toNs, family, signal);
  const argv = [
    'ping',
    ...(family === 'inet6' ? ['-6'] : ['-4']),
    '-n',
    '-c',
    '1',
    '-W',
    '1',
    p.to.address,
  ];
  const out = await deps.execIn(p.fromNs, argv, { timeoutMs: 5000, ...(signal ? { signal } : {}) });
  const after = await echoCount(deps, p.toNs, family, signal);
  const summary =
    out.stdout.split('\n').find((l) => /packets transmitted/.test(l)) ??
    out.stderr.trim().split('\n')[0] ??
    '';
  return {
    from: p.from.network,
    to: p.to.network,
    delivered: before !== null && after !== null && after > before,
    replied: out.exitCode === 0,
    command: `ip netns exec <host on ${p.from.network}> ${argv.join(' ')}`,
    output: summary,
  };
}

/** Builds, pings and tears down. Teardown always runs; a cancel ends it early. */
export async function runProve(
  plan: Plan,
  layout: ProveLayout,
  deps: ProveDeps,
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<ProveResults> {
  const started = now();
  // Dozens of `ip` and ping children run at once, each listening on this signal until it
  // ends: not a leak, but Node warns on stderr past ten listeners.
  if (signal) setMaxListeners(0, signal);
  const created: string[] = [];
  const check = (): void => {
    if (signal?.aborted) throw new ProveCancelled();
  };
  try {
    for (const ns of layout.namespaces) {
      check();
      try {
        await deps.addNamespace(ns, signal);
        created.push(ns);
      } catch (err) {
        // `ip netns add` cut short by the abort may have made it already: delete it too.
        if (signal?.aborted) created.push(ns);
        throw err;
      }
    }
    // Sysctls first, so the interfaces made next take the defaults they set.
    await Promise.all(
      layout.perNamespace
        .filter((n) => n.sysctls.length > 0)
        .map((n) =>
          deps.execIn(n.ns, ['sysctl', '-q', '-w', ...n.sysctls], signal ? { signal } : {}),
        ),
    );
    check();
    await deps.ipBatch(null, layout.wiring, signal);
    await Promise.all(
      layout.perNamespace
        .filter((n) => layout.switches.includes(n.ns))
        .map((n) => deps.ipBatch(n.ns, n.batch, signal)),
    );
    await Promise.all(
      layout.perNamespace
        .filter((n) => !layout.switches.includes(n.ns))
        .map((n) => deps.ipBatch(n.ns, n.batch, signal)),
    );
    check();
    const routes: ProvedRoute[] = [];
    for (const r of layout.routes) {
      const out = await deps.ipIn(r.ns, r.args, signal);
      routes.push({
        router: r.router,
        route: r.route.text,
        added: out.exitCode === 0,
        error:
          out.exitCode === 0 ? '' : (out.stderr.trim().split('\n')[0] ?? `exit ${out.exitCode}`),
      });
    }
    await Promise.all(
      layout.warmup.map((w) =>
        deps.execIn(
          w.ns,
          ['ping', w.family === 'inet6' ? '-6' : '-4', '-n', '-q', '-c', '1', '-W', '2', w.address],
          {
            timeoutMs: 5000,
            ...(signal ? { signal } : {}),
          },
        ),
      ),
    );
    check();
    const family = (network: string): string =>
      plan.networks.find((n) => n.name === network)?.cidr.family ?? 'inet';
    const pairs: ProvedPair[] = [];
    for (const round of layout.rounds) {
      check();
      pairs.push(
        ...(await Promise.all(round.map((p) => pingPair(deps, p, family(p.from.network), signal)))),
      );
    }
    check();
    return { pairs, routes, durationMs: now() - started };
  } finally {
    await Promise.all(created.map((ns) => deps.deleteNamespace(ns)));
  }
}

export class ProveCancelled extends Error {
  constructor() {
    super('--prove was interrupted; its namespaces are deleted');
    this.name = 'ProveCancelled';
  }
}
