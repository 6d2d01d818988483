/** The checks' dependencies on this host: its ping and arping, run through src/system/. */
import { runCommand } from '../../system/run.js';
import { systemArpSender } from '../garp/arp-sender.js';
import type { ArpingFlavour } from '../../parse/tool-versions.js';
import type { DoctorProbeDeps } from './types.js';

export function liveDoctorDeps(): DoctorProbeDeps {
  // Every argv is bounded (-c, -W), so the timeout only catches a hang.
  return {
    run: (argv, signal) => runCommand(argv, { timeoutMs: 30_000, ...(signal ? { signal } : {}) }),
  };
}

/** The installed arping's flavour (runs -V and --help only: sends nothing), or null. */
export async function detectArping(signal?: AbortSignal): Promise<ArpingFlavour | null> {
  const found = await systemArpSender().detect(signal);
  return found?.features.flavour ?? null;
}
