/**
 * Loads the host state through the given loader, reporting into the store, and never
 * dispatches after unmount. The one way async work reaches the state.
 */
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import type { Action } from './actions.js';
import type { HostState } from '../state/host-state.js';

/**
 * Reads the host. A loader may first hand `early` a host that lacks what the first frame
 * does not show (the tools' versions: `tools` empty), so the first frame comes sooner.
 */
export type HostLoader = (early?: (host: HostState) => void) => Promise<HostState>;

/**
 * `opened`: the host the App opened with, already on screen. The first load goes on (the
 * tools' versions come with its whole host) without saying "loading" or handing it again.
 */
export function useHostLoader(
  load: HostLoader,
  dispatch: Dispatch<Action>,
  opened?: HostState,
): () => void {
  const mounted = useRef(true);
  const shown = useRef(opened);
  const refresh = useCallback(() => {
    const already = shown.current;
    shown.current = undefined;
    if (already === undefined) dispatch({ type: 'host/loading' });
    const loaded = (host: HostState) => {
      if (mounted.current && host !== already) {
        dispatch({ type: 'host/loaded', host, at: new Date() });
      }
    };
    load(loaded).then(loaded, (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (mounted.current)
        dispatch({ type: 'host/failed', error: message.split('\n')[0] ?? message });
    });
  }, [load, dispatch]);
  useEffect(() => {
    mounted.current = true;
    refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);
  return refresh;
}
