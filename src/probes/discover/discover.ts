/**
 * One discovery: every target swept by one backend, with names looked up for the hosts as
 * they come in. Events go to `onEvent` as they happen (the TUI streams them into its store,
 * the CLI folds them into a report). Aborting the signal stops everything, child processes
 * too.
 */
import { etcHostsNames, mdnsLookups, nameLookups, type NameLookups } from './names.js';
import { duplicateChecker } from './duplicate-check.js';
import { prefixContains } from '../../net/prefix.js';
import { nameMerger } from './mdns-names.js';
import { scannerFor } from './scanners.js';
import type { BackendName, ScanEvent, ScanTarget } from './types.js';

export interface DiscoveryOptions {
  readonly backend: BackendName;
  readonly signal: AbortSignal;
  readonly waitMs?: number;
  /** Look up names (reverse DNS, /etc/hosts; mDNS unless passive) for the hosts found. */
  readonly names: boolean;
  /** How long names may take, from the first lookup; an unanswering resolver costs this. */
  readonly namesTimeoutMs?: number;
  /**
   * Ask every answered address again with arping, for duplicate IPs (default: yes for the
   * kernel backend; arp-scan sees them itself, passive sends nothing).
   */
  readonly duplicates?: boolean;
  /**
   * More addresses for the duplicate check to ask on an interface (a watch asks every host
   * it knows: the kernel does not re-ask an address it holds an entry for, so a host that
   * changed its MAC or left shows up only when asked directly).
   */
  readonly alsoAsk?: (iface: string) => readonly string[];
}

const DEFAULT_NAMES_TIMEOUT_MS = 2000;

export async function discover(
  targets: readonly ScanTarget[],
  options: DiscoveryOptions,
  onEvent: (event: ScanEvent) => void,
): Promise<void> {
  const scanner = scannerFor(options.backend);
  // The resolver answers from /etc/hosts and from DNS alike: a name /etc/hosts gives that
  // address came from there.
  const etcHosts = options.names ? etcHostsNames() : Promise.resolve(new Map<string, string[]>());
  const merger = nameMerger((ip, name, from) => {
    if (from === 'mdns') return onEvent({ type: 'name', ip, name, source: 'mdns' });
    void etcHosts.then((hosts) =>
      onEvent({
        type: 'name',
        ip,
        name,
        source: hosts.get(ip)?.includes(name) ? 'hosts' : 'dns',
      }),
    );
  });
  const checkDups = options.duplicates ?? options.backend === 'kernel';
  const checks: Promise<void>[] = [];
  const names = options.names
    ? nameLookups(
        options.signal,
        merger.resolver,
        options.namesTimeoutMs ?? DEFAULT_NAMES_TIMEOUT_MS,
        merger.settled,
      )
    : null;
  // mDNS asks the LAN, so only a sweep does it: the passive backend promises no packet.
  const mdnsByIface = new Map<string, NameLookups>();
  const mdnsFor = (target: ScanTarget): NameLookups | null => {
    const local = target.localAddresses[0];
    if (!options.names || options.backend === 'passive' || local === undefined) return null;
    const key = `${target.iface} ${local}`;
    let lookups = mdnsByIface.get(key);
    if (!lookups) {
      lookups = mdnsLookups(options.signal, target.iface, local, merger.mdns, (message) =>
        onEvent({ type: 'warning', message }),
      );
      mdnsByIface.set(key, lookups);
    }
    return lookups;
  };
  try {
    for (const target of targets) {
      if (options.signal.aborted) return;
      const mdns = mdnsFor(target);
      const events = scanner.scan(target, {
        signal: options.signal,
        ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
      });
      // Each address is asked again as soon as it answered: the table does not wait for
      // the check, and most of it is over by the time the sweep's last grace ends.
      const dups =
        checkDups && !options.signal.aborted
          ? duplicateChecker(target.iface, options.signal, onEvent)
          : null;
      const mine = (ip: string) =>
        !ip.includes(':') &&
        prefixContains(target.prefix, ip) &&
        !target.localAddresses.includes(ip);
      try {
        for await (const event of events) {
          // While a batch goes out, the resolver's getents wait (see 'answers-in'): Node's
          // event loop stops while it starts each one, and so would the sending. The
          // duplicate check's arpings start at once: xargs starts them, at a lower priority
          // than the sweep (duplicate-check.ts).
          if (event.type === 'started' || event.type === 'batch') names?.hold();
          if (event.type === 'answers-in' || event.type === 'finished') names?.release();
          if (event.type === 'sighting' && event.sighting.via !== 'self') {
            names?.add(event.sighting.ip);
            mdns?.add(event.sighting.ip);
            if (event.sighting.mac !== null && mine(event.sighting.ip)) {
              dups?.add(event.sighting.ip);
            }
          }
          onEvent(event);
        }
        for (const ip of options.alsoAsk?.(target.iface) ?? []) if (mine(ip)) dups?.add(ip);
      } finally {
        names?.release();
        // Waited for below, even when the sweep failed: no arping outlives the discovery.
        if (dups) checks.push(dups.finish());
      }
    }
  } finally {
    await Promise.all([
      ...checks,
      names?.finish(),
      ...[...mdnsByIface.values()].map((m) => m.finish()),
    ]);
    await etcHosts;
    // mDNS names still held for a resolver that never settled (killed at its deadline).
    if (!options.signal.aborted) merger.flush();
  }
}

export function limitsOf(backend: BackendName): readonly string[] {
  return scannerFor(backend).limits;
}
