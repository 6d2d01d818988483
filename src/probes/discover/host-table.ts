/**
 * The hosts of a running sweep, kept by key so each event costs O(1): a sweep of a /16 can
 * bring tens of thousands of events, and folding each into a fresh array (as the pure
 * `addSighting` does) would cost O(n) each. The list is built again only when asked for
 * after a change, which is once per frame at most.
 */
import { hostKey, mergeSighting, type DiscoveredHost, type HostContext } from './hosts.js';
import type { NameSource, Sighting } from './types.js';

export class HostTable {
  private readonly byKey = new Map<string, DiscoveredHost>();
  private list: readonly DiscoveredHost[] | null = null;
  /** Bumped by every change, so a reader can tell a new list from the last one cheaply. */
  version = 0;

  constructor(private readonly ctx: HostContext) {}

  add(s: Sighting): void {
    const key = hostKey(s.iface, s.ip);
    this.byKey.set(key, mergeSighting(this.byKey.get(key), s, this.ctx));
    this.changed();
  }

  /** Names every record of `ip` that has no name yet. */
  name(ip: string, name: string, source: NameSource | null = null): void {
    for (const [key, h] of this.byKey) {
      if (h.ip === ip && h.name === null) this.byKey.set(key, { ...h, name, nameSource: source });
    }
    this.changed();
  }

  hosts(): readonly DiscoveredHost[] {
    this.list ??= [...this.byKey.values()];
    return this.list;
  }

  private changed(): void {
    this.list = null;
    this.version++;
  }
}
