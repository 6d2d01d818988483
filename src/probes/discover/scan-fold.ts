/**
 * The one fold of sweep events into what a sweep found: the host table, the warnings and
 * limits (each said once), the duplicate check's evidence, and the sweep's counters. `scan`,
 * `scan --watch` and the Discover panel all fold their events here, so a `duplicate` event
 * (or any other) means the same thing in each of them.
 */
import { HostTable } from './host-table.js';
import { hostKey, type DuplicateEvidence, type HostContext } from './hosts.js';
import type { ScanEvent } from './types.js';

export class ScanFold {
  readonly table: HostTable;
  /** Warnings in the order they came, each once. */
  readonly warnings: string[] = [];
  /** What the run could not see, each once. */
  readonly limits: string[] = [];
  /** The duplicate check's own evidence, by host key. */
  readonly evidence = new Map<string, DuplicateEvidence>();
  /** Sweeps that ended before their last address, and why. */
  readonly stoppedEarly: string[] = [];
  sweepStart: number | null = null;
  /**
   * From the first sweep's start to the first answer of another host: when it reached this
   * fold (on screen) with a clock, else when it was seen (a replay has only the events).
   */
  firstHostMs: number | null = null;
  sent = 0;
  sendErrors = 0;
  /** Warnings and limits together, each once, in the order they came: the panel's list. */
  readonly messages: string[] = [];

  constructor(
    ctxOrTable: HostContext | HostTable,
    limits: readonly string[] = [],
    /** Epoch ms now (the clock the sweep's `started` is on), for firstHostMs. */
    private readonly now: (() => number) | null = null,
  ) {
    this.table = ctxOrTable instanceof HostTable ? ctxOrTable : new HostTable(ctxOrTable);
    for (const l of limits) this.addOnce(this.limits, l);
  }

  /** Folds one event in. */
  apply(event: ScanEvent): void {
    switch (event.type) {
      case 'started':
        this.sweepStart ??= event.at;
        return;
      case 'sighting':
        this.table.add(event.sighting);
        if (this.firstHostMs === null && event.sighting.via !== 'self' && this.sweepStart !== null)
          this.firstHostMs = (this.now?.() ?? event.sighting.at) - this.sweepStart;
        return;
      case 'name':
        this.table.name(event.ip, event.name, event.source ?? null);
        return;
      case 'warning':
        this.addOnce(this.warnings, event.message);
        return;
      case 'limit':
        this.addOnce(this.limits, event.message);
        return;
      case 'duplicate':
        this.evidence.set(hostKey(event.iface, event.ip), {
          source: event.source,
          lines: event.lines,
          current: event.current,
        });
        return;
      case 'finished':
        this.sent += event.sent;
        this.sendErrors += event.sendErrors;
        if (event.stopped !== undefined) this.stoppedEarly.push(event.stopped);
        return;
      case 'batch':
      case 'answers-in':
        return;
    }
  }

  private addOnce(list: string[], message: string): void {
    if (!list.includes(message)) list.push(message);
    if (!this.messages.includes(message)) this.messages.push(message);
  }
}
