import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SIGNAL_EXIT_CODES, trapSignals, withSignals, type SignalSource } from './signals.js';

const fakeProcess = () => new EventEmitter() as EventEmitter & SignalSource;

describe('trapSignals', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s aborts the work, once', (name) => {
    const p = fakeProcess();
    const trap = trapSignals(p);
    expect(trap.signal.aborted).toBe(false);
    p.emit(name);
    p.emit('SIGINT');
    expect(trap.signal.aborted).toBe(true);
    expect(trap.received).toBe(name);
    expect(trap.exitCode).toBe(SIGNAL_EXIT_CODES[name]);
    trap.dispose();
    expect(p.listenerCount(name)).toBe(0);
  });

  it("exit codes are the shell's 128 + signal number", () => {
    expect(SIGNAL_EXIT_CODES).toEqual({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 });
  });
});

describe('withSignals', () => {
  it("returns the work's code when no signal came, and gives the signals back", async () => {
    const p = fakeProcess();
    expect(await withSignals(async () => 1, p)).toBe(1);
    expect(p.listenerCount('SIGHUP')).toBe(0);
  });

  it('returns 129 after HUP, once the work has wound down', async () => {
    const p = fakeProcess();
    let woundDown = false;
    const code = await withSignals(
      (signal) =>
        new Promise<number>((resolve) => {
          signal.addEventListener('abort', () => {
            woundDown = true;
            resolve(0);
          });
          p.emit('SIGHUP');
        }),
      p,
    );
    expect(woundDown).toBe(true);
    expect(code).toBe(129);
  });
});
