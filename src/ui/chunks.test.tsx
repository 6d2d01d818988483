/**
 * Keys that arrive together (issue 18): over SSH and on a paste several keys reach the app in
 * one read. Each test writes whole chunks to the fake terminal in one write and waits for
 * the frame to change, never for a time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App.js';
import { buildHostState, type HostState } from '../state/host-state.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';
import { renamedRouterSnapshot } from '../../test/helpers/hostile.js';
import { fits, frameWidth, renderTui, type Tui } from '../../test/helpers/ui.js';
import { UNWIRED_PORTS, type UiPorts } from './ports.js';
import { PASTE_END, PASTE_START } from './input/keys.js';
import { columnsOf, headColumns } from '../text/width.js';

const router = buildHostState(routerSnapshot());
let tui: Tui | undefined;
afterEach(() => tui?.unmount());

function open(host: HostState = router, ports: UiPorts = UNWIRED_PORTS, live = false): Tui {
  tui = renderTui(
    <App
      origin={live ? { kind: 'live' } : { kind: 'snapshot', path: 'router.json' }}
      loadHost={async () => host}
      color={false}
      ports={ports}
    />,
  );
  return tui;
}

async function routePanel(t: Tui): Promise<void> {
  await t.waitForContent('Interfaces');
  await t.pressAndWaitForChange('4');
  await t.waitForContent('/: ask where a packet goes');
}

describe('keys that arrive together', () => {
  it('"/8.8.8.8\\r" in one write opens the line, types the question and asks it', async () => {
    const t = open();
    await routePanel(t);
    await t.pressAndWaitForChange('/8.8.8.8\r');
    const frame = fits(await t.waitForContent('Route to 8.8.8.8'));
    expect(frame).not.toContain('route to>');
  });

  it('thirty DEL bytes in one write erase thirty characters', async () => {
    const t = open();
    await routePanel(t);
    await t.pressAndWaitForChange(`/${'1'.repeat(40)}`);
    await t.waitForContent(`route to> ${'1'.repeat(40)}▏`);
    await t.pressAndWaitForChange('\u007f'.repeat(30));
    const frame = await t.waitForContent(`route to> ${'1'.repeat(10)}▏ `);
    expect(frame).not.toContain('1'.repeat(11));
  });

  it('Ctrl-U clears the line, and what follows in the chunk is the new question', async () => {
    const t = open();
    await routePanel(t);
    await t.pressAndWaitForChange('/example.org');
    await t.pressAndWaitForChange('\u0015198.51.100.254\r');
    await t.waitForContent('Route to 198.51.100.254');
  });

  it('takes a bracketed paste as text: its newline does not ask, Enter does', async () => {
    const t = open();
    await routePanel(t);
    await t.pressAndWaitForChange(`/${PASTE_START}198.51.100.254\nfrom 198.51.100.1\n${PASTE_END}`);
    const pasted = await t.waitForContent('route to> 198.51.100.254 from 198.51.100.1 ▏');
    expect(pasted).not.toContain('Route to 198.51.100.254');
    await t.pressAndWaitForChange('\r');
    const frame = await t.waitForContent('Route to 198.51.100.254');
    expect(frame).toContain('  source    198.51.100.1 (given with from)');
  });

  it('"/" reopens with the last question offered, and typing replaces it', async () => {
    const t = open();
    await routePanel(t);
    await t.pressAndWaitForChange('/198.51.100.254\r');
    await t.waitForContent('Route to 198.51.100.254');
    await t.pressAndWaitForChange('/');
    await t.waitForContent('route to> 198.51.100.254▏  Enter: ask again');
    await t.pressAndWaitForChange('192.0.2.7\r');
    await t.waitForContent('Route to 192.0.2.7');
    // Up walks back to the first question; Enter asks it.
    await t.pressAndWaitForChange('/\u001b[A\r');
    await t.waitForContent('Route to 198.51.100.254');
  });

  it('"23" in one write switches panel twice; "3\\t" lands on the panel after VLAN', async () => {
    const t = open();
    await t.waitForContent('Interfaces');
    await t.pressAndWaitForChange('23');
    await t.waitForContent('no VLAN interfaces');
    await t.pressAndWaitForChange('1');
    await t.waitForContent('Interfaces');
    await t.pressAndWaitForChange('3\t');
    await t.waitForContent('/: ask where a packet goes');
  });

  it('Ctrl-C quits from an open question line, as from anywhere', async () => {
    const t = open();
    await routePanel(t);
    await t.pressAndWaitForChange('/10.0.0');
    await t.waitForContent('route to> 10.0.0▏');
    await t.press('\u0003');
    await t.exited();
  });

  it('keeps text typed right after "/" on every panel that asks', async () => {
    const t = open();
    await t.waitForContent('Interfaces');
    for (const [panel, open, prompt] of [
      ['3', 'm', 'make VLAN> '],
      ['6', '/', 'doctor to> '],
      ['7', 'o', 'plan file: '],
      ['2', '/', '/'],
    ] as const) {
      await t.pressAndWaitForChange(panel);
      await t.pressAndWaitForChange(`${open}4q2`);
      await t.waitForContent(`${prompt}4q2▏`);
      await t.pressAndWaitForChange('\u001b');
    }
  });
});

describe('wide text at 80 columns', () => {
  // A hostname, an interface name and a neighbour's name in CJK and emoji, each 2 columns.
  const wide = buildHostState(
    renamedRouterSnapshot('東京ネ😀', {
      hostname: `路由器東京オフィス本社ネットワーク${'😀'.repeat(24)}`,
    }),
  );
  const named = new Map(
    wide.neighbours.map((n) => [n.dst, `ラズベリーパイ${'🍓'.repeat(12)}.local`]),
  );
  const ports: UiPorts = {
    ...UNWIRED_PORTS,
    discover: { ...UNWIRED_PORTS.discover, localNames: async () => named },
  };

  it('never passes 80 columns or pushes the tab bar off, on any panel', async () => {
    const t = open(wide, ports);
    await t.waitForContent('Interfaces');
    for (const panel of ['1', '2', '3', '4', '5', '6', '7']) {
      await t.press(panel);
      const frame = t.lastFrame();
      expect(frameWidth(frame), `panel ${panel}:\n${frame}`).toBeLessThanOrEqual(80);
      expect(frame.split('\n')).toHaveLength(23);
      expect(frame.split('\n')[0]).toMatch(/^ 1 Overview /);
    }
    // A question line of wide text keeps its end and cursor in sight, inside the width.
    await t.pressAndWaitForChange('4');
    await t.pressAndWaitForChange(`/${'東'.repeat(70)}`);
    const asking = await t.waitForContent('東▏');
    expect(frameWidth(asking)).toBeLessThanOrEqual(80);
  });

  it('aligns the Discover table of wide names (live: named from /etc/hosts)', async () => {
    const t = open(wide, ports, true);
    await t.waitForContent('Interfaces');
    await t.pressAndWaitForChange('2');
    const table = await t.waitForContent('ラズベリー…');
    expect(frameWidth(table)).toBeLessThanOrEqual(80);
    expect(table.split('\n')[0]).toMatch(/^ 1 Overview /);
    // Every row's columns start where the header's do: ADDRESS, MAC, VENDOR, NAME.
    const lines = table.split('\n');
    const header = lines.find((l) => l.includes('ADDRESS')) ?? '';
    const nameAt = columnsOf(header.slice(0, header.indexOf('NAME')));
    const flagsAt = columnsOf(header.slice(0, header.indexOf('FLAGS')));
    const rows = lines.filter((l) => l.includes('ラズベリー'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const at = row.indexOf('ラ');
      expect(columnsOf(row.slice(0, at))).toBe(nameAt);
      // The name is cut to its column and padded to it: FLAGS starts where the header says.
      const cell = headColumns(row.slice(at), flagsAt - nameAt);
      expect(columnsOf(cell)).toBe(flagsAt - nameAt);
      expect(cell).toMatch(/… +$/);
    }
  });
});
