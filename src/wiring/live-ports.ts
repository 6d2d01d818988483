/**
 * The TUI's ports, built from the Host the command was given (host.ts: fresh reads of the
 * box, its arping, doctor probes, trace, route question and --prove namespaces) and from this
 * machine (the files the person names, the terminal handed to ssh, and the Discover sweep,
 * whose UDP sockets and arp-scan are this machine's). Only `netdoctor` opening the TUI calls it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { discover } from '../probes/discover/discover.js';
import { resolveTargets } from '../probes/discover/target.js';
import { watchLan } from '../probes/discover/watch-loop.js';
import { etcHostsFirstNames } from '../probes/discover/names.js';
import type { BackendName } from '../probes/discover/types.js';
import { findExecutable } from '../system/tools.js';
import { hasCapability } from '../system/capabilities.js';
import { runDoctorProbes } from '../probes/doctor/run.js';
import { handOverTerminalKeepingErrors } from '../system/stream.js';
import { currentUser } from '../system/host.js';
import type { UiPorts } from '../ui/ports.js';
import { makePlanPort } from './plan-port.js';
import { liveRoutePort } from './route-port.js';
import { sweepRefusal, WORKSTATION, type Host } from './host.js';

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

export async function livePorts(host: Host, sshUser?: string): Promise<UiPorts> {
  const [doctor, garp, route] = await Promise.all([
    host.doctor(),
    host.garp(),
    liveRoutePort(host),
  ]);
  const prove = host.prove();
  return {
    discover: {
      targets: async (host, choice) =>
        resolveTargets(host, {
          ifaces: [...(choice?.ifaces ?? [])],
          backend: choice?.backend ?? 'kernel',
          force: false,
        }),
      sweep: (targets, signal, onEvent, backend = 'kernel') =>
        refuseRemote(host) ??
        discover(
          targets,
          { backend, signal, names: backend !== 'passive', namesTimeoutMs: 3000 },
          onEvent,
        ),
      backendProblems: () => backendProblems(host),
      watch: (targets, options, sink, tracker) =>
        refuseRemote(host) ??
        watchLan(targets, { ...options, names: options.backend !== 'passive' }, sink, tracker),
      writeFile: WORKSTATION.writeFile,
      localNames: etcHostsFirstNames,
    },
    doctor: {
      arping: () => doctor.arping(),
      runProbes: (plan, arping, signal) => runDoctorProbes(plan, doctor.deps, arping, signal),
      writeFile: WORKSTATION.writeFile,
    },
    garp,
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
