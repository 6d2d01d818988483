import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { KEYMAP, bindingFor, keyName, type KeyBinding } from './keymap.js';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('keyName', () => {
  it.each([
    ['q', {}, 'q'],
    ['G', {}, 'G'],
    ['c', { ctrl: true }, 'ctrl+c'],
    ['', { tab: true }, 'tab'],
    ['', { tab: true, shift: true }, 'shift+tab'],
    ['', { upArrow: true }, 'up'],
    ['', { pageDown: true }, 'pagedown'],
    [' ', {}, 'space'],
    ['xyz', {}, null],
  ])('%j %j -> %s', (input, flags, name) => {
    expect(keyName(input, { ...noKey, ...flags })).toBe(name);
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
