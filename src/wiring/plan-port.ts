/**
 * The Plan panel's port: a plan file read the careful way, and --prove with its progress.
 * runProve has no progress events of its own, so the OS calls it makes are counted as they
 * finish (namespaces added, routes added, pings, namespaces deleted): the panel sees each
 * stage move without prove.ts knowing about a screen.
 */
import { setMaxListeners } from 'node:events';
import { proveLayout, runProve, type ProveDeps, type ProveLayout } from '../plan/prove.js';
import { simulate } from '../plan/simulate.js';
import { PROVE_NEEDS_ROOT, type PlanPort, type ProveProgress } from '../ui/ports.js';

export interface PlanPortEnv {
  readonly readFile: (path: string) => Promise<string>;
  readonly canProve: () => Promise<boolean>;
  /** A namespace name prefix no other run holds. */
  readonly prefix: () => string;
  readonly deps: ProveDeps;
}

/** `deps` that report each finished step of a run over `layout`. */
export function countingDeps(
  deps: ProveDeps,
  layout: ProveLayout,
  onProgress: (p: ProveProgress) => void,
): ProveDeps {
  const pairs = layout.rounds.reduce((n, r) => n + r.length, 0);
  let built = 0;
  let routes = 0;
  let pinged = 0;
  let deleted = 0;
  return {
    addNamespace: async (name, signal) => {
      await deps.addNamespace(name, signal);
      onProgress({ stage: 'building', done: ++built, total: layout.namespaces.length });
    },
    deleteNamespace: async (name) => {
      const ok = await deps.deleteNamespace(name);
      // Only the namespaces that were made are deleted: `built` is how many.
      onProgress({ stage: 'tearing down', done: ++deleted, total: built });
      return ok;
    },
    ipBatch: (ns, lines, signal) => deps.ipBatch(ns, lines, signal),
    ipIn: async (ns, args, signal) => {
      const out = await deps.ipIn(ns, args, signal);
      onProgress({ stage: 'routes', done: ++routes, total: layout.routes.length });
      return out;
    },
    execIn: async (ns, argv, options) => {
      const out = await deps.execIn(ns, argv, options);
      // The test pings; the warm-up greetings are quiet (-q) and not counted.
      if (argv[0] === 'ping' && !argv.includes('-q')) {
        onProgress({ stage: 'pinging', done: ++pinged, total: pairs });
      }
      return out;
    },
  };
}

export function makePlanPort(env: PlanPortEnv): PlanPort {
  return {
    readPlanFile: env.readFile,
    canProve: env.canProve,
    prove: async (plan, signal, onProgress) => {
      // Checked again here: the panel asked before, but nothing is built without it.
      if (!(await env.canProve())) throw new Error(PROVE_NEEDS_ROOT);
      const layout = proveLayout(plan, simulate(plan), env.prefix());
      // runProve hands this one signal to every child it runs at once (a network's warm-up
      // pings can be dozens): without this Node prints a leak warning over the TUI's screen.
      const own = new AbortController();
      setMaxListeners(0, own.signal);
      const forward = (): void => own.abort();
      if (signal.aborted) own.abort();
      else signal.addEventListener('abort', forward, { once: true });
      try {
        return await runProve(plan, layout, countingDeps(env.deps, layout, onProgress), own.signal);
      } finally {
        signal.removeEventListener('abort', forward);
      }
    },
  };
}
