/**
 * What the Discover panel's hook needs from the outside world, behind one context so frame
 * tests give it a fake (which streams scripted events and throws on anything else) and the
 * real TUI gives it the real probe.
 */
import { createContext, useContext } from 'react';
import { discover } from '../../../probes/discover/discover.js';
import { readLinkFacts, resolveTargets } from '../../../probes/discover/target.js';
import { handOverTerminalKeepingErrors } from '../../../system/stream.js';
import { writeUserFile } from '../../../system/files.js';
import { currentUser } from '../../../system/host.js';
import type { ScanEvent, ScanTarget } from '../../../probes/discover/types.js';

export interface DiscoverProbe {
  /** The sweeps to run when the person presses s (every up interface's prefixes). */
  readonly targets: () => Promise<readonly ScanTarget[]>;
  readonly sweep: (
    targets: readonly ScanTarget[],
    signal: AbortSignal,
    onEvent: (e: ScanEvent) => void,
  ) => Promise<void>;
  /** Gives the terminal to argv (ssh) until it exits; returns its exit code. */
  readonly handOver: (argv: readonly string[]) => number | null;
  /** The last lines the handed-over program printed on stderr (kept to show after a failure). */
  readonly lastErrorLines?: () => readonly string[];
  readonly writeFile: (path: string, text: string) => Promise<void>;
  readonly user: () => string;
  readonly now: () => Date;
}

/** The real probe; `sshUser` (from --ssh-user) is who S logs in as, else the current user. */
export const realDiscoverProbe = (sshUser?: string): DiscoverProbe => {
  let errorLines: readonly string[] = [];
  return {
    targets: async () =>
      resolveTargets(await readLinkFacts(), { ifaces: [], backend: 'kernel', force: false }),
    sweep: (targets, signal, onEvent) =>
      discover(targets, { backend: 'kernel', signal, names: true, namesTimeoutMs: 3000 }, onEvent),
    handOver: (argv) => {
      const r = handOverTerminalKeepingErrors(argv);
      errorLines = r.errorLines;
      return r.code;
    },
    lastErrorLines: () => errorLines,
    writeFile: async (path, text) => {
      await writeUserFile(path, text);
    },
    user: () => sshUser ?? currentUser(),
    now: () => new Date(),
  };
};

function unwired(what: string): never {
  throw new Error(`${what}: no Discover probe is wired to this TUI`);
}

/**
 * The default when nothing is wired: it refuses everything. Only runTui wires the real probe,
 * so an App rendered by a test can never sweep, ssh or write files by accident; frame tests
 * that exercise those keys provide a fake.
 */
export const unwiredDiscoverProbe: DiscoverProbe = {
  targets: async () => unwired('sweep'),
  sweep: async () => unwired('sweep'),
  handOver: () => unwired('ssh'),
  writeFile: async () => unwired('export'),
  user: currentUser,
  now: () => new Date(),
};

export const DiscoverProbeContext = createContext<DiscoverProbe>(unwiredDiscoverProbe);

export function useDiscoverProbeDeps(): DiscoverProbe {
  return useContext(DiscoverProbeContext);
}
