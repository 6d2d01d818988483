/**
 * The one place netdoctor is wired to the box it diagnoses. A `Host` is built over a
 * HostAccess (src/system/access.ts: run an argv, stream an argv, hold a line channel, read a
 * file, list a directory): `LOCAL_HOST` is this machine; another box is `hostOver(itsAccess)`
 * (the same argv run over ssh), with any member replaced by one of its own (a snapshot read
 * in one round trip, say). Every command reads and probes through `hostOf(io)`, and the TUI's
 * ports are built from the same Host (live-ports.ts): nothing else wires src/system/ to the
 * box. The person's own end (the files they name, the question on their terminal) is
 * `WORKSTATION`: always this machine, whichever box is diagnosed.
 *
 * What needs probe code is behind a dynamic import (`trace()`, `garp()`, `doctor()`), so a
 * command loads only what it uses (start-up time).
 */
import type { Snapshot } from '../snapshot/types.js';
import { collectToolVersions, takeRoutingSnapshot, takeSnapshot } from '../snapshot/collect.js';
import { buildHostState, type HostState } from '../state/host-state.js';
import { routeGetArgv } from '../parse/ip-route-get.js';
import type { RouteQuery } from '../net/route-decision.js';
import { LOCAL_ACCESS, type CommandOutput, type HostAccess } from '../system/access.js';
import { namespacesOn, uniqueNamespacePrefix, type Namespaces } from '../system/netns.js';
import { readUserFile, writeUserFile } from '../system/files.js';
import { askYesNo } from '../system/terminal.js';
import type { ArpingFlavour } from '../parse/tool-versions.js';
import type { GarpDeps } from '../probes/garp/probe.js';
import type { DoctorProbeDeps } from '../probes/doctor/types.js';
import type { TracePort } from './trace-port.js';

export type { TracePort };

/** The doctor's checks on the box: their runner and trace, and the installed arping. */
export interface DoctorProbes {
  readonly deps: DoctorProbeDeps;
  /** The installed arping's flavour (runs -V and --help only: sends nothing), or null. */
  readonly arping: (signal?: AbortSignal) => Promise<ArpingFlavour | null>;
}

/** `plan --prove` on the box: its namespaces, and a name prefix no other run holds. */
export interface ProveHost extends Namespaces {
  readonly prefix: () => string;
}

export interface Host {
  /** How the box is reached: what runs the argv and reads the files. */
  readonly access: HostAccess;
  /** Every source, raw (reads only, sends nothing): what `netdoctor snapshot` writes. */
  readonly readSnapshot: () => Promise<Snapshot>;
  /** Links, addresses and IPv4 routes only: what a sweep needs to pick its targets. */
  readonly readRoutingSnapshot: () => Promise<Snapshot>;
  /**
   * The host, read now and built (readSnapshot, then buildHostState). Given `early`, it
   * first hands it the host without the tools' versions (`tools` empty), which nothing on
   * the TUI's first frame shows, and reads them after: nine processes fewer before the
   * first frame. The host it resolves with is whole either way.
   */
  readonly readState: (early?: (host: HostState) => void) => Promise<HostState>;
  /** The kernel's own answer, `ip -j -d route get …` (reads only; sends no packet). */
  readonly kernelRoute: (query: RouteQuery, signal?: AbortSignal) => Promise<CommandOutput>;
  /** The user id netdoctor runs as there (the kernel matches `uidrange` rules on it). */
  readonly uid: () => Promise<number | null>;
  readonly trace: () => Promise<TracePort>;
  readonly garp: () => Promise<GarpDeps>;
  readonly doctor: () => Promise<DoctorProbes>;
  readonly prove: () => ProveHost;
}

/** How long the TUI's first frame is given before the tools' versions are read. */
const FIRST_FRAME_MS = 50;

/** Everything over one access: the box's snapshot, probes and namespaces. */
export function hostOver(access: HostAccess): Host {
  const readSnapshot = () => takeSnapshot(access);
  const readState = async (early?: (host: HostState) => void) => {
    if (!early) return buildHostState(await readSnapshot());
    const first = await takeSnapshot(access, new Date(), { toolVersions: false });
    early({ ...buildHostState(first), tools: [] });
    // Starting nine processes takes the main thread a while: first let the frame be drawn
    // (Ink draws at most every 33 ms).
    await new Promise((resolve) => setTimeout(resolve, FIRST_FRAME_MS));
    const versions = await collectToolVersions(access);
    return buildHostState({ ...first, sources: { ...first.sources, ...versions } });
  };
  return {
    access,
    readSnapshot,
    readRoutingSnapshot: () => takeRoutingSnapshot(access),
    readState,
    kernelRoute: (query, signal) =>
      access.run(routeGetArgv(query), { timeoutMs: 5_000, ...(signal ? { signal } : {}) }),
    uid: async () => (await access.identity()).uid,
    trace: async () => (await import('./trace-port.js')).tracePortOn(access),
    garp: async () => {
      const { systemArpSender } = await import('../probes/garp/arp-sender.js');
      return { readHost: readState, sender: systemArpSender(access) };
    },
    doctor: async () => {
      const { liveDoctorDeps, detectArping } = await import('../probes/doctor/live.js');
      return {
        deps: liveDoctorDeps(access),
        arping: (signal) => detectArping(access, signal),
      };
    },
    prove: () => ({ ...namespacesOn(access), prefix: uniqueNamespacePrefix }),
  };
}

/** This machine. */
export const LOCAL_HOST: Host = hostOver(LOCAL_ACCESS);

/**
 * Why the Discover sweep cannot run for this box, or null when it can. The sweep sends from
 * this machine's own UDP sockets (and its arp-scan, its `ip monitor`): for a box reached over
 * ssh it would sweep this machine's LAN while the report names the far box.
 */
export function sweepRefusal(host: Host): string | null {
  if (host.access === LOCAL_ACCESS) return null;
  return `the LAN sweep sends from this machine's own sockets, not from ${host.access.label}: run netdoctor scan on that box (its neighbours are in netdoctor overview --ssh)`;
}

/** The box a command diagnoses: the one wired into its io (`--ssh`), else this machine. */
export function hostOf(io: { readonly host?: Host }): Host {
  return io.host ?? LOCAL_HOST;
}

/** The person's own end: the files they name and their terminal, always on this machine. */
export interface Workstation {
  /** A file the person named (regular files only, size capped); throws one line on failure. */
  readonly readFile: (path: string) => Promise<string>;
  /** Writes a file the person named (0600); throws one line on failure. */
  readonly writeFile: (path: string, text: string) => Promise<void>;
  /** A yes/no question on the terminal (stderr); only a y or yes is yes. */
  readonly ask: (question: string) => Promise<boolean>;
}

export const WORKSTATION: Workstation = {
  readFile: (path) => readUserFile(path),
  writeFile: writeUserFile,
  ask: askYesNo,
};
