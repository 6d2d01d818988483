/**
 * Ending a command on a signal, the same way for all three that mean "stop": INT (Ctrl-C),
 * TERM (kill, systemd) and HUP (the SSH session that ran us went away). Node's default for
 * each is to die at once, which leaves our children (ip monitor, arp-scan, arping, mtr)
 * running, re-parented to init. With a trap, the signal aborts the command's AbortSignal
 * instead: probes stop, stream.ts kills their children and waits for them, and the command
 * returns the shell's exit code for the signal (128 + its number).
 *
 * Use: `const trap = trapSignals(); try { ...work with trap.signal...; if (trap.received)
 * return trap.exitCode; } finally { trap.dispose(); }`, or `withSignals(work)`.
 */

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** The exit code a shell gives a command ended by the signal: 128 + its number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<StopSignal, number>> = {
  SIGHUP: 129,
  SIGINT: 130,
  SIGTERM: 143,
};

/** What the process object must offer: process itself, or a fake in tests. */
export interface SignalSource {
  on(event: StopSignal, listener: () => void): unknown;
  off(event: StopSignal, listener: () => void): unknown;
}

export interface SignalTrap {
  /** Aborted on the first signal, with the signal's name as reason. */
  readonly signal: AbortSignal;
  /** The first signal received, or null. */
  readonly received: StopSignal | null;
  /** The exit code for the signal received (0 when none). */
  readonly exitCode: number;
  /** Gives the signals back to Node's defaults. */
  readonly dispose: () => void;
}

/**
 * Catches INT, TERM and HUP until disposed. The first aborts the signal; the work is expected
 * to wind down (its children killed) and return. A second signal while it does is ignored on
 * purpose: dying then would orphan exactly the children the first one is ending.
 */
export function trapSignals(source: SignalSource = process): SignalTrap {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  const listeners = STOP_SIGNALS.map((name) => {
    const listener = () => {
      if (received !== null) return;
      received = name;
      controller.abort(name);
    };
    source.on(name, listener);
    return [name, listener] as const;
  });
  let disposed = false;
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    get exitCode() {
      return received === null ? 0 : SIGNAL_EXIT_CODES[received];
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const [name, listener] of listeners) source.off(name, listener);
    },
  };
}

/**
 * Runs `work` with an AbortSignal that the three signals abort; returns its exit code, or the
 * signal's exit code when one arrived (whatever the work returned after winding down).
 */
export async function withSignals(
  work: (signal: AbortSignal) => Promise<number>,
  source: SignalSource = process,
): Promise<number> {
  const trap = trapSignals(source);
  try {
    const code = await work(trap.signal);
    return trap.received ? trap.exitCode : code;
  } finally {
    trap.dispose();
  }
}
