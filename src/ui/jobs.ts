/**
 * Long-running work (a sweep, a repair, a trace, doctor probes) lives here, owned by the app
 * and not by a panel: started by a key, stopped by a key or on quit, never by switching
 * panels. A job keeps its own state and folds its events into it as they come; the UI reads
 * `snapshot()` on a steady tick (trippy's `Tracer::snapshot()`), so a burst of 10,000 events
 * costs a few frames, not 10,000.
 */
import { firstLine } from '../text/first-line.js';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface Job<Snap> {
  /** One job per key at a time: `discover`, `arp`, `trace`. */
  readonly key: string;
  /** What runs, in a few words, for the tab bar and status line: `sweep lan0 198.51.100.0/24`. */
  readonly label: string;
  readonly status: () => JobStatus;
  /** The job's state now; the same object until something changed. */
  readonly snapshot: () => Snap;
  /** Asks the job to stop (it kills its children); the status turns `cancelled`. */
  readonly cancel: () => void;
}

/** What a running job's body may do. */
export interface JobControl<Snap> {
  readonly signal: AbortSignal;
  /** Replaces the job's state. Cheap: nothing renders until the next tick. */
  readonly update: (change: (current: Snap) => Snap) => void;
  readonly current: () => Snap;
  /** Tells the app at once (not on the next tick): for a change the person waits on. */
  readonly notify: () => void;
}

type Listener = () => void;

export class JobStore {
  private readonly jobs = new Map<string, Job<unknown>>();
  private readonly listeners = new Set<Listener>();
  /** Each job's body until it has settled (its children killed and waited for). */
  private readonly bodies = new Set<Promise<void>>();

  /**
   * Starts `body` as the job under `key`, cancelling one that runs there. `finish` turns
   * the body's end (or failure) into the final state.
   */
  start<Snap>(
    key: string,
    label: string,
    initial: Snap,
    body: (ctl: JobControl<Snap>) => Promise<void>,
    finish: (current: Snap, end: { status: JobStatus; error: string | null }) => Snap = (s) => s,
  ): Job<Snap> {
    this.jobs.get(key)?.cancel();
    const controller = new AbortController();
    let state = initial;
    let status: JobStatus = 'running';
    const job: Job<Snap> = {
      key,
      label,
      status: () => status,
      snapshot: () => state,
      cancel: () => controller.abort(),
    };
    this.jobs.set(key, job as Job<unknown>);
    const ctl: JobControl<Snap> = {
      signal: controller.signal,
      update: (change) => {
        if (status === 'running') state = change(state);
      },
      current: () => state,
      notify: () => this.emit(),
    };
    const end = (ended: JobStatus, error: string | null) => {
      status = ended;
      state = finish(state, { status: ended, error });
      this.emit();
    };
    this.emit();
    const settled = body(ctl).then(
      () => end(controller.signal.aborted ? 'cancelled' : 'done', null),
      (err: unknown) => end(controller.signal.aborted ? 'cancelled' : 'failed', firstLine(err)),
    );
    this.bodies.add(settled);
    void settled.finally(() => this.bodies.delete(settled));
    return job;
  }

  get<Snap>(key: string): Job<Snap> | undefined {
    return this.jobs.get(key) as Job<Snap> | undefined;
  }

  cancel(key: string): void {
    this.jobs.get(key)?.cancel();
  }

  running(): Job<unknown>[] {
    return [...this.jobs.values()].filter((j) => j.status() === 'running');
  }

  /** On quit: every job stops and kills its children. */
  cancelAll(): void {
    for (const job of this.jobs.values()) job.cancel();
  }

  /**
   * Every job stops, and this resolves once each has ended: its children killed and waited
   * for, the namespaces of a --prove deleted. What runs before the process may exit.
   */
  async stopAll(): Promise<void> {
    this.cancelAll();
    while (this.bodies.size > 0) await Promise.allSettled([...this.bodies]);
  }

  /** Called when a job starts or ends, or asks to be drawn now. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
