/** Where a command's host comes from: read live now, or a snapshot file. */
import { buildHostState, type HostState } from '../state/host-state.js';
import type { HostOrigin } from '../state/origin.js';
import { hostOf } from '../wiring/host.js';
import type { CliIo } from './context.js';

export interface HostSource {
  readonly origin: HostOrigin;
  /**
   * Reads (live) or re-parses (snapshot) the host; live reads send no packet. Given `early`,
   * a live read first hands it the host without the tools' versions (Host.readState).
   */
  readonly load: (early?: (host: HostState) => void) => Promise<HostState>;
}

/** The command's host (`io.host`, this machine when unset) read live, or the snapshot file. */
export async function hostSource(
  io: Pick<CliIo, 'host'>,
  snapshotPath: string | undefined,
): Promise<HostSource> {
  if (snapshotPath === undefined) {
    // A box reached with --ssh is live too; the status line names how (`r1 via ssh`).
    const via = io.host?.access.label;
    return { origin: { kind: 'live', ...(via ? { via } : {}) }, load: hostOf(io).readState };
  }
  // Read and validate the file up front, so a bad file is a one-line error before any UI.
  // Loaded only for a file: the zod schemas that check it cost start-up time otherwise.
  const { loadSnapshotFile } = await import('../snapshot/load.js');
  const snapshot = await loadSnapshotFile(snapshotPath);
  return {
    origin: { kind: 'snapshot', path: snapshotPath },
    load: async () => buildHostState(snapshot),
  };
}
