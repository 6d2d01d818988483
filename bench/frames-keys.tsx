/**
 * The Discover panel with 10,000 swept hosts, drawn at 80x24 in-process with the frame test
 * harness (test/helpers/ui.ts): the time from each key press to the frame it causes,
 * scrolling (j, PgDn), sorting (o) and filtering (/ and a few letters). bench/frames.tsx
 * bundles this file with the shipped file's Ink plugins and runs childMain() in a process
 * of its own, under the V8 flags the shipped file sets.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { App } from '../src/ui/App.js';
import { UNWIRED_PORTS, type UiPorts } from '../src/ui/ports.js';
import { buildHostState, type HostState } from '../src/state/host-state.js';
import { parseSnapshotText } from '../src/snapshot/load.js';
import type { ScanEvent } from '../src/probes/discover/types.js';
import { CAPTURE_LAB_TARGET } from '../test/helpers/discover.js';
import { renderTui, type Tui } from '../test/helpers/ui.js';

export const HOSTS = 10_000;
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

/** Each key's time to its frame, in the order pressed. `host`: the Overview's host (read
 *  by the caller: the fixtures are found from the test helpers' own place). */
export async function keyTimes(host: HostState, log: (line: string) => void): Promise<number[]> {
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
    log(`frames: ${HOSTS} hosts swept, timing keys`);
    const times: number[] = [];
    const take = (ms: number | null) => ms !== null && times.push(ms);
    for (let i = 0; i < 40; i++) take(await frameMs(t, 'j'));
    for (let i = 0; i < 40; i++) take(await frameMs(t, 'pagedown'));
    for (let i = 0; i < 5; i++) take(await frameMs(t, 'o'));
    take(await frameMs(t, '/'));
    for (const ch of '198.18.3') take(await frameMs(t, ch));
    take(await frameMs(t, 'enter'));
    for (let i = 0; i < 20; i++) take(await frameMs(t, 'j'));
    return times;
  } finally {
    t.unmount();
  }
}

/**
 * The process bench/frames.tsx starts: the Overview's host from the snapshot file at
 * `snapshotPath`, progress on stderr, the host count and the key times as one JSON line on stdout.
 */
export async function childMain(snapshotPath: string): Promise<void> {
  const host = buildHostState(parseSnapshotText(readFileSync(snapshotPath, 'utf8'), snapshotPath));
  const times = await keyTimes(host, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify({ hosts: HOSTS, times })}\n`);
}
