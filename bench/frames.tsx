/**
 * Big tables: the Discover panel with 10,000 swept hosts, drawn at 80x24 in-process with the
 * frame test harness (test/helpers/ui.ts): the time from a key press to the frame it causes,
 * scrolling (j, PgDn), sorting (o) and filtering (/ and a few letters).
 */
import { performance } from 'node:perf_hooks';
import { App } from '../src/ui/App.js';
import { UNWIRED_PORTS, type UiPorts } from '../src/ui/ports.js';
import { buildHostState } from '../src/state/host-state.js';
import type { ScanEvent } from '../src/probes/discover/types.js';
import { routerSnapshot } from '../test/helpers/fixtures.js';
import { CAPTURE_LAB_TARGET } from '../test/helpers/discover.js';
import { renderTui, type Tui } from '../test/helpers/ui.js';
import { median, type BenchContext, type Row } from './table.js';

/** The shipped file runs React in production mode; `npm run bench` sets NODE_ENV to match. */
const REACT_MODE = process.env['NODE_ENV'] === 'production' ? 'production' : 'development';

const HOSTS = 10_000;
const T0 = Date.parse('2026-11-27T12:00:00Z');

function sweepOf(n: number): ScanEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'sighting',
    sighting: {
      iface: 'lan0',
      ip: `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      mac: `b8:27:eb:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
      rttMs: 0.5 + (i % 7),
      at: T0 + i,
      via: 'sweep',
      state: 'REACHABLE',
    },
  }));
}

/** Time from writing a key to the frame it draws (a key that draws nothing counts as none). */
async function frameMs(t: Tui, key: string): Promise<number | null> {
  const before = t.frameCount();
  const t0 = performance.now();
  await t.press(key);
  return t.frameCount() > before ? performance.now() - t0 : null;
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const host = buildHostState(routerSnapshot());
  const events = sweepOf(HOSTS);
  const ports: UiPorts = {
    ...UNWIRED_PORTS,
    discover: {
      ...UNWIRED_PORTS.discover,
      targets: async () => [CAPTURE_LAB_TARGET],
      sweep: async (_targets, _signal, onEvent) => events.forEach(onEvent),
    },
  };
  const t = renderTui(
    <App
      origin={{ kind: 'live' }}
      loadHost={async () => host}
      color={false}
      size={{ columns: 80, rows: 24 }}
      ports={ports}
    />,
  );
  try {
    await t.waitForContent('Interfaces');
    await t.press('2');
    await t.press('s');
    await t.waitForContent(`${HOSTS} hosts`, 30_000);
    ctx.log(`frames: ${HOSTS} hosts swept, timing keys`);
    const times: number[] = [];
    const take = (ms: number | null) => ms !== null && times.push(ms);
    for (let i = 0; i < 40; i++) take(await frameMs(t, 'j'));
    for (let i = 0; i < 40; i++) take(await frameMs(t, 'pagedown'));
    for (let i = 0; i < 5; i++) take(await frameMs(t, 'o'));
    take(await frameMs(t, '/'));
    for (const ch of '198.18.3') take(await frameMs(t, ch));
    take(await frameMs(t, 'enter'));
    for (let i = 0; i < 20; i++) take(await frameMs(t, 'j'));
    const sorted = [...times].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))]!;
    return [
      {
        figure: `Discover, ${HOSTS} hosts: key to frame, median of ${times.length}`,
        unit: 'ms',
        ours: median(times),
        target: { atMost: 16 },
      },
      {
        figure: `Discover, ${HOSTS} hosts: key to frame, slowest (scroll, sort, filter)`,
        unit: 'ms',
        ours: sorted.at(-1)!,
        target: { atMost: 16 },
        note: `95th percentile ${p95.toFixed(1)} ms; in-process, Ink without throttling, React in ${REACT_MODE} mode`,
      },
    ];
  } finally {
    t.unmount();
  }
}
