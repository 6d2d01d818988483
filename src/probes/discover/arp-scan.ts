/**
 * The arp-scan backend: arp-scan sends the ARP requests from a raw socket and reads every
 * reply, so it sees an address answered twice (a duplicate IP) and can ARP for a prefix
 * that is not on-link. Needs root or CAP_NET_RAW. Its lines are streamed as they come.
 */
import { streamLines } from '../../system/stream.js';
import { NeedsPrivilege, CommandFailed } from '../../system/errors.js';
import { ARP_SCAN_FORMAT, parseArpScanLine } from '../../parse/arp-scan.js';
import { hostCount } from '../../net/prefix.js';
import { produce } from './channel.js';
import { selfSightings } from './sightings.js';
import type { ScanEvent, ScanTarget, Scanner } from './types.js';

/** The command line for a target, exactly as run. */
export function arpScanArgv(target: ScanTarget): string[] {
  return [
    'arp-scan',
    '--plain',
    '--rtt',
    ARP_SCAN_FORMAT,
    `--interface=${target.iface}`,
    // Off-link, our own address would be a stranger to the hosts asked: ask as an ARP probe
    // (sender 0.0.0.0, RFC 5227), which hosts answer and nobody caches.
    ...(target.onLink ? [] : ['--arpspa=0.0.0.0']),
    target.prefix.cidr,
  ];
}

export function arpScanScanner(): Scanner {
  return {
    backend: 'arp-scan',
    limits: [],
    scan: (target, options) =>
      produce<ScanEvent>(options.signal, async (push, signal) => {
        const argv = arpScanArgv(target);
        const started = Date.now();
        push({
          type: 'started',
          target,
          backend: 'arp-scan',
          addresses: hostCount(target.prefix),
          at: started,
        });
        for (const sighting of selfSightings(target, started)) push({ type: 'sighting', sighting });
        const stderr: string[] = [];
        const child = await streamLines(argv, {
          signal,
          onLine: (line) => {
            const answer = parseArpScanLine(line);
            if (answer === null) return;
            if (typeof answer === 'string') {
              push({ type: 'warning', message: `arp-scan: ${answer}` });
              return;
            }
            push({
              type: 'sighting',
              sighting: {
                iface: target.iface,
                ip: answer.ip,
                mac: answer.mac,
                rttMs: answer.rttMs,
                at: Date.now(),
                via: 'arp-scan',
                state: null,
              },
            });
          },
          onErrorLine: (line) => stderr.push(line),
        });
        const { exitCode, killed } = await child.done;
        if (killed || signal.aborted) return;
        if (exitCode !== 0) {
          const text = stderr.join('\n');
          if (/permitted|permission|privilege|root/i.test(text)) {
            throw new NeedsPrivilege('the arp-scan backend (raw ARP sockets)', 'CAP_NET_RAW');
          }
          throw new CommandFailed(argv, exitCode, text);
        }
        for (const line of stderr) {
          if (line.trim()) push({ type: 'warning', message: `arp-scan: ${line.trim()}` });
        }
        push({
          type: 'finished',
          target,
          at: Date.now(),
          sent: hostCount(target.prefix),
          sendErrors: 0,
        });
      }),
  };
}
