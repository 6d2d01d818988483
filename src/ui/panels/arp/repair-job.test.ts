/** The repair as a job: started, confirmed, declined, cancelled, through the job store. */
import { describe, expect, it } from 'vitest';
import { buildHostState } from '../../../state/host-state.js';
import { JobStore } from '../../jobs.js';
import { UNWIRED_PORTS } from '../../ports.js';
import type { PanelEffects } from '../../panel-module.js';
import { hostBSnapshot } from '../../../../test/fixtures/arping/fixtures.js';
import { fakeArpSender } from '../../../../test/fixtures/arping/fake-sender.js';
import { initialArpState, type ArpAction, type ArpRun, type ArpState } from './arp-state.js';
import { ARP_JOB, cancelRepair, confirmRepair, repairOf, startRepair } from './repair-job.js';

const host = buildHostState(hostBSnapshot());

function effects(
  jobs: JobStore,
  runs: string[],
  origin: 'live' | 'snapshot' = 'live',
  pings: string[] = [],
): PanelEffects<ArpState, ArpAction> {
  return {
    scroll: 0,
    app: {
      host,
      origin: origin === 'live' ? { kind: 'live' } : { kind: 'snapshot', path: 'b.json' },
      loading: false,
      error: null,
      size: { columns: 80, rows: 24 },
    },
    slice: { ...initialArpState, selected: 1 },
    dispatch: () => {},
    jobs,
    ports: {
      ...UNWIRED_PORTS,
      garp: { readHost: async () => host, sender: fakeArpSender('iputils', runs, { pings }) },
    },
    handOver: () => ({ code: null, errorLines: [] }),
  };
}

/** Resolves when the job's run satisfies `done`; the store tells us of every step. */
function until(jobs: JobStore, done: (r: ArpRun) => boolean): Promise<ArpRun> {
  return new Promise((resolve) => {
    const check = () => {
      const r = repairOf(jobs);
      if (r && done(r)) {
        stop();
        resolve(r);
      }
    };
    const stop = jobs.subscribe(check);
    check();
  });
}

describe('the repair job', () => {
  it('checks, waits at the confirmation, and on y sends and verifies', async () => {
    const jobs = new JobStore();
    const fx = effects(jobs, ['dad-after-move', 'announce-count-3', 'ping-gateway'], 'live', [
      'echo-answered',
    ]);
    startRepair(fx);
    expect(jobs.get(ARP_JOB)?.label).toBe('ARP repair 192.0.2.50');
    const asking = await until(jobs, (r) => r.phase === 'confirm' && r.answer !== null);
    expect(asking.steps.dad?.status).toBe('ok');
    confirmRepair(fx);
    const done = await until(jobs, () => jobs.get(ARP_JOB)?.status() === 'done');
    expect(done.report?.outcome).toBe('verified');
  });

  it('n at the confirmation: declined, nothing sent', async () => {
    const jobs = new JobStore();
    const fx = effects(jobs, ['dad-after-move']);
    startRepair(fx);
    await until(jobs, (r) => r.phase === 'confirm' && r.answer !== null);
    cancelRepair(fx);
    const done = await until(jobs, (r) => r.phase === 'finished');
    expect(done.report?.outcome).toBe('declined');
  });

  it('x while checking: the check ends cancelled instead of asking', async () => {
    const jobs = new JobStore();
    const fx = effects(jobs, ['dad-after-move']);
    startRepair(fx);
    cancelRepair(fx);
    const done = await until(jobs, (r) => r.phase === 'finished');
    expect(done.report?.outcome).toBe('cancelled');
  });

  it('never starts on a snapshot, nor twice at once', async () => {
    const jobs = new JobStore();
    startRepair(effects(jobs, [], 'snapshot'));
    expect(repairOf(jobs)).toBeNull();
    const fx = effects(jobs, ['dad-after-move']);
    startRepair(fx);
    const first = jobs.get(ARP_JOB);
    startRepair(fx);
    expect(jobs.get(ARP_JOB)).toBe(first);
    cancelRepair(fx);
    await until(jobs, (r) => r.phase === 'finished');
  });

  it('ends in words when nothing is wired', async () => {
    const jobs = new JobStore();
    startRepair({ ...effects(jobs, []), ports: UNWIRED_PORTS });
    const done = await until(jobs, (r) => r.phase === 'finished');
    expect(done.report?.outcome).toBe('failed');
    expect(done.report?.message).toContain('no ARP sender is wired');
  });
});
