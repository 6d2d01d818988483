import { describe, expect, it } from 'vitest';
import type { KeyBinding } from '../keymap.js';
import { helpLines, initialState, KEYMAP, reducer } from '../../../test/helpers/all-panels.js';

describe('helpLines', () => {
  const table: KeyBinding[] = [
    ...KEYMAP.filter((b) => b.panel === undefined),
    { keys: ['s'], help: 'sweep the LAN', does: { type: 'sweep' }, panel: 'discover' },
    { keys: ['down'], help: 'next host', does: { type: 'move' }, panel: 'discover' },
  ];

  it("lists the panel's keys first, and leaves out the global keys it rebinds", () => {
    const text = helpLines('discover', table).map((l) => l.text);
    expect(text[0]).toMatch(/^Discover: /);
    expect(text[1]).toBe('Keys on Discover');
    expect(text).toContain('  s               sweep the LAN');
    expect(text).toContain('  down            next host');
    expect(text).toContain('  j               scroll down');
    expect(text.indexOf('Keys everywhere')).toBeGreaterThan(
      text.indexOf('  down            next host'),
    );
  });

  it("lists the question line's keys on a panel that asks", () => {
    const text = helpLines('route').map((l) => l.text);
    expect(text).toContain('On its question line');
    expect(text.some((t) => /^ {2}ctrl\+u\/k\/w +erase before the cursor/.test(t))).toBe(true);
    expect(helpLines('overview').map((l) => l.text)).not.toContain('On its question line');
  });

  it('shows only the global keys on a panel without its own', () => {
    expect(helpLines('overview', table)[1]?.text).toBe('Keys everywhere');
  });
});

describe('scrolling while the help is open', () => {
  it('moves the help, not the panel, and starts at the top each time', () => {
    const open = reducer(initialState({ kind: 'live' }, { columns: 80, rows: 24 }), {
      type: 'help/toggle',
    });
    const scrolled = reducer(open, { type: 'scroll/by', lines: 2 });
    expect(scrolled.helpScroll).toBe(2);
    expect(scrolled.scroll['overview']).toBe(0);
    const reopened = reducer(reducer(scrolled, { type: 'help/toggle' }), { type: 'help/toggle' });
    expect(reopened.helpScroll).toBe(0);
  });
});
