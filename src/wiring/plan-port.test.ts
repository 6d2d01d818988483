import { readFileSync } from 'node:fs';
import { ok, SNMP } from '../../test/fixtures/plan/fake-command.js';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../plan/parse.js';
import type { ProveDeps } from '../plan/prove.js';
import { PROVE_NEEDS_ROOT, type ProveProgress } from '../ui/ports.js';
import { makePlanPort } from './plan-port.js';

const plan = parsePlan(
  readFileSync(new URL('../../examples/plans/three-vpcs.yaml', import.meta.url), 'utf8'),
  'three-vpcs.yaml',
);
/** Namespaces as a set; throws on any call it does not know. `onPing` may stop the run. */
function fakeDeps(onPing: () => void = () => {}) {
  const alive = new Set<string>();
  const deps: ProveDeps = {
    addNamespace: async (ns) => void alive.add(ns),
    deleteNamespace: async (ns) => alive.delete(ns),
    ipBatch: async () => {},
    ipIn: async (ns, args) => {
      if (args[0] !== 'route' || args[1] !== 'add') throw new Error(`fake ip: ${args.join(' ')}`);
      return ok(['ip', '-n', ns, ...args]);
    },
    execIn: async (ns, argv) => {
      if (argv[0] === 'sysctl') return ok(argv);
      if (argv[0] === 'cat' && argv[1] === '/proc/net/snmp') return ok(argv, SNMP);
      if (argv[0] === 'ping') {
        if (!argv.includes('-q')) onPing();
        return ok(argv, '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n');
      }
      throw new Error(`fake exec in ${ns}: ${argv.join(' ')}`);
    },
  };
  return { deps, alive };
}

const env = (deps: ProveDeps, root = true) => ({
  readFile: async () => {
    throw new Error('no file here');
  },
  canProve: async () => root,
  prefix: () => 'ndptest',
  deps,
});

describe('the Plan panel port', () => {
  it('reports each stage as it finishes, and tears every namespace down', async () => {
    const { deps, alive } = fakeDeps();
    const seen: ProveProgress[] = [];
    const results = await makePlanPort(env(deps)).prove(plan, new AbortController().signal, (p) =>
      seen.push(p),
    );
    expect(results.pairs).toHaveLength(12);
    const last = (stage: string) => seen.filter((p) => p.stage === stage).at(-1);
    // 4 switches + 4 hosts + 3 routers; 6 routes; 12 ordered pairs.
    expect(last('building')).toEqual({ stage: 'building', done: 11, total: 11 });
    expect(last('routes')).toEqual({ stage: 'routes', done: 6, total: 6 });
    expect(last('pinging')).toEqual({ stage: 'pinging', done: 12, total: 12 });
    expect(last('tearing down')).toEqual({ stage: 'tearing down', done: 11, total: 11 });
    expect(alive.size).toBe(0);
  });

  it('on abort deletes what it built before it rejects', async () => {
    const controller = new AbortController();
    const { deps, alive } = fakeDeps(() => controller.abort());
    const run = makePlanPort(env(deps)).prove(plan, controller.signal, () => {});
    await expect(run).rejects.toThrow(/interrupted; its namespaces are deleted/);
    expect(alive.size).toBe(0);
  });

  it('refuses without the privilege, building nothing', async () => {
    const { deps, alive } = fakeDeps();
    const run = makePlanPort(env(deps, false)).prove(plan, new AbortController().signal, () => {});
    await expect(run).rejects.toThrow(PROVE_NEEDS_ROOT);
    expect(alive.size).toBe(0);
  });
});
