/**
 * Loads the host state through the given loader, reporting into the store, and never
 * dispatches after unmount. The one way async work reaches the state.
 */
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import type { Action } from './actions.js';
import type { HostState } from '../state/host-state.js';

export type HostLoader = () => Promise<HostState>;

export function useHostLoader(load: HostLoader, dispatch: Dispatch<Action>): () => void {
  const mounted = useRef(true);
  const refresh = useCallback(() => {
    dispatch({ type: 'host/loading' });
    load().then(
      (host) => {
        if (mounted.current) dispatch({ type: 'host/loaded', host, at: new Date() });
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        if (mounted.current)
          dispatch({ type: 'host/failed', error: message.split('\n')[0] ?? message });
      },
    );
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
