/**
 * The passive backend: the neighbour table as it is, both families. Sends nothing, so it
 * shows only hosts this one talked to lately (and entries may be stale).
 */
import { hostCount } from '../../net/prefix.js';
import { produce } from './channel.js';
import { readNeighbours } from './neighbours.js';
import { selfSightings, tableSightings, viaTable } from './sightings.js';
import type { ScanEvent, Scanner } from './types.js';

export function passiveScanner(): Scanner {
  return {
    backend: 'passive',
    limits: [
      'passive: only hosts already in the neighbour table (no packet sent); entries may be stale, and duplicate IPs are not visible',
    ],
    scan: (target, options) =>
      produce<ScanEvent>(options.signal, async (push, signal) => {
        const at = Date.now();
        push({
          type: 'started',
          target,
          backend: 'passive',
          addresses: hostCount(target.prefix),
          at,
        });
        for (const sighting of selfSightings(target, at)) push({ type: 'sighting', sighting });
        const table = await readNeighbours('all', signal);
        for (const w of table.warnings) push({ type: 'warning', message: w });
        for (const sighting of tableSightings(
          table.records,
          target.iface,
          target.prefix,
          viaTable,
        )) {
          push({ type: 'sighting', sighting });
        }
        push({ type: 'finished', target, at: Date.now(), sent: 0, sendErrors: 0 });
      }),
  };
}
