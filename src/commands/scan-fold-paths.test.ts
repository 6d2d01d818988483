/**
 * One fold of sweep events: the same recorded stream (the capture lab's answers, a duplicate
 * the arping check saw, names, a warning and a limit) gives the same host table through
 * `scan` (scanHosts) and through the Discover panel's sweep job (startSweep), and both keep
 * the duplicate check's evidence.
 */
import { describe, expect, it } from 'vitest';
import { scanHosts } from './scan.js';
import { buildHostState } from '../state/host-state.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';
import {
  CAPTURE_LAB_TARGET,
  captureLabAnswers,
  captureLabSightings,
} from '../../test/helpers/discover.js';
import { visibleHosts } from '../probes/discover/hosts.js';
import type { ScanEvent, ScanTarget } from '../probes/discover/types.js';
import type { discover } from '../probes/discover/discover.js';
import { UNWIRED_PORTS } from '../ui/ports.js';
import { JobStore } from '../ui/jobs.js';
import { initialDiscoverView } from '../ui/panels/discover/state.js';
import { startSweep, sweepOf } from '../ui/panels/discover/effects.js';
import { ScanFold } from '../probes/discover/scan-fold.js';

const host = buildHostState(routerSnapshot());
const T0 = Date.parse('2026-11-27T12:00:00Z');
const target: ScanTarget = CAPTURE_LAB_TARGET;
const answers = captureLabAnswers();
const dupIp = answers[1]!.ip;
const arping = `arping -c 2 -w 1 -I lan0 ${dupIp}`;

const stream: ScanEvent[] = [
  { type: 'started', target, backend: 'kernel', addresses: 254, at: T0 },
  ...captureLabSightings(T0 + 10),
  {
    type: 'sighting',
    sighting: {
      iface: 'lan0',
      ip: dupIp,
      mac: '02:00:5e:00:53:99',
      rttMs: null,
      at: T0 + 300,
      via: 'arping',
      state: null,
    },
  },
  { type: 'name', ip: answers[0]!.ip, name: 'raspberrypi.local', source: 'mdns' },
  { type: 'warning', message: 'this machine dropped 3 received frames during the sweep' },
  { type: 'limit', message: 'a limit of this run' },
  { type: 'warning', message: 'this machine dropped 3 received frames during the sweep' },
  {
    type: 'duplicate',
    iface: 'lan0',
    ip: dupIp,
    macs: [answers[1]!.mac, '02:00:5e:00:53:99'],
    current: answers[1]!.mac,
    source: arping,
    lines: ['Unicast reply from … [A]', 'Unicast reply from … [B]'],
  },
  { type: 'finished', target, at: T0 + 400, sent: 253, sendErrors: 0 },
];

/** A discovery that replays the stream, whatever it is asked to sweep. */
const replay: typeof discover = async (_targets, _options, onEvent) => {
  for (const e of stream) onEvent(e);
};

async function panelHosts(targets: readonly ScanTarget[]) {
  const jobs = new JobStore();
  let swept: Promise<void> = Promise.resolve();
  const ports = {
    ...UNWIRED_PORTS,
    now: () => new Date(T0),
    discover: {
      ...UNWIRED_PORTS.discover,
      targets: async () => targets,
      sweep: (_t: readonly ScanTarget[], _s: AbortSignal, onEvent: (e: ScanEvent) => void) =>
        (swept = replay(targets, { backend: 'kernel', signal: _s, names: false }, onEvent)),
    },
  };
  startSweep({
    app: {
      host,
      origin: { kind: 'live' },
      loading: false,
      error: null,
      size: { columns: 80, rows: 24 },
    },
    slice: initialDiscoverView,
    scroll: 0,
    dispatch: () => {},
    jobs,
    ports,
    handOver: () => {
      throw new Error('fake: no hand-over here');
    },
  });
  await jobs.stopAll().catch(() => {});
  return { sweep: sweepOf(jobs), swept };
}

describe('scan and the Discover panel fold the same events the same way', () => {
  it('the same stream gives the same host table, duplicate included', async () => {
    const cli = await scanHosts(
      host,
      { iface: [], backend: 'kernel', names: false } as never,
      new AbortController().signal,
      replay,
    );
    // The panel sweeps what the CLI resolved: the fold is what differs, if anything.
    const { sweep } = await panelHosts(cli.targets);
    expect(sweep).not.toBeNull();
    const panel = visibleHosts(sweep!.table.hosts(), true);
    expect(panel.length).toBeGreaterThan(2);
    expect(panel.map((h) => ({ ...h, flags: [...h.flags].sort() }))).toEqual(
      cli.hosts.map((h) => ({ ...h, flags: [...h.flags].sort() })),
    );
    const dup = panel.find((h) => h.ip === dupIp);
    expect(dup?.flags).toContain('duplicate-ip');
    // The finding quotes the arping check's own command: its evidence was kept.
    const found = cli.findings.filter(
      (f) => f.code === 'duplicate-ip' && f.subject.includes(dupIp),
    );
    expect(JSON.stringify(found)).toContain(arping);
    // Said once each, in the panel's one list as in the CLI's two.
    expect(sweep!.warnings).toEqual([
      'this machine dropped 3 received frames during the sweep',
      'a limit of this run',
    ]);
    expect(cli.warnings).toEqual(['this machine dropped 3 received frames during the sweep']);
    expect(cli.limits).toContain('a limit of this run');
  });

  it("keeps the duplicate check's evidence (the panel dropped it before)", () => {
    const fold = new ScanFold({ selfAddresses: new Set(), gateways: new Set() });
    for (const e of stream) fold.apply(e);
    expect(fold.evidence.get(`lan0 ${dupIp}`)).toMatchObject({ source: arping });
    expect(fold.firstHostMs).toBe(10);
    expect(fold.sent).toBe(253);
  });

  it('with a clock, the first host counts from the start to when its event arrived', () => {
    let now = 0;
    const fold = new ScanFold({ selfAddresses: new Set(), gateways: new Set() }, [], () => now);
    for (const e of stream) {
      // Every event arrives 25 ms after the sweep's start (it was seen at 10 ms).
      if (e.type === 'started') now = e.at + 25;
      fold.apply(e);
    }
    expect(fold.firstHostMs).toBe(25);
  });
});
