/** The repair's dependencies on this host: its live state and its arping. */
import { takeSnapshot } from '../../snapshot/collect.js';
import { buildHostState } from '../../state/host-state.js';
import { systemArpSender } from './arp-sender.js';
import type { GarpDeps } from './probe.js';

export function liveGarpDeps(): GarpDeps {
  return { readHost: async () => buildHostState(await takeSnapshot()), sender: systemArpSender() };
}
