import { describe, expect, it } from 'vitest';
import { JobStore } from '../../jobs.js';
import { UNWIRED_PORTS } from '../../ports.js';
import type { AppView, PanelEffects } from '../../panel-module.js';
import type { HostState } from '../../../state/host-state.js';
import { vlanHost } from '../../../../test/fixtures/vlan/snapshots.js';
import { initialVlanView, type VlanAction, type VlanView } from './state.js';
import { ratesOf, startRates, stopRates, RATES_JOB } from './rates-job.js';

const base = vlanHost('healthy');

/** The host `n` reads later: counters up by 20 frames and 3000 bytes per read. */
function read(n: number, takenAt: string): HostState {
  return {
    ...base,
    meta: { ...base.meta, takenAt },
    vlanProc: {
      ...base.vlanProc,
      devices: base.vlanProc.devices.map((d) => ({
        ...d,
        counters: {
          ...d.counters,
          rxFrames: d.counters.rxFrames + n * 20,
          rxBytes: d.counters.rxBytes + n * 3000,
        },
      })),
    },
  };
}

const turns = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

function setup(origin: AppView['origin'], stamps: readonly string[]) {
  let clock = 0;
  let reads = 0;
  const waits: { ms: number; go: () => void }[] = [];
  const messages: (string | null)[] = [];
  const jobs = new JobStore();
  const fx: PanelEffects<VlanView, VlanAction> = {
    scroll: 0,
    app: { host: base, origin, loading: false, error: null, size: { columns: 80, rows: 24 } },
    slice: initialVlanView,
    dispatch: (a) => {
      if (a.type !== 'message') throw new Error(`unexpected ${a.type}`);
      messages.push(a.message);
    },
    jobs,
    handOver: () => {
      throw new Error('no ssh here');
    },
    ports: {
      ...UNWIRED_PORTS,
      now: () => new Date(clock),
      readHost: async () => {
        const at = stamps[reads];
        if (at === undefined) throw new Error('read more often than the test expected');
        reads += 1;
        clock += 250; // each read takes a quarter of a second
        return read(reads, at);
      },
      wait: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          waits.push({ ms, go: resolve });
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    },
  };
  return { fx, jobs, waits, messages, reads: () => reads, tick: (ms: number) => (clock += ms) };
}

describe('the VLAN rates job', () => {
  it('reads once a second (paced from each read’s start) and rates the last two reads', async () => {
    const s = setup({ kind: 'live' }, [
      '2026-11-28T20:00:00.000Z',
      '2026-11-28T20:00:01.000Z',
      '2026-11-28T20:00:03.000Z',
    ]);
    startRates(s.fx);
    await turns();
    expect(ratesOf(s.jobs)).toMatchObject({ status: 'running', reads: 1, rates: [] });
    // The read took 250 ms of the second: the job waits the other 750.
    expect(s.waits.map((w) => w.ms)).toEqual([750]);
    s.tick(750);
    s.waits.shift()?.go();
    await turns();
    const r = ratesOf(s.jobs);
    expect(r).toMatchObject({ reads: 2, seconds: 1 });
    expect(r?.rates.find((x) => x.name === 'eth1.10')).toEqual({
      name: 'eth1.10',
      rxFramesPerSec: 20,
      rxBytesPerSec: 3000,
      txFramesPerSec: 0,
      txBytesPerSec: 0,
    });
    // Two seconds between the reads' own times: half the rate.
    s.tick(750);
    s.waits.shift()?.go();
    await turns();
    expect(ratesOf(s.jobs)?.seconds).toBe(2);
    expect(ratesOf(s.jobs)?.rates[0]?.rxFramesPerSec).toBe(10);
    stopRates(s.fx);
    await turns();
    expect(s.jobs.get(RATES_JOB)?.status()).toBe('cancelled');
    expect(ratesOf(s.jobs)?.status).toBe('cancelled');
    expect(s.reads()).toBe(3);
  });

  it('refuses on a snapshot without reading, and does not start twice', async () => {
    const snap = setup({ kind: 'snapshot', path: 'r.json' }, []);
    startRates(snap.fx);
    expect(snap.jobs.get(RATES_JOB)).toBeUndefined();
    expect(snap.messages[0]).toMatch(/^a snapshot \(r\.json\) holds one read of the counters/);

    const live = setup({ kind: 'live' }, ['2026-11-28T20:00:00.000Z']);
    startRates(live.fx);
    await turns();
    startRates(live.fx);
    expect(live.messages).toEqual([null, 'the rates are running: x stops them']);
    expect(live.reads()).toBe(1);
    stopRates(live.fx);
    await turns();
  });
});
