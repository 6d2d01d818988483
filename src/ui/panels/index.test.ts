import { describe, expect, it } from 'vitest';
import { loadPanels, PANEL_TABS, START_PANELS } from './index.js';
import { PANELS } from './all.js';

describe('the tabs known before the panels load', () => {
  it('name every panel, in its tab order, with its own title', () => {
    expect(PANEL_TABS).toEqual(PANELS.map((p) => ({ id: p.id, title: p.title })));
  });

  it('start with the Overview, and loadPanels gives the whole list', async () => {
    expect(START_PANELS.map((p) => p.id)).toEqual(['overview']);
    expect(START_PANELS[0]).toBe(PANELS[0]);
    expect(await loadPanels()).toBe(PANELS);
  });
});
