/**
 * A box's TracePort over its access (host.ts): `getent ahosts` to resolve, `ip addr` for
 * --from, `ip route get` to tell "no route here" before anything is sent, and its trace
 * backend. Loaded only by the commands and panels that trace.
 */
import { ipValue } from '../net/cidr.js';
import { parseIpAddr } from '../parse/ip-addr.js';
import type { HostAccess } from '../system/access.js';
import { chooseTraceBackend } from '../probes/trace/choose-backend.js';
import { localRouteWords, pickAddress } from '../probes/trace/target.js';
import { nameLookups, type NameLookups } from '../probes/discover/names.js';
import { safeText } from '../text/safe.js';
import type { BackendName, OpenBackend, TraceTarget } from '../probes/trace/types.js';
import type { ParseWarning } from '../parse/warnings.js';

/** What a trace needs of the box, besides sending: `netdoctor trace` and the Route panel. */
export interface TracePort {
  /** The backend to use (mtr-packet, else traceroute), and a note when it is the fallback. */
  readonly chooseBackend: (
    wanted: BackendName | undefined,
  ) => Promise<{ open: OpenBackend; note: string | null }>;
  /** DEST as typed → an address (`getent ahosts` on the box); null when it does not resolve. */
  readonly resolve: (dest: string) => Promise<{ address: string; family: 4 | 6 } | null>;
  /** Whether the address is one of the box's (for --from); true when that cannot be told. */
  readonly ownsAddress: (address: string) => Promise<boolean>;
  /** What could not be read of the box's own state so far (`ip -j addr show`, for --from). */
  readonly readWarnings?: () => readonly ParseWarning[];
  /** Whether the box can send to the address at all; a sentence when it cannot. */
  readonly localRoute: (target: TraceTarget, source: string | undefined) => Promise<string | null>;
  /** Reverse names for the hops as they answer (names.ts nameLookups). */
  readonly nameLookups: (
    signal: AbortSignal,
    onName: (ip: string, name: string) => void,
    timeoutMs: number,
  ) => NameLookups;
}

export function tracePortOn(access: HostAccess): TracePort {
  const warnings: ParseWarning[] = [];
  return {
    readWarnings: () => warnings,
    chooseBackend: (wanted) => chooseTraceBackend(wanted, access),
    ownsAddress: async (address) => {
      const out = await access.run(['ip', '-j', 'addr', 'show'], { timeoutMs: 5000 });
      if (out.exitCode !== 0) return true; // cannot tell: the kernel's route get will say
      const wanted = ipValue(address)?.value;
      const parsed = parseIpAddr(out.stdout);
      warnings.push(...parsed.warnings);
      return parsed.records.some((a) => ipValue(a.local)?.value === wanted);
    },
    resolve: async (dest) => {
      const out = await access.run(['getent', 'ahosts', dest], { timeoutMs: 5000 });
      return pickAddress(out.stdout);
    },
    localRoute: async (target, source) => {
      const argv = ['ip', `-${target.family}`, 'route', 'get', target.address];
      if (source !== undefined) argv.push('from', source);
      const out = await access.run(argv, { timeoutMs: 5000 });
      if (out.error === 'not-installed' || out.exitCode === 0) return null;
      const words = localRouteWords(out.stderr, target.address);
      // The kernel answers the same errors for a source that is not ours.
      return source === undefined
        ? words
        : `${words}; with --from ${safeText(source)}: is it an address of this host?`;
    },
    // The reverse names are asked on this machine's resolver (names.ts): the sweep's too.
    nameLookups: (signal, onName, timeoutMs) => nameLookups(signal, onName, timeoutMs),
  };
}
