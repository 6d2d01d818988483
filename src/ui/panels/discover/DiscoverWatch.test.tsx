/**
 * Discover's second round in frames at 80x24: the watch's markers (NEW, GONE, MOVED) and the
 * next sweep's time on the status line; the interface and backend choosers, remembered and
 * handed to the port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { buildHostState } from '../../../state/host-state.js';
import { routerSnapshot } from '../../../../test/helpers/fixtures.js';
import { frameWidth, renderTui, type Tui } from '../../../../test/helpers/ui.js';
import { UNWIRED_PORTS, type SweepChoice, type UiPorts } from '../../ports.js';
import type { Sighting, ScanTarget } from '../../../probes/discover/types.js';
import { CAPTURE_LAB_TARGET } from '../../../../test/helpers/discover.js';
import { sweepableInterfaces } from './state.js';

const host = buildHostState(routerSnapshot());
const T0 = Date.parse('2026-11-27T12:00:00Z');
const target: ScanTarget = CAPTURE_LAB_TARGET;

const seen = (ip: string, mac: string, at: number): Sighting => ({
  iface: target.iface,
  ip,
  mac,
  rttMs: 0.5,
  at,
  via: 'arping',
  state: null,
});

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

function open(ports: UiPorts) {
  tui = renderTui(
    <App
      origin={{ kind: 'live' }}
      loadHost={async () => host}
      color={false}
      size={{ columns: 80, rows: 24 }}
      ports={ports}
    />,
  );
  return tui;
}

describe('Discover watch and choosers at 80x24', () => {
  it('w marks hosts new, gone and moved, and says when the next sweep runs', async () => {
    const choices: SweepChoice[] = [];
    const ports: UiPorts = {
      ...UNWIRED_PORTS,
      now: () => new Date(T0 + 500),
      discover: {
        ...UNWIRED_PORTS.discover,
        targets: async (h, choice) => {
          if (h !== host || !choice) throw new Error('fake: unexpected targets call');
          choices.push(choice);
          return [target];
        },
        watch: async (targets, options, sink, tracker) => {
          if (targets[0] !== target || options.intervalMs !== 30_000) {
            throw new Error('fake: unexpected watch');
          }
          // Three sweeps: .10 .11 .12 at first; then .11 leaves, .12 answers from a new
          // MAC and .13 arrives.
          const sweeps: Sighting[][] = [
            [
              seen('203.0.113.10', 'b8:27:eb:00:00:10', T0),
              seen('203.0.113.11', '00:1b:21:00:00:11', T0),
              seen('203.0.113.12', '00:1b:21:00:00:12', T0),
            ],
            [
              seen('203.0.113.10', 'b8:27:eb:00:00:10', T0 + 1),
              seen('203.0.113.12', '00:1b:21:00:00:99', T0 + 1),
              seen('203.0.113.13', 'dc:a6:32:00:00:13', T0 + 1),
            ],
            [
              seen('203.0.113.10', 'b8:27:eb:00:00:10', T0 + 2),
              seen('203.0.113.12', '00:1b:21:00:00:99', T0 + 2),
              seen('203.0.113.13', 'dc:a6:32:00:00:13', T0 + 2),
            ],
          ];
          sweeps.forEach((list, i) => {
            sink.sweepStarted?.(i + 1, T0 + i);
            for (const s of list) {
              sink.scan({ type: 'sighting', sighting: s }, i + 1);
              tracker.hear(s, true).forEach(sink.watch);
            }
            tracker.sweepDone(T0 + i, 'arping').forEach(sink.watch);
            sink.sweepEnded({ sweep: i + 1, at: T0 + i, nextAt: T0 + 30_500 });
          });
          await new Promise<void>((resolve) =>
            options.signal.addEventListener('abort', () => resolve(), { once: true }),
          );
        },
      },
    };
    const t = open(ports);
    await t.waitForContent('Interfaces');
    await t.press('2');
    await t.waitForContent('Known neighbours');
    await t.press('w');
    const frame = await t.waitForContent(/next sweep in 30 s/);
    expect(choices).toEqual([{ ifaces: [], backend: 'kernel' }]);
    expect(frame).toMatch(
      /Watching lan0 203\.0\.113\.0\/24: 4 hosts.*next sweep in 30 s \(12:00:30\)/,
    );
    expect(frame).toMatch(/^ ?203\.0\.113\.11 .*GONE/m);
    expect(frame).toMatch(/^ ?203\.0\.113\.12 .*MOVED/m);
    expect(frame).toMatch(/^ ?203\.0\.113\.13 .*NEW/m);
    expect(frame).not.toMatch(/^ ?203\.0\.113\.10 .*(NEW|GONE|MOVED)/m);
    expect(frameWidth(frame)).toBeLessThanOrEqual(80);
    // Details say what the marker means.
    await t.press('j');
    await t.press('j');
    await t.press('enter');
    const details = await t.waitForContent('Watch');
    expect(details).toMatch(/Watch +moved at 12:00:00\.001 UTC, from 00:1b:21:00:00:12/);
    await t.press('escape');
    await t.press('x');
    await t.waitForContent(/Stopped sweeping/);
  });

  it('i chooses interfaces and b the backend (with why one cannot run); sweeps use them', async () => {
    const choices: SweepChoice[] = [];
    const backends: (string | undefined)[] = [];
    const ports: UiPorts = {
      ...UNWIRED_PORTS,
      discover: {
        ...UNWIRED_PORTS.discover,
        targets: async (_h, choice) => {
          if (!choice) throw new Error('fake: no choice');
          choices.push(choice);
          return [target];
        },
        sweep: async (_targets, _signal, _onEvent, backend) => {
          backends.push(backend);
        },
        backendProblems: async () => ({ 'arp-scan': 'needs root or CAP_NET_RAW (sudo netdoctor)' }),
      },
    };
    const ifaces = sweepableInterfaces(host);
    expect(ifaces.length).toBeGreaterThan(0);
    const t = open(ports);
    await t.waitForContent('Interfaces');
    await t.press('2');
    await t.waitForContent('Known neighbours');
    await t.press('i');
    let frame = await t.waitForContent('Sweep from which interfaces?');
    expect(frame).toContain('[x] every interface that is up');
    for (const i of ifaces) expect(frame).toContain(`[ ] ${i}`);
    await t.press('down');
    await t.press('enter');
    frame = await t.waitForContent(`[x] ${ifaces[0]}`);
    expect(frame).toContain('[ ] every interface that is up');
    expect(frameWidth(frame)).toBeLessThanOrEqual(80);
    await t.press('escape');
    frame = await t.waitForContent(`i ${ifaces[0]}`);

    await t.press('b');
    frame = await t.waitForContent('Sweep with which backend?');
    expect(frame).toContain('arp-scan: raw ARP, sees duplicates itself (not here: needs root');
    expect(frame).toMatch(/\* kernel/);
    await t.press('down');
    await t.press('enter');
    frame = await t.waitForContent('arp-scan cannot run here: needs root or CAP_NET_RAW');
    await t.press('down');
    await t.press('enter');
    frame = await t.waitForContent('b passive');

    await t.press('s');
    await t.waitForContent('Swept');
    expect(choices).toEqual([{ ifaces: [ifaces[0]], backend: 'passive' }]);
    expect(backends).toEqual(['passive']);
    // Remembered: another panel and back, the choice is still there.
    await t.press('1');
    await t.press('2');
    await t.waitForContent('b passive');
  });
});
