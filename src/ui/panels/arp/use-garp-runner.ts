/**
 * Runs the repair's probe for the panel: the check when a run enters `checking`, the send
 * when it enters `sending`, each event dispatched into the store. Cancelling (the cancel key,
 * or leaving the panel) aborts the signal, which kills the running arping.
 */
import { createContext, useContext, useEffect, useRef, type Dispatch } from 'react';
import type { Action } from '../../actions.js';
import { checkGarp, sendGarp, type GarpDeps } from '../../../probes/garp/probe.js';
import type { GarpEvent } from '../../../probes/garp/types.js';
import type { ArpRun } from './arp-state.js';

/**
 * What the probe runs against. Only runTui wires this host (liveGarpDeps); with nothing
 * wired (an App rendered by a test) a repair ends in words and sends nothing.
 */
export const GarpDepsContext = createContext<GarpDeps | null>(null);

async function* unwiredRun(): AsyncIterable<GarpEvent> {
  yield* [];
  throw new Error('no ARP sender is wired to this TUI');
}

export function useGarpRunner(run: ArpRun | null, dispatch: Dispatch<Action>): void {
  const provided = useContext(GarpDepsContext);
  const deps = useRef<GarpDeps | null>(provided);
  deps.current = provided;
  const started = useRef<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const id = run?.id ?? 0;
  const phase = run?.phase ?? null;
  const ready = run?.ready ?? null;
  const request = run?.request ?? null;

  useEffect(() => {
    if (request === null || (phase !== 'checking' && phase !== 'sending')) return;
    const key = `${id}:${phase}`;
    if (started.current === key) return;
    started.current = key;
    const controller = new AbortController();
    abort.current = controller;
    const wired = deps.current;
    const events: AsyncIterable<GarpEvent> =
      wired === null
        ? unwiredRun()
        : phase === 'checking'
          ? checkGarp(request, wired, controller.signal)
          : ready
            ? sendGarp(ready, wired, controller.signal)
            : (async function* () {})();
    void (async () => {
      try {
        for await (const event of events) dispatch({ type: 'arp/event', runId: id, event });
      } catch (err) {
        // A bug in the probe must not leave the panel spinning: end the run in words.
        const message = err instanceof Error ? err.message : String(err);
        dispatch({
          type: 'arp/event',
          runId: id,
          event: {
            type: 'finished',
            report: {
              request,
              plan: ready?.plan ?? null,
              arping: null,
              steps: ready?.steps ?? [],
              findings: [],
              outcome: 'failed',
              message: `the repair failed: ${message.split('\n')[0] ?? message}`,
              fix: [],
            },
          },
        });
      }
    })();
  }, [id, phase, ready, request, dispatch]);

  const cancelRequested = run?.cancelRequested ?? false;
  useEffect(() => {
    if (cancelRequested) abort.current?.abort();
  }, [cancelRequested]);

  // Leaving the panel stops the probe: nothing keeps sending behind the person's back.
  useEffect(() => () => abort.current?.abort(), []);
}
