/**
 * The TUI's first read of the host, started before its code loads (commands/overview.ts):
 * the App's first load gets that read, and runTui (run.tsx) waits a moment for its first
 * host, so that the first frame is the Overview itself, not "Reading the host…".
 */
import type { HostState } from '../state/host-state.js';
import type { HostLoader } from './use-host-loader.js';

export interface ReadAhead {
  /** Its first call gets the read started ahead, its early host included; later ones read anew. */
  readonly loadHost: HostLoader;
  /** The read's first host (the early one, else the whole), or undefined when it failed. */
  readonly opening: Promise<HostState | undefined>;
}

/** Starts `load` at once. */
export function readAhead(load: HostLoader): ReadAhead {
  let early: HostState | undefined;
  let onEarly: ((host: HostState) => void) | undefined;
  let opened: (host: HostState | undefined) => void = () => {};
  const opening = new Promise<HostState | undefined>((resolve) => (opened = resolve));
  let ahead: Promise<HostState> | undefined = load((host) => {
    early = host;
    opened(host);
    onEarly?.(host);
  });
  // Its failure is the App's to show, when it asks; not an unhandled rejection before that.
  ahead.then(opened, () => opened(undefined));
  return {
    opening,
    loadHost: (handEarly) => {
      const read = ahead;
      if (read === undefined) return load(handEarly);
      ahead = undefined;
      if (early !== undefined) handEarly?.(early);
      else onEarly = handEarly;
      return read;
    },
  };
}
