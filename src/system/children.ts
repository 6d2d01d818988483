/**
 * Every child process netdoctor starts (runCommand, streamLines, mtr-packet) is registered
 * here until it has exited. Aborting a job's signal ends its children one by one; this is the
 * net under that: when the process exits, by any way (the end of a command, the signal trap's
 * deadline), a child still alive is killed for good, so none is left re-parented to init.
 */

/** What a registered child must offer: a ChildProcess, an execa subprocess, or a fake. */
export interface Killable {
  readonly pid?: number | undefined;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'exit' | 'error', listener: () => void): unknown;
}

const live = new Set<Killable>();
let hooked = false;

/** Registers `child` until it exits; returns it, for chaining. */
export function trackChild<C extends Killable>(child: C): C {
  if (child.exitCode !== null || child.signalCode !== null) return child;
  live.add(child);
  const forget = () => live.delete(child);
  child.once('exit', forget);
  // A child that could not start emits 'error' and never 'exit'.
  child.once('error', forget);
  if (!hooked) {
    hooked = true;
    // 'exit' listeners run synchronously as the process ends: kill() is synchronous too.
    process.once('exit', killLeftoverChildren);
  }
  return child;
}

/** How many registered children are still running (tests; the trap's report). */
export function liveChildCount(): number {
  return live.size;
}

/** SIGKILLs every registered child still running. Returns how many it killed. */
export function killLeftoverChildren(): number {
  let killed = 0;
  for (const child of live) {
    live.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      if (child.kill('SIGKILL')) killed++;
    } catch {
      // already gone: nothing to do
    }
  }
  return killed;
}
