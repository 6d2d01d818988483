import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  SIGNAL_EXIT_CODES,
  exitWaitsFor,
  stopOnHangUp,
  trapSignals,
  withSignals,
  type StopSignal,
  type TrapHost,
} from './signals.js';

/** A process that records its exit instead of ending: signals are emitted by the test. */
class FakeProcess extends EventEmitter implements TrapHost {
  readonly exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
  send(name: StopSignal): void {
    this.emit(name);
  }
}

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('trapSignals', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s aborts, awaits the cleanups, restores, then exits with 128 + its number',
    async (name) => {
      const p = new FakeProcess();
      const trap = trapSignals({ host: p });
      const order: string[] = [];
      trap.onCleanup(async () => {
        await later(5);
        order.push('cleanup');
      });
      trap.onRestore(() => order.push('restore'));
      expect(trap.signal.aborted).toBe(false);
      p.send(name);
      expect(trap.signal.aborted).toBe(true);
      expect(trap.signal.reason).toBe(name);
      expect(trap.received).toBe(name);
      // Nothing exits before the cleanup has finished.
      expect(p.exits).toEqual([]);
      expect(await trap.stopped).toBe(SIGNAL_EXIT_CODES[name]);
      expect(order).toEqual(['cleanup', 'restore']);
      expect(p.exits).toEqual([SIGNAL_EXIT_CODES[name]]);
      expect(p.listenerCount(name)).toBe(0);
    },
  );

  it("exit codes are the shell's 128 + signal number", () => {
    expect(SIGNAL_EXIT_CODES).toEqual({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 });
  });

  it('a second signal while cleaning up changes nothing: one stop, one exit, the first code', async () => {
    const p = new FakeProcess();
    const trap = trapSignals({ host: p });
    let cleanups = 0;
    trap.onCleanup(async () => {
      cleanups++;
      await later(5);
    });
    p.send('SIGTERM');
    p.send('SIGINT');
    p.send('SIGHUP');
    // Still listening meanwhile: without a listener Node's default would kill us mid-cleanup.
    trap.dispose();
    expect(p.listenerCount('SIGINT')).toBe(1);
    expect(await trap.stopped).toBe(143);
    await later(10);
    expect(cleanups).toBe(1);
    expect(p.exits).toEqual([143]);
  });

  it('exits at the deadline when a cleanup hangs, restoring the terminal all the same', async () => {
    const p = new FakeProcess();
    const trap = trapSignals({ host: p, deadlineMs: 30 });
    trap.onCleanup(() => new Promise(() => {}));
    let restored = false;
    trap.onRestore(() => {
      restored = true;
    });
    const started = Date.now();
    p.send('SIGHUP');
    expect(await trap.stopped).toBe(129);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(restored).toBe(true);
    expect(p.exits).toEqual([129]);
  });

  it('a cleanup or restore that throws does not stop the others or the exit', async () => {
    const p = new FakeProcess();
    const trap = trapSignals({ host: p });
    const ran: string[] = [];
    trap.onCleanup(() => {
      throw new Error('broken');
    });
    trap.onCleanup(() => ran.push('second cleanup'));
    trap.onRestore(() => {
      throw new Error('terminal gone');
    });
    trap.onRestore(() => ran.push('second restore'));
    p.send('SIGINT');
    expect(await trap.stopped).toBe(130);
    expect(ran).toEqual(['second cleanup', 'second restore']);
    expect(p.exits).toEqual([130]);
  });

  it('a cleanup taken back is not run', async () => {
    const p = new FakeProcess();
    const trap = trapSignals({ host: p });
    let ran = false;
    const off = trap.onCleanup(() => {
      ran = true;
    });
    off();
    p.send('SIGTERM');
    await trap.stopped;
    expect(ran).toBe(false);
  });

  it('dispose with no signal gives the signals back and exits nothing', () => {
    const p = new FakeProcess();
    const trap = trapSignals({ host: p });
    expect(p.listenerCount('SIGTERM')).toBe(1);
    trap.dispose();
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      expect(p.listenerCount(name)).toBe(0);
    }
    expect(trap.received).toBeNull();
    expect(trap.exitCode).toBe(0);
    expect(p.exits).toEqual([]);
  });
});

describe('withSignals', () => {
  it("returns the work's code when no signal came, and gives the signals back", async () => {
    const p = new FakeProcess();
    expect(await withSignals(async () => 1, { host: p })).toBe(1);
    expect(p.listenerCount('SIGHUP')).toBe(0);
    expect(p.exits).toEqual([]);
  });

  it('on HUP the exit waits for the work to wind down and print; both say 129', async () => {
    const p = new FakeProcess();
    const printed: string[] = [];
    const code = await withSignals(
      (signal) =>
        new Promise<number>((resolve) => {
          signal.addEventListener('abort', () => {
            // Winding down takes a moment (children killed and waited for), then it prints.
            void later(10).then(() => {
              printed.push('partial report');
              resolve(0);
            });
          });
          p.send('SIGHUP');
        }),
      { host: p },
    );
    expect(code).toBe(129);
    expect(printed).toEqual(['partial report']);
    await later(0);
    expect(p.exits).toEqual([129]);
  });
});

describe('exitWaitsFor', () => {
  it('a work that throws while winding down has its error printed before the exit', async () => {
    const p = new FakeProcess();
    const said: string[] = [];
    // The entry point's shape: the work's error climbs to a catch that needs a moment
    // (describing the error loads a module) before it prints.
    const run = withSignals(
      async (signal) => {
        p.send('SIGHUP');
        await later(1);
        throw new Error(`read cancelled: ${String(signal.reason)}`);
      },
      { host: p },
    ).catch(async (err: unknown) => {
      await later(20);
      said.push(err instanceof Error ? err.message : String(err));
      said.push(`exits so far: ${p.exits.length}`);
    });
    exitWaitsFor(run);
    await run;
    await later(0);
    expect(said).toEqual(['read cancelled: SIGHUP', 'exits so far: 0']);
    expect(p.exits).toEqual([129]);
  });

  it('a run that never settles holds the exit only until the deadline', async () => {
    const p = new FakeProcess();
    const trap = trapSignals({ host: p, deadlineMs: 30 });
    const release = exitWaitsFor(new Promise(() => {}));
    p.send('SIGTERM');
    expect(await trap.stopped).toBe(143);
    expect(p.exits).toEqual([143]);
    release();
  });
});

describe('stopOnHangUp', () => {
  it('a terminal gone under a write (EIO) stops the trap set, as SIGHUP', async () => {
    const p = new FakeProcess();
    const trap = trapSignals({ host: p });
    stopOnHangUp('EIO', 0, p);
    expect(trap.received).toBe('SIGHUP');
    expect(await trap.stopped).toBe(129);
  });

  it("a pipe's reader gone (EPIPE) cleans up and keeps the command's own code", async () => {
    const p = new FakeProcess();
    const trap = trapSignals({ host: p });
    let cleaned = false;
    trap.onCleanup(() => {
      cleaned = true;
    });
    stopOnHangUp('EPIPE', 1, p);
    expect(await trap.stopped).toBe(1);
    expect(cleaned).toBe(true);
  });

  it('with no trap set, exits at once with the code', () => {
    const p = new FakeProcess();
    stopOnHangUp('EPIPE', 0, p);
    expect(p.exits).toEqual([0]);
  });
});
