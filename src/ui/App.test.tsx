import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App.js';
import { buildHostState } from '../state/host-state.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';
import { frameWidth, renderTui, type Tui } from '../../test/helpers/ui.js';

const host = buildHostState(routerSnapshot());
const loadHost = async () => host;
let tui: Tui | undefined;

afterEach(() => tui?.unmount());

function open(props: Partial<Parameters<typeof App>[0]> = {}, size = { columns: 80, rows: 24 }) {
  tui = renderTui(
    <App
      origin={{ kind: 'snapshot', path: 'router.json' }}
      loadHost={loadHost}
      color={false}
      {...props}
    />,
    size,
  );
  return tui;
}

describe('the shell at 80x24', () => {
  it('opens on the Overview of the snapshot host, with the status line', async () => {
    const t = open();
    const frame = await t.waitForContent('Interfaces (5)');
    expect(frame).toContain(' 1 Overview ');
    expect(frame).toContain(`Host vm (netns ${host.meta.netns})`);
    expect(frame).toMatch(/lan0 +UP +1500 +02:00:00:00:00:01/);
    const lines = frame.split('\n');
    // One row short of the terminal, so Ink never clears the screen between frames.
    expect(lines).toHaveLength(23);
    expect(lines.at(-1)).toMatch(
      /^vm \(netns ndcap\d+r\) \| snapshot router\.json \| root \| taken 2026-11-27 15:50 UTC/,
    );
    expect(frameWidth(frame)).toBeLessThanOrEqual(80);
  });

  it('scrolls the Overview with j, PgDn and G, and says where it is', async () => {
    const t = open();
    await t.waitForContent('Interfaces (5)');
    await t.waitForContent(/-- lines 1-20 of \d+/);
    await t.press('j');
    await t.waitForContent(/-- lines 2-21 of/);
    await t.press('G');
    const bottom = await t.waitForContent('Helper tools');
    const total = /of (\d+)/.exec(bottom)?.[1];
    expect(bottom).toContain(`-${total} of ${total}`);
    expect(bottom).toContain('Helper tools');
    // One line up from the bottom, not from far below it.
    await t.press('k');
    expect(t.lastFrame()).toContain(`-${Number(total) - 1} of ${total}`);
    await t.press('g');
    await t.waitForContent(/-- lines 1-20 of/);
  });

  it('moves between panels by number, Tab and Shift-Tab; unfinished panels say coming', async () => {
    const t = open();
    await t.waitForContent('Interfaces');
    await t.press('3');
    await t.waitForContent('no VLAN interfaces');
    await t.press('tab');
    await t.waitForContent('/: ask where a packet goes');
    await t.press('shift+tab');
    await t.press('shift+tab');
    await t.waitForContent('Known neighbours');
    await t.press('1');
    await t.waitForContent('Interfaces (5)');
  });

  it('shows the keys on ? and hides them on Esc', async () => {
    const t = open();
    await t.waitForContent('Interfaces');
    await t.press('?');
    const help = await t.waitForContent('Keys everywhere');
    expect(help).toMatch(/q, ctrl\+c +quit/);
    expect(help).toMatch(/r +read the host again \(sends nothing\)/);
    await t.press('escape');
    await t.waitForContent('Interfaces (5)');
  });

  it('survives every printable key and arrow on every panel', async () => {
    const t = open();
    await t.waitForContent('Interfaces');
    const keys = [...'abcdefhilmnopstuvwxyzABCDEFHIJKLMNOPSTUVWXYZ0!@#$%^&*()-=[];,./\\`~'];
    for (const panel of ['1', '2', '3', '4', '5', '6', '7']) {
      await t.press(panel);
      for (const k of [
        ...keys,
        'up',
        'down',
        'left',
        'right',
        'pageup',
        'pagedown',
        'home',
        'end',
        'enter',
        'space',
      ]) {
        await t.press(k);
        expect(t.lastFrame(), `panel ${panel}, key ${k}`).not.toContain('This panel failed');
      }
      expect(t.lastFrame().split('\n').at(-1)).toMatch(/^vm \(netns /);
      await t.press('escape');
    }
  }, 30_000);

  it('quits on q', async () => {
    const t = open();
    await t.waitForContent('Interfaces');
    await t.press('q');
    await t.exited();
  });

  it('quits on Ctrl-C', async () => {
    const t = open();
    await t.waitForContent('Interfaces');
    await t.press('ctrl+c');
    await t.exited();
  });

  it('reads the host again on r', async () => {
    let loads = 0;
    const t = open({
      loadHost: async () => {
        loads += 1;
        return host;
      },
    });
    await t.waitForContent('Interfaces');
    await t.press('r');
    await t.waitForContent('Interfaces');
    expect(loads).toBe(2);
  });

  it('shows a load error in one line and keeps working', async () => {
    const t = open({
      loadHost: async () => {
        throw new Error('ip is not installed: apt-get install iproute2\nsecond line');
      },
    });
    const frame = await t.waitForContent('Could not read this host');
    expect(frame).toContain(
      'Could not read this host: ip is not installed: apt-get install iproute2',
    );
    expect(frame).not.toContain('second line');
    await t.press('q');
    await t.exited();
  });

  it('follows a resize', async () => {
    const t = open({}, { columns: 80, rows: 24 });
    await t.waitForContent('Interfaces');
    await t.resize(100, 30);
    const frame = await t.waitForContent(/-- lines 1-26 of/);
    expect(frame.split('\n')).toHaveLength(29);
    await t.resize(60, 12);
    const small = await t.waitForContent(/-- lines 1-8 of/);
    expect(frameWidth(small)).toBeLessThanOrEqual(60);
  });
});

describe('opening with the host already read (run.tsx waits a moment for it)', () => {
  it('draws the Overview as its first frame, and takes the whole host when it comes', async () => {
    const early = { ...host, tools: [] };
    let finish: (h: typeof host) => void = () => {};
    const handed: string[] = [];
    const t = open({
      host: early,
      loadHost: (handEarly) => {
        handed.push('asked');
        handEarly?.(early); // the read started ahead hands its early host again: not redrawn
        return new Promise((resolve) => (finish = resolve));
      },
    });
    await t.waitForContent('Interfaces (5)');
    const first = t.frames()[0] ?? '';
    expect(first).toContain('Interfaces (5)');
    expect(first).not.toContain('Reading the host');
    expect(first).not.toContain('reading…');
    expect(handed).toEqual(['asked']);
    await t.press('G');
    expect(t.lastFrame()).not.toMatch(/^ip +\S/m); // no tools' versions yet
    const lines = /of (\d+) +j\/k/.exec(t.lastFrame())?.[1];
    finish(host);
    await t.waitForContent(new RegExp(`of (?!${lines}\\b)\\d+ +j/k`)); // the tools' lines came
    await t.press('G');
    expect(t.lastFrame()).toMatch(/^ip +\S/m);
  });

  it('without it, says it is reading first', async () => {
    const t = open({ loadHost: () => new Promise(() => {}) });
    await t.waitForContent('Reading the host');
    expect(t.frames()[0]).toContain('Reading the host');
  });
});

describe('panels that load on first use', () => {
  it('shows at most one Loading frame; keys typed while it loads wait for it', async () => {
    const t = open();
    await t.waitForContent('Interfaces');
    const from = t.frameCount();
    // One write: switch to Doctor (not loaded yet), open its question line and type.
    await t.pressAndWaitForChange('6/4q2');
    const frame = await t.waitForContent('doctor to> 4q2▏');
    expect(frame.split('\n')[0]).toMatch(/^ 1 Overview /);
    const loading = t
      .frames()
      .slice(from)
      .filter((f) => f.includes('Loading Doctor…'));
    expect(loading.length).toBeLessThanOrEqual(1);
    // Loaded once: every other panel comes at once, without a Loading frame.
    await t.pressAndWaitForChange('\u001b');
    for (const panel of ['2', '3', '4', '5', '7', '8']) {
      expect(await t.pressAndWaitForChange(panel)).not.toContain('Loading');
    }
  });

  it('a switch to another panel while they load still lands on it', async () => {
    const t = open();
    await t.waitForContent('Interfaces');
    await t.press('2');
    await t.press('3');
    await t.waitForContent('no VLAN interfaces');
  });
});
