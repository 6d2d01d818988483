/** The options of `netdoctor scan`, shared by the one-shot scan and the watch. */
import { UsageError } from '../usage-error.js';
import type { BackendName } from '../probes/discover/types.js';
import { hostOf, sweepRefusal, type Host } from '../wiring/host.js';

export interface ScanOptions {
  readonly iface: string[];
  readonly cidr?: string;
  readonly pi?: boolean;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly backend: BackendName;
  readonly wait?: string;
  readonly force?: boolean;
  /** Look names up: --names / --no-names; unset, yes unless the backend is passive. */
  readonly names?: boolean;
  /** Keep sweeping and report changes (`--watch`), every `--interval` seconds. */
  readonly watch?: boolean;
  readonly interval?: string;
}

/**
 * Whether names are looked up. A reverse-DNS query is a packet (to the resolver, maybe
 * across the WAN), so the passive backend, which promises to send nothing, asks only when
 * told to with --names.
 */
export function wantsNames(opts: Pick<ScanOptions, 'names' | 'backend'>): boolean {
  return opts.names ?? opts.backend !== 'passive';
}

/** `--wait MS`: how long a batch waits for late answers, 1 to 60000 ms. */
export function parseWait(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 1 || ms > 60_000) {
    throw new UsageError(`--wait takes milliseconds from 1 to 60000, not ${JSON.stringify(text)}`);
  }
  return ms;
}

/** `scan --ssh`: refused in one line, since the sweep would run from this machine. */
export function refuseRemoteSweep(io: { readonly host?: Host }): void {
  const why = sweepRefusal(hostOf(io));
  if (why !== null) throw new UsageError(`scan: ${why}`);
}
