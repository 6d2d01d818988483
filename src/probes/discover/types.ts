/**
 * The Discover probe's vocabulary: what a sweep is aimed at, what it reports as it goes,
 * and the narrow Scanner interface every backend implements.
 */
import type { Prefix4 } from '../../net/prefix.js';

export const BACKENDS = ['kernel', 'arp-scan', 'passive'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** One interface and one IPv4 prefix to sweep from it. */
export interface ScanTarget {
  readonly iface: string;
  readonly prefix: Prefix4;
  /** The prefix is connected to the interface (one of its addresses lies inside it). */
  readonly onLink: boolean;
  /** This host's IPv4 addresses on the interface: never probed, shown as "this host". */
  readonly localAddresses: readonly string[];
  readonly localMac: string | null;
  /** Default gateways that leave by this interface. */
  readonly gateways: readonly string[];
  /** The interface has an IPv6 link-local address: the ff02::1 echo can fill the table. */
  readonly ipv6: boolean;
}

/** Where a host's name came from. */
export type NameSource = 'dns' | 'hosts' | 'mdns';

/** How a host came to be seen. */
export type SightingVia =
  | 'sweep' // answered the kernel backend's ARP, seen as the entry turned valid
  | 'table' // already in the neighbour table (no packet of ours proved it now)
  | 'arp-scan' // answered arp-scan
  | 'ndp' // answered the IPv6 all-nodes echo
  | 'arping' // answered the duplicate check's arping (one of two or more MACs)
  | 'monitor' // announced by `ip monitor neigh` between the sweeps of a watch
  | 'self'; // this host's own address

/** One answer from one host: the unit every backend streams. */
export interface Sighting {
  readonly iface: string;
  readonly ip: string;
  readonly mac: string | null;
  /** From our probe to its answer; null when unknown (seen in the table afterwards). */
  readonly rttMs: number | null;
  /** When it was seen, epoch milliseconds. */
  readonly at: number;
  readonly via: SightingVia;
  /** The neighbour table state, when it came from the table. */
  readonly state: string | null;
}

export type ScanEvent =
  | {
      readonly type: 'started';
      readonly target: ScanTarget;
      readonly backend: BackendName;
      readonly addresses: number;
      readonly at: number;
    }
  | {
      readonly type: 'batch';
      readonly iface: string;
      readonly index: number;
      readonly size: number;
      readonly graceMs: number;
    }
  /**
   * The batch went out and its answers are in (a short window after its last ask): only late
   * answers and retries are left. Until then the duplicate check waits: each arping is a
   * process and a broadcast, and starting dozens while the batch went out stretched its
   * sending (and every answer's time) several-fold on a loaded machine.
   */
  | { readonly type: 'answers-in'; readonly iface: string; readonly index: number }
  | { readonly type: 'sighting'; readonly sighting: Sighting }
  | {
      readonly type: 'name';
      readonly ip: string;
      readonly name: string;
      /** Where it came from: reverse DNS, /etc/hosts, or the host itself over mDNS. */
      readonly source?: NameSource;
    }
  | {
      /** One address answered by two or more MACs to one arping request. */
      readonly type: 'duplicate';
      readonly iface: string;
      readonly ip: string;
      readonly macs: readonly string[];
      /** The MAC this host's neighbour table holds for it now, if any. */
      readonly current: string | null;
      /** The command that saw it, and the reply lines as it printed them. */
      readonly source: string;
      readonly lines: readonly string[];
    }
  /** Something this run could not see, said once (e.g. arping cannot send). */
  | { readonly type: 'limit'; readonly message: string }
  | { readonly type: 'warning'; readonly message: string }
  | {
      readonly type: 'finished';
      readonly target: ScanTarget;
      readonly at: number;
      /** Datagrams or requests sent, and how many the kernel refused. */
      readonly sent: number;
      readonly sendErrors: number;
      /** Why the sweep ended before its last address (its prefix stopped being on-link). */
      readonly stopped?: string;
    };

export interface ScanOptions {
  readonly signal: AbortSignal;
  /** A fixed grace period (ms) to wait for late answers, instead of one derived from RTTs. */
  readonly waitMs?: number;
  /**
   * Why the next batch must not be sent (the link or a route changed), or null; read before
   * every batch of the kernel backend. Default: this host's links and routes, read now.
   */
  readonly checkRoute?: (target: ScanTarget) => Promise<string | null>;
}

/** A discovery backend: streams events for one target until done or aborted. */
export interface Scanner {
  readonly backend: BackendName;
  /** What this backend cannot see, said once in every report (e.g. duplicates). */
  readonly limits: readonly string[];
  scan(target: ScanTarget, options: ScanOptions): AsyncIterable<ScanEvent>;
}
