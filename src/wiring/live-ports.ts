/**
 * The TUI's ports, built from the Host the command was given (host.ts: fresh reads of the
 * box, its arping, doctor probes, trace, route question and --prove namespaces) and from this
 * machine (the files the person names, the terminal handed to ssh, and the Discover sweep,
 * whose UDP sockets and arp-scan are this machine's). Only `netdoctor` opening the TUI calls it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { BackendName } from '../probes/discover/types.js';
import { findExecutable } from '../system/tools.js';
import { hasCapability } from '../system/capabilities.js';
import { handOverTerminalKeepingErrors } from '../system/stream.js';
import { currentUser } from '../system/host.js';
import { runDoctorProbes } from '../probes/doctor/run.js';
import type { UiPorts } from '../ui/ports.js';
import type { GarpDeps } from '../probes/garp/probe.js';
import { makePlanPort } from './plan-port.js';
import { liveRoutePort } from './route-port.js';
import { sweepRefusal, WORKSTATION, type Host } from './host.js';

/** What `make` gives, made on the first call and kept (a failure too, as a rejection). */
function onFirstUse<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** The events of an iterable that is still to be made (its host's probes load first). */
async function* afterLoading<T>(make: () => Promise<AsyncIterable<T>>): AsyncGenerator<T> {
  yield* await make();
}

/** Why a Discover backend cannot run on this host: arp-scan needs the tool and raw sockets. */
async function backendProblems(host: Host): Promise<Partial<Record<BackendName, string>>> {
  const remote = sweepRefusal(host);
  if (remote !== null) return { kernel: remote, 'arp-scan': remote, passive: remote };
  if ((await findExecutable('arp-scan')) === null) {
    return { 'arp-scan': 'arp-scan is not installed (apt-get install arp-scan)' };
  }
  if (!(await hasCapability('CAP_NET_RAW'))) {
    return { 'arp-scan': 'needs root or CAP_NET_RAW (sudo netdoctor)' };
  }
  return {};
}

/** A sweep asked of a far box fails with why (the panel shows the one line). */
function refuseRemote(host: Host): Promise<never> | null {
  const why = sweepRefusal(host);
  return why === null ? null : Promise.reject(new Error(why));
}

/**
 * The ports, with nothing loaded for them yet: the sweep (with mDNS), the doctor's probes,
 * the ARP repair's sender and the trace load when a panel first uses them, after the first
 * frame (issue 20: about 150 KB of code the Overview does not run).
 */
export async function livePorts(host: Host, sshUser?: string): Promise<UiPorts> {
  const doctor = onFirstUse(() => host.doctor());
  const garp = onFirstUse(() => host.garp());
  const sender = async (): Promise<GarpDeps['sender']> => (await garp()).sender;
  const route = await liveRoutePort(host);
  const prove = host.prove();
  return {
    discover: {
      targets: async (host, choice) =>
        (await import('../probes/discover/target.js')).resolveTargets(host, {
          ifaces: [...(choice?.ifaces ?? [])],
          backend: choice?.backend ?? 'kernel',
          force: false,
        }),
      sweep: (targets, signal, onEvent, backend = 'kernel') =>
        refuseRemote(host) ??
        import('../probes/discover/discover.js').then(({ discover }) =>
          discover(
            targets,
            { backend, signal, names: backend !== 'passive', namesTimeoutMs: 3000 },
            onEvent,
          ),
        ),
      backendProblems: () => backendProblems(host),
      watch: (targets, options, sink, tracker) =>
        refuseRemote(host) ??
        import('../probes/discover/watch-loop.js').then(({ watchLan }) =>
          watchLan(targets, { ...options, names: options.backend !== 'passive' }, sink, tracker),
        ),
      writeFile: WORKSTATION.writeFile,
      localNames: async () => (await import('../probes/discover/names.js')).etcHostsFirstNames(),
    },
    doctor: {
      arping: async () => (await doctor()).arping(),
      runProbes: (plan, arping, signal) =>
        afterLoading(async () => runDoctorProbes(plan, (await doctor()).deps, arping, signal)),
      writeFile: WORKSTATION.writeFile,
    },
    garp: {
      readHost: host.readState,
      sender: {
        detect: async (signal) => (await sender()).detect(signal),
        run: async (argv, signal) => (await sender()).run(argv, signal),
        ping: async (argv, signal) => (await sender()).ping(argv, signal),
        pingInstalled: async () => (await sender()).pingInstalled(),
        rawSocketAccess: async () => (await sender()).rawSocketAccess(),
      },
    },
    handOver: (argv) => handOverTerminalKeepingErrors(argv),
    user: () => sshUser ?? currentUser(),
    now: () => new Date(),
    readHost: host.readState,
    wait: (ms, signal) => delay(ms, undefined, { signal }),
    plan: makePlanPort({
      // Regular files only (a FIFO would hang the TUI), and no further than the cap.
      readFile: WORKSTATION.readFile,
      canProve: prove.canBuild,
      prefix: prove.prefix,
      deps: prove,
    }),
    route,
  };
}
