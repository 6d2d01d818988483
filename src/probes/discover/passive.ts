/**
 * The passive backend: the neighbour table as it is, both families. Sends nothing, so it
 * shows only hosts this one talked to lately (and entries may be stale).
 */
import { prefixContains, hostCount } from '../../net/prefix.js';
import { produce } from './channel.js';
import { readNeighbours } from './neighbours.js';
import { isValidState } from './pacing.js';
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
        for (const ip of target.localAddresses) {
          if (prefixContains(target.prefix, ip)) {
            push({
              type: 'sighting',
              sighting: {
                iface: target.iface,
                ip,
                mac: target.localMac,
                rttMs: null,
                at,
                via: 'self',
                state: null,
              },
            });
          }
        }
        const table = await readNeighbours('all', signal);
        for (const w of table.warnings) push({ type: 'warning', message: w });
        for (const n of table.records) {
          if (n.dev !== target.iface || n.lladdr === null || !isValidState(n.states)) continue;
          if (n.family === 'inet' && !prefixContains(target.prefix, n.dst)) continue;
          push({
            type: 'sighting',
            sighting: {
              iface: target.iface,
              ip: n.dst,
              mac: n.lladdr,
              rttMs: null,
              at: Date.now(),
              via: n.family === 'inet' ? 'table' : 'ndp',
              state: n.states[0] ?? null,
            },
          });
        }
        push({ type: 'finished', target, at: Date.now(), sent: 0, sendErrors: 0 });
      }),
  };
}
