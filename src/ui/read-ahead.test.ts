import { describe, expect, it } from 'vitest';
import { buildHostState, type HostState } from '../state/host-state.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';
import { readAhead } from './read-ahead.js';

const whole = buildHostState(routerSnapshot());
const partial: HostState = { ...whole, tools: [] };

/** A loader that hands its early host, then resolves, when the test says. */
function controlled() {
  const calls: ((host: HostState) => void)[] = [];
  let finish: (host: HostState) => void = () => {};
  let fail: (err: Error) => void = () => {};
  const load = (early?: (host: HostState) => void) => {
    calls.push(early ?? (() => {}));
    return new Promise<HostState>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { load, calls, finish: (h: HostState) => finish(h), fail: (e: Error) => fail(e) };
}

describe('readAhead', () => {
  it('starts the read at once and gives it to the first load, early host included', async () => {
    const c = controlled();
    const { loadHost: load } = readAhead(c.load);
    expect(c.calls).toHaveLength(1);
    c.calls[0]!(partial); // the early host arrives before the App asks
    const seen: HostState[] = [];
    const read = load((h) => seen.push(h));
    expect(seen).toEqual([partial]);
    c.finish(whole);
    expect(await read).toBe(whole);
    expect(c.calls).toHaveLength(1);
  });

  it('passes on an early host that comes after the App asked; a refresh reads again', async () => {
    const c = controlled();
    const { loadHost: load } = readAhead(c.load);
    const seen: HostState[] = [];
    const read = load((h) => seen.push(h));
    c.calls[0]!(partial);
    expect(seen).toEqual([partial]);
    c.finish(whole);
    await read;
    void load();
    expect(c.calls).toHaveLength(2);
  });

  it('keeps a failure for the App to show, not an unhandled rejection', async () => {
    const c = controlled();
    const { loadHost: load } = readAhead(c.load);
    c.fail(new Error('ip: not found'));
    await new Promise((r) => setTimeout(r, 0));
    await expect(load()).rejects.toThrow('ip: not found');
  });

  it('opens with the early host, else the whole one, else nothing when the read failed', async () => {
    const a = controlled();
    const early = readAhead(a.load).opening;
    a.calls[0]!(partial);
    a.finish(whole);
    expect(await early).toBe(partial);
    const b = controlled();
    const wholeFirst = readAhead(b.load).opening;
    b.finish(whole);
    expect(await wholeFirst).toBe(whole);
    const c = controlled();
    const failed = readAhead(c.load).opening;
    c.fail(new Error('ip: not found'));
    expect(await failed).toBeUndefined();
  });
});
