/**
 * Keys that arrive together, in a real pty (issue 18): the TUI on a lab host, its Route panel
 * asked by whole chunks as SSH and a paste deliver them: "/DEST\r" in one write, thirty DELs
 * in one write, Ctrl-U and a bracketed paste; the answer (the kernel's too) on the screen.
 * Bracketed paste is turned on with the TUI and off when it gives the terminal back.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeLab, type Lab } from './lab.js';
import { gaveScreenBack, startTuiInPty, type PtyTui } from './tui-pty.js';

const PASTE_ON = '\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';
const DEST = '198.18.0.2';

describeLab('the TUI takes every key of a chunk', (lab: Lab) => {
  let c = '';
  const started: PtyTui[] = [];
  afterEach(() => {
    for (const tui of started.splice(0)) tui.kill();
  });

  beforeAll(() => {
    c = lab.addHost('c');
    const r = lab.addHost('r');
    lab.wire(c, 'eth0', r, 'c0');
    lab.ip(c, 'addr', 'add', '198.51.100.2/24', 'dev', 'eth0');
    lab.ip(r, 'addr', 'add', '198.51.100.1/24', 'dev', 'c0');
    lab.ip(c, 'route', 'add', '198.18.0.0/15', 'via', '198.51.100.1');
  });

  it('answers "/DEST\\r" written at once, after DELs, Ctrl-U and a paste', async () => {
    const tui = startTuiInPty(c);
    started.push(tui);
    await tui.waitFor(/Interfaces \(\d+\)/);
    expect(tui.raw()).toContain(PASTE_ON);
    await tui.keys('4');
    await tui.waitFor(/Which way does this host send a packet/);
    // The question and its Enter in one write: the Enter is not lost.
    await tui.keys(`/${DEST}\r`);
    await tui.waitFor(/Route to 198\.18\.0\.2[\s\S]*kernel agrees/);
    // Thirty DELs in one write erase thirty characters, then the rest of the chunk asks.
    await tui.keys(`/${'9'.repeat(30)}`, `${'\u007f'.repeat(30)}198.18.0.7\r`);
    await tui.waitFor(/Route to 198\.18\.0\.7[\s\S]*kernel agrees/);
    // Ctrl-U clears the offered question; a paste's newline is text; Enter asks.
    await tui.keys(`/\u0015\u001b[200~198.18.0.9\n\u001b[201~`, '\r');
    await tui.waitFor(/Route to 198\.18\.0\.9[\s\S]*kernel agrees/);
    // Ctrl-C from an open question line quits, and the terminal is given back.
    await tui.keys('/1', '\u0003');
    expect(await tui.exited).toBe(0);
    const raw = tui.raw();
    expect(raw.lastIndexOf(PASTE_OFF)).toBeGreaterThan(raw.lastIndexOf(PASTE_ON));
    expect(gaveScreenBack(raw)).toBe(true);
  }, 60_000);
});
