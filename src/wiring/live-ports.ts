/**
 * The one place the TUI's ports are wired to this host: the real sweep, arping, ssh,
 * files and fresh reads of the host. Only `netdoctor` opening the TUI calls it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { discover } from '../probes/discover/discover.js';
import { resolveTargets } from '../probes/discover/target.js';
import { watchLan } from '../probes/discover/watch-loop.js';
import { etcHostsFirstNames } from '../probes/discover/names.js';
import type { BackendName } from '../probes/discover/types.js';
import { findExecutable } from '../system/tools.js';
import { hasCapability } from '../system/capabilities.js';
import { liveGarpDeps } from '../probes/garp/live.js';
import { detectArping, liveDoctorDeps } from '../probes/doctor/live.js';
import { runDoctorProbes } from '../probes/doctor/run.js';
import { handOverTerminalKeepingErrors } from '../system/stream.js';
import { readUserFile, writeUserFile } from '../system/files.js';
import { currentUser } from '../system/host.js';
import { takeSnapshot } from '../snapshot/collect.js';
import { buildHostState } from '../state/host-state.js';
import type { UiPorts } from '../ui/ports.js';
import {
  addNamespace,
  canBuildNamespaces,
  deleteNamespace,
  execIn,
  ipBatch,
  ipIn,
  uniqueNamespacePrefix,
} from '../system/netns.js';
import { makePlanPort } from './plan-port.js';
import { liveRoutePort } from './route-port.js';

/** Why a Discover backend cannot run on this host: arp-scan needs the tool and raw sockets. */
async function backendProblems(): Promise<Partial<Record<BackendName, string>>> {
  if ((await findExecutable('arp-scan')) === null) {
    return { 'arp-scan': 'arp-scan is not installed (apt-get install arp-scan)' };
  }
  if (!(await hasCapability('CAP_NET_RAW'))) {
    return { 'arp-scan': 'needs root or CAP_NET_RAW (sudo netdoctor)' };
  }
  return {};
}

export function livePorts(sshUser?: string): UiPorts {
  return {
    discover: {
      targets: async (host, choice) =>
        resolveTargets(host, {
          ifaces: [...(choice?.ifaces ?? [])],
          backend: choice?.backend ?? 'kernel',
          force: false,
        }),
      sweep: (targets, signal, onEvent, backend = 'kernel') =>
        discover(
          targets,
          { backend, signal, names: backend !== 'passive', namesTimeoutMs: 3000 },
          onEvent,
        ),
      backendProblems: backendProblems,
      watch: (targets, options, sink, tracker) =>
        watchLan(targets, { ...options, names: options.backend !== 'passive' }, sink, tracker),
      writeFile: async (path, text) => {
        await writeUserFile(path, text);
      },
      localNames: etcHostsFirstNames,
    },
    doctor: {
      arping: () => detectArping(),
      runProbes: (plan, arping, signal) => runDoctorProbes(plan, liveDoctorDeps(), arping, signal),
      writeFile: async (path, text) => {
        await writeUserFile(path, text);
      },
    },
    garp: liveGarpDeps(),
    handOver: (argv) => handOverTerminalKeepingErrors(argv),
    user: () => sshUser ?? currentUser(),
    now: () => new Date(),
    readHost: async () => buildHostState(await takeSnapshot()),
    wait: (ms, signal) => delay(ms, undefined, { signal }),
    plan: makePlanPort({
      // Regular files only (a FIFO would hang the TUI), and no further than the cap.
      readFile: (path) => readUserFile(path),
      canProve: canBuildNamespaces,
      prefix: uniqueNamespacePrefix,
      deps: { addNamespace, deleteNamespace, ipBatch, ipIn, execIn },
    }),
    route: liveRoutePort(),
  };
}
