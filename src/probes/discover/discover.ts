/**
 * One discovery: every target swept by one backend, with names looked up for the hosts as
 * they come in. Events go to `onEvent` as they happen (the TUI streams them into its store,
 * the CLI folds them into a report). Aborting the signal stops everything, child processes
 * too.
 */
import { nameLookups } from './names.js';
import { scannerFor } from './scanners.js';
import type { BackendName, ScanEvent, ScanTarget } from './types.js';

export interface DiscoveryOptions {
  readonly backend: BackendName;
  readonly signal: AbortSignal;
  readonly waitMs?: number;
  /** Look up names (reverse DNS, /etc/hosts) for the hosts found. */
  readonly names: boolean;
  /** How long names may take, from the first lookup; an unanswering resolver costs this. */
  readonly namesTimeoutMs?: number;
}

const DEFAULT_NAMES_TIMEOUT_MS = 2000;

export async function discover(
  targets: readonly ScanTarget[],
  options: DiscoveryOptions,
  onEvent: (event: ScanEvent) => void,
): Promise<void> {
  const scanner = scannerFor(options.backend);
  const names = options.names
    ? nameLookups(
        options.signal,
        (ip, name) => onEvent({ type: 'name', ip, name }),
        options.namesTimeoutMs ?? DEFAULT_NAMES_TIMEOUT_MS,
      )
    : null;
  try {
    for (const target of targets) {
      if (options.signal.aborted) return;
      const events = scanner.scan(target, {
        signal: options.signal,
        ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
      });
      for await (const event of events) {
        if (event.type === 'sighting' && event.sighting.via !== 'self')
          names?.add(event.sighting.ip);
        onEvent(event);
      }
    }
  } finally {
    await names?.finish();
  }
}

export function limitsOf(backend: BackendName): readonly string[] {
  return scannerFor(backend).limits;
}
