import { describe, expect, it } from 'vitest';
import { bindingFor as bindingIn, type KeyBinding } from './keymap.js';
import { KEYMAP } from '../../test/helpers/all-panels.js';

const bindingFor = (name: string, panel: string | null, table = KEYMAP) =>
  bindingIn(name, panel, table);
import { keysOf } from './input/keys.js';

describe('key names', () => {
  it.each([
    ['q', 'q'],
    ['G', 'G'],
    ['\u0003', 'ctrl+c'],
    ['\t', 'tab'],
    ['\u001b[Z', 'shift+tab'],
    ['\u001b[A', 'up'],
    ['\u001b[6~', 'pagedown'],
    [' ', 'space'],
    ['\r', 'enter'],
  ])('%j -> %s, a name the keymap binds', (chunk, name) => {
    expect(keysOf(chunk).map((k) => k.name)).toEqual([name]);
    expect(bindingFor(name, 'doctor')).toBeDefined();
  });
});

describe('the keymap table', () => {
  it('binds every key once per scope', () => {
    const seen = new Set<string>();
    for (const b of KEYMAP) {
      for (const k of b.keys) {
        const id = `${b.panel ?? '*'}:${k}`;
        expect(seen.has(id), `${id} is bound twice`).toBe(false);
        seen.add(id);
      }
    }
  });

  it('prefers a panel binding over a global one', () => {
    const table: KeyBinding[] = [
      { keys: ['s'], help: 'global', does: 'refresh' },
      { keys: ['s'], help: 'discover sweep', does: { type: 'sweep' }, panel: 'discover' },
    ];
    expect(bindingFor('s', 'discover', table)?.help).toBe('discover sweep');
    expect(bindingFor('s', 'overview', table)?.help).toBe('global');
  });

  it('numbers the panels 1 to 7', () => {
    expect(bindingFor('5', 'overview')?.does).toEqual({ type: 'panel/select', panel: 'arp' });
  });
});
