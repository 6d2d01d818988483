/**
 * Watching the LAN change: what `scan --watch` and the panel's `w` conclude from sweep after
 * sweep and from the neighbour table between them. Pure: sightings in, events out.
 *
 * The first sweep is the baseline (nothing in it is "new"). After it:
 * - new: an address seen for the first time (or back after it was gone);
 * - gone: a host not proven alive by two sweeps in a row (it is kept, with its last sighting);
 * - moved: the address answered from another MAC than before (for a gateway, a finding);
 * - duplicate: two or more MACs proved alive for one address in one sweep.
 *
 * Only proofs of life count: an answer to arp-scan or to the duplicate check's arping, or the
 * kernel confirming an entry (REACHABLE). An entry merely found in the table, or the kernel
 * probing the MAC it has cached (DELAY, PROBE), proves nothing: after a MAC swap the table
 * still holds the old MAC for seconds.
 */
import { stateProves } from './pacing.js';
import { hostKey, type HostContext } from './hosts.js';
import type { Sighting } from './types.js';

export type WatchMarkKind = 'new' | 'gone' | 'moved';

/** How a host stands in the watch, shown as a marker beside it. */
export interface WatchMark {
  readonly kind: WatchMarkKind;
  /** When it became new, gone (its last sighting) or moved. */
  readonly at: number;
  /** For moved: the MAC it answered from before. */
  readonly from?: string;
}

interface Base {
  readonly at: number;
  readonly iface: string;
  readonly ip: string;
}

export type WatchEvent =
  | (Base & { readonly event: 'new'; readonly mac: string; readonly gateway: boolean })
  | (Base & { readonly event: 'gone'; readonly mac: string; readonly lastSeen: number })
  | (Base & {
      readonly event: 'moved';
      readonly from: string;
      readonly to: string;
      readonly gateway: boolean;
      readonly via: string;
    })
  | (Base & { readonly event: 'duplicate'; readonly macs: readonly string[] });

/** What the tracker hears: a sighting from a sweep, or a table change between sweeps. */
export type Heard = Sighting;

interface Known {
  readonly iface: string;
  readonly ip: string;
  mac: string;
  lastSeen: number;
  missed: number;
  self: boolean;
}

/** Whether a sighting proves the host is there now, with that MAC. */
export function provesAlive(s: Sighting): boolean {
  if (s.via === 'arping' || s.via === 'arp-scan') return true;
  if (s.via === 'sweep' || s.via === 'monitor') return stateProves(s.state);
  return false;
}

/** Sweeps a host may miss in a row before it is gone. */
export const GONE_AFTER_SWEEPS = 2;

export class WatchTracker {
  private readonly known = new Map<string, Known>();
  private readonly marks = new Map<string, WatchMark>();
  /** MACs proved alive per address since the last sweep ended. */
  private proven = new Map<string, Set<string>>();
  private readonly reported = new Set<string>();
  /** Sweeps ended so far; 0 while the baseline runs. */
  sweeps = 0;
  /** Bumped on every change of the marks, for readers that redraw. */
  version = 0;

  constructor(private readonly ctx: HostContext) {}

  /** The marker of a host, if it has one. */
  mark(iface: string, ip: string): WatchMark | undefined {
    return this.marks.get(hostKey(iface, ip));
  }

  /** The IPv4 addresses known on an interface, this host's own left out. */
  addresses(iface: string): string[] {
    return [...this.known.values()].filter((k) => k.iface === iface && !k.self).map((k) => k.ip);
  }

  allMarks(): ReadonlyMap<string, WatchMark> {
    return this.marks;
  }

  /**
   * One sighting. During a sweep (`sweeping`) it is only noted; between sweeps (the table
   * monitor) a new address or a confirmed new MAC is an event at once.
   */
  hear(s: Sighting, sweeping: boolean): WatchEvent[] {
    if (s.ip.includes(':') || s.mac === null) return [];
    const key = hostKey(s.iface, s.ip);
    const mac = s.mac.toLowerCase();
    const self = s.via === 'self' || this.ctx.selfAddresses.has(s.ip);
    const alive = provesAlive(s) || self;
    if (alive) {
      const set = this.proven.get(key) ?? new Set<string>();
      set.add(mac);
      this.proven.set(key, set);
    }
    const old = this.known.get(key);
    if (old === undefined) {
      this.known.set(key, { iface: s.iface, ip: s.ip, mac, lastSeen: s.at, missed: 0, self });
      if (this.sweeps === 0 || self) return [];
      return [this.becameNew(key, s.iface, s.ip, mac, s.at)];
    }
    if (alive) old.lastSeen = Math.max(old.lastSeen, s.at);
    if (sweeping || !alive || old.mac === mac || this.sweeps === 0) return [];
    // Between sweeps: the kernel confirmed this address at another MAC.
    return this.moved(key, old, mac, s.at, s.via === 'monitor' ? 'ip monitor neigh' : s.via);
  }

  /** The end of a sweep at `at`: moves, duplicates and hosts gone, from what it proved. */
  sweepDone(at: number, via: string): WatchEvent[] {
    const events: WatchEvent[] = [];
    const baseline = this.sweeps === 0;
    for (const [key, macs] of this.proven) {
      const k = this.known.get(key);
      if (!k) continue;
      const wasGone = this.marks.get(key)?.kind === 'gone';
      k.missed = 0;
      if (macs.size > 1) {
        const list = [...macs].sort();
        const id = `${key} ${list.join(' ')}`;
        if (!this.reported.has(id)) {
          this.reported.add(id);
          events.push({ event: 'duplicate', at, iface: k.iface, ip: k.ip, macs: list });
        }
        continue;
      }
      const mac = [...macs][0]!;
      if (wasGone) {
        k.mac = mac;
        events.push(this.becameNew(key, k.iface, k.ip, mac, at));
      } else if (!baseline && mac !== k.mac) {
        events.push(...this.moved(key, k, mac, at, via));
      } else {
        k.mac = mac;
      }
    }
    if (!baseline) {
      for (const [key, k] of this.known) {
        if (k.self || this.proven.has(key)) continue;
        k.missed++;
        if (k.missed === GONE_AFTER_SWEEPS) {
          this.marks.set(key, { kind: 'gone', at: k.lastSeen });
          this.version++;
          events.push({
            event: 'gone',
            at,
            iface: k.iface,
            ip: k.ip,
            mac: k.mac,
            lastSeen: k.lastSeen,
          });
        }
      }
    }
    this.proven = new Map();
    this.sweeps++;
    return events;
  }

  private becameNew(key: string, iface: string, ip: string, mac: string, at: number): WatchEvent {
    this.marks.set(key, { kind: 'new', at });
    this.version++;
    return { event: 'new', at, iface, ip, mac, gateway: this.ctx.gateways.has(ip) };
  }

  private moved(key: string, k: Known, mac: string, at: number, via: string): WatchEvent[] {
    const from = k.mac;
    k.mac = mac;
    this.marks.set(key, { kind: 'moved', at, from });
    this.version++;
    return [
      {
        event: 'moved',
        at,
        iface: k.iface,
        ip: k.ip,
        from,
        to: mac,
        gateway: this.ctx.gateways.has(k.ip),
        via,
      },
    ];
  }
}
