import { describe, expect, it } from 'vitest';
import { ok, SNMP } from '../../test/fixtures/plan/fake-command.js';
import { readFileSync } from 'node:fs';
import { parsePlan } from './parse.js';
import { simulate } from './simulate.js';
import { proveLayout, runProve, ProveCancelled, type ProveDeps } from './prove.js';

const plan = parsePlan(
  readFileSync(new URL('../../examples/plans/three-vpcs-broken.yaml', import.meta.url), 'utf8'),
  'seed.yaml',
);
const sim = simulate(plan);
/** A fake of the namespace calls: records them, and throws on anything it does not know. */
function fakeDeps(onPing?: () => void) {
  const log: string[] = [];
  const alive = new Set<string>();
  const deps: ProveDeps = {
    addNamespace: async (ns) => {
      log.push(`add ${ns}`);
      alive.add(ns);
    },
    deleteNamespace: async (ns) => {
      log.push(`del ${ns}`);
      return alive.delete(ns);
    },
    ipBatch: async (ns, lines) => {
      log.push(`batch ${ns ?? 'root'} ${lines.length}`);
    },
    ipIn: async (ns, args) => {
      if (args[0] !== 'route' || args[1] !== 'add') throw new Error(`fake ip: ${args.join(' ')}`);
      return ok(['ip', '-n', ns, ...args]);
    },
    execIn: async (ns, argv) => {
      if (argv[0] === 'sysctl') return ok(argv);
      if (argv[0] === 'cat' && argv[1] === '/proc/net/snmp') return ok(argv, SNMP);
      if (argv[0] === 'ping') {
        onPing?.();
        return ok(argv, '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n');
      }
      throw new Error(`fake exec in ${ns}: ${argv.join(' ')}`);
    },
  };
  return { deps, log, alive };
}

describe('proveLayout', () => {
  const layout = proveLayout(plan, sim, 'ndpX');

  it('builds a namespace per router, per test host and per switch, all under the prefix', () => {
    expect(layout.namespaces).toHaveLength(3 + 4 + 4);
    expect(layout.namespaces.every((n) => n.startsWith('ndpX-'))).toBe(true);
  });

  it('creates every veth with both ends inside lab namespaces', () => {
    for (const w of layout.wiring) {
      expect(w).toMatch(/^link add \S+ netns ndpX-\S+ type veth peer name \S+ netns ndpX-\S+$/);
    }
  });

  it("adds the plan's routes with ip, as written", () => {
    expect(layout.routes.map((r) => `${r.router}: ip ${r.args.join(' ')}`)).toEqual([
      'vpc1: ip route add 10.2.0.0/16 via 172.16.0.12',
      'vpc1: ip route add 10.3.0.0/16 via 172.16.0.13',
      'vpc2: ip route add 10.1.0.0/16 via 172.16.0.11',
      'vpc2: ip route add 10.3.0.0/16 via 172.16.0.13',
      'vpc3: ip route add 10.1.0.0/16 via 172.16.0.11',
    ]);
  });

  it('pings every ordered pair once, each receiver hearing one sender per round', () => {
    const pairs = layout.rounds.flat().map((p) => `${p.from.network}>${p.to.network}`);
    expect(new Set(pairs).size).toBe(12);
    for (const round of layout.rounds) {
      const receivers = round.map((p) => p.to.network);
      expect(new Set(receivers).size).toBe(receivers.length);
    }
  });
});

describe('runProve', () => {
  it('reports every pair and route, and deletes every namespace it made', async () => {
    const { deps, alive } = fakeDeps();
    const layout = proveLayout(plan, sim, 'ndpY');
    const results = await runProve(plan, layout, deps);
    expect(results.pairs).toHaveLength(12);
    expect(results.routes.every((r) => r.added)).toBe(true);
    expect(alive.size).toBe(0);
  });

  it('deletes them on cancel too', async () => {
    const controller = new AbortController();
    const { deps, alive } = fakeDeps(() => controller.abort());
    const layout = proveLayout(plan, sim, 'ndpZ');
    await expect(runProve(plan, layout, deps, controller.signal)).rejects.toBeInstanceOf(
      ProveCancelled,
    );
    expect(alive.size).toBe(0);
  });

  it('deletes the namespace whose `ip netns add` the abort cut short (it may exist)', async () => {
    const controller = new AbortController();
    const { deps, alive, log } = fakeDeps();
    let adds = 0;
    const cut: ProveDeps = {
      ...deps,
      // The third add is under way when the signal comes: the kernel made it, ip was killed.
      addNamespace: async (ns, signal) => {
        await deps.addNamespace(ns, signal);
        if (++adds === 3) {
          controller.abort();
          throw new Error('ip netns add: killed');
        }
      },
    };
    const layout = proveLayout(plan, sim, 'ndpV');
    await expect(runProve(plan, layout, cut, controller.signal)).rejects.toThrow('killed');
    expect(alive.size).toBe(0);
    expect(log.filter((l) => l.startsWith('del '))).toHaveLength(3);
  });

  it('deletes them when a step fails', async () => {
    const { deps, alive } = fakeDeps();
    const failing: ProveDeps = {
      ...deps,
      ipBatch: async () => {
        throw new Error('ip failed');
      },
    };
    await expect(runProve(plan, proveLayout(plan, sim, 'ndpW'), failing)).rejects.toThrow(
      'ip failed',
    );
    expect(alive.size).toBe(0);
  });
});
