/**
 * Every effect of the kernel sweep on the world, behind one port (trippy's `Network` trait to
 * its `Strategy`): the clocks and the wait for activity, /proc reads, the neighbour table
 * (read and followed), the route check, the datagram that makes the kernel ask, arping to ask
 * again ourselves, the IPv6 all-nodes echo. sweep.ts drives the sweep through it; kernel.ts
 * implements it on this host (osSweepPort); the tests, with a fake port and a fake clock.
 */
import type { NeighbourRecord } from '../../parse/ip-neigh.js';

/** A valid entry announced by the kernel. */
export interface NeighbourChange {
  readonly ip: string;
  readonly mac: string;
  readonly state: string | null;
}

export interface Running {
  /** Ends it and waits for it. */
  readonly stop: () => Promise<void>;
}

export interface SweepPort {
  /** Epoch milliseconds (when a host was seen). */
  readonly now: () => number;
  /** Monotonic milliseconds, sub-millisecond (RTTs: a LAN answers in half a millisecond). */
  readonly mono: () => number;
  /** Resolves after `ms` (null: no deadline), when woken, or when the sweep is aborted. */
  readonly wait: (ms: number | null) => Promise<void>;
  /** Ends the current wait: something arrived. */
  readonly wake: () => void;
  readonly readGcThresh3: () => Promise<{ value: number } | { why: string }>;
  /** The interface's retrans_time_ms, or null when unreadable. */
  readonly readRetransMs: () => Promise<number | null>;
  /** Received frames this machine dropped so far (all CPUs), or null when unreadable. */
  readonly readDrops: () => Promise<number | null>;
  /** Follows the interface's neighbour table; resolves once it listens. */
  readonly followTable: (onChange: (c: NeighbourChange) => void) => Promise<Running>;
  readonly readTable: (
    family: 'inet' | 'inet6' | 'all',
  ) => Promise<{ records: readonly NeighbourRecord[]; warnings: readonly string[] }>;
  /**
   * The interface's answered IPv4 entries as /proc/net/arp has them now (a file read: no
   * process, so it can be read every millisecond while the opening's answers come).
   */
  readonly readArpCache: () => Promise<readonly NeighbourChange[]>;
  /** Why the next batch must not go (the link or a route changed), or null. */
  readonly checkRoute: () => Promise<string | null>;
  /**
   * checkRoute and readTable('all') at once, for the set-up: on this host one process runs
   * the three `ip` reads (each child Node starts holds its event loop for 10-20 ms).
   */
  readonly readStart: () => Promise<{
    readonly route: string | null;
    readonly table: { records: readonly NeighbourRecord[]; warnings: readonly string[] };
  }>;
  /** One datagram to `ip`: the kernel asks for it. Null when taken, else the error code. */
  readonly ask: (ip: string) => Promise<string | null>;
  /**
   * Asks `ips` again ourselves (arping, all at once), for at most `windowMs` without a reply:
   * the MACs that answered each; `cannot` says why that is impossible here (no iputils
   * arping, no capability).
   */
  readonly askAgain: (
    ips: readonly string[],
    windowMs: number,
  ) => Promise<
    { readonly byIp: ReadonlyMap<string, readonly string[]> } | { readonly cannot: string }
  >;
  /** The IPv6 all-nodes echo; `onAnswer` when someone answered. An error: why not sent. */
  readonly echoIpv6: (onAnswer: () => void) => Promise<Running | { readonly error: string }>;
  /** Closes the sockets. */
  readonly close: () => void;
}
