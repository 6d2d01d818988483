import { describe, expect, it } from 'vitest';
import { initialState, reducer } from '../../test/helpers/all-panels.js';
import { buildHostState } from '../state/host-state.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';

const start = initialState({ kind: 'live' }, { columns: 80, rows: 24 });

describe('reducer', () => {
  it('cycles panels both ways, wrapping around', () => {
    expect(reducer(start, { type: 'panel/cycle', by: -1 }).panel).toBe('path');
    expect(reducer(start, { type: 'panel/cycle', by: 1 }).panel).toBe('discover');
  });

  it('closes the help when a panel is chosen', () => {
    const withHelp = reducer(start, { type: 'help/toggle' });
    expect(withHelp.help).toBe(true);
    expect(reducer(withHelp, { type: 'panel/select', panel: 'vlan' })).toMatchObject({
      panel: 'vlan',
      help: false,
    });
  });

  it('keeps the old host while a refresh fails, and says why', () => {
    const host = buildHostState(routerSnapshot());
    const at = new Date(0);
    const loaded = reducer(reducer(start, { type: 'host/loading' }), {
      type: 'host/loaded',
      host,
      at,
    });
    expect(loaded).toMatchObject({ loading: false, host, lastRefresh: at, error: null });
    const failed = reducer(reducer(loaded, { type: 'host/loading' }), {
      type: 'host/failed',
      error: 'boom',
    });
    expect(failed).toMatchObject({ loading: false, host, error: 'boom' });
  });

  it('scrolls the current panel only, never above the top', () => {
    const down = reducer(start, { type: 'scroll/by', lines: 3 });
    expect(down.scroll['overview']).toBe(3);
    expect(reducer(down, { type: 'scroll/by', lines: -10 }).scroll['overview']).toBe(0);
    expect(down.scroll['discover']).toBe(0);
    // A page is the body height less one line of overlap.
    expect(reducer(start, { type: 'scroll/page', pages: 1 }).scroll['overview']).toBe(20);
    const bottom = reducer(start, { type: 'scroll/edge', edge: 'bottom' });
    expect(reducer(bottom, { type: 'scroll/by', lines: -1 }).scroll['overview']).toBeGreaterThan(
      1e9,
    );
  });
});
