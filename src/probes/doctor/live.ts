/** The checks' dependencies on a host: its ping, arping and trace backend, through its access. */
import type { HostAccess } from '../../system/access.js';
import { systemArpSender } from '../garp/arp-sender.js';
import type { ArpingFlavour } from '../../parse/tool-versions.js';
import { chooseTraceBackend } from '../trace/choose-backend.js';
import { Tracer } from '../trace/tracer.js';
import { DEFAULT_CONFIG, type TraceConfig } from '../trace/types.js';
import type { DoctorProbeDeps } from './types.js';

/**
 * The doctor's walk: traceroute's way, ICMP, and the path called dead after four silent hops
 * past the last answer (the trace command waits for five; the doctor has more checks to run).
 */
export const DOCTOR_WALK = { ...DEFAULT_CONFIG, mode: 'once', silentLimit: 4 } as const;

export function liveDoctorDeps(access: HostAccess): DoctorProbeDeps {
  // Every argv is bounded (-c, -W), so the timeout only catches a hang.
  return {
    run: (argv, signal) => access.run(argv, { timeoutMs: 30_000, ...(signal ? { signal } : {}) }),
    trace: async (walk, signal) => {
      const { open } = await chooseTraceBackend(undefined, access);
      const config: TraceConfig = {
        ...DOCTOR_WALK,
        target: { input: walk.target, address: walk.target, family: walk.family },
        ...(walk.source !== null ? { source: walk.source } : {}),
      };
      return new Tracer(config, open).run(signal);
    },
  };
}

/** The installed arping's flavour (runs -V and --help only: sends nothing), or null. */
export async function detectArping(
  access: HostAccess,
  signal?: AbortSignal,
): Promise<ArpingFlavour | null> {
  const found = await systemArpSender(access).detect(signal);
  return found?.features.flavour ?? null;
}
