import { describe, expect, it } from 'vitest';
import { JobStore } from './jobs.js';

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('JobStore.stopAll', () => {
  it('cancels every job and resolves only once each body has ended', async () => {
    const jobs = new JobStore();
    const ended: string[] = [];
    // Like a trace or a prove: after the abort it still has to kill and wait, or delete.
    const windsDown = (name: string, ms: number) => async (ctl: { signal: AbortSignal }) => {
      await new Promise<void>((resolve) => ctl.signal.addEventListener('abort', () => resolve()));
      await later(ms);
      ended.push(name);
    };
    jobs.start('route', 'trace', null, windsDown('trace', 20));
    jobs.start('plan-prove', '--prove', null, windsDown('prove', 40));
    jobs.start('quick', 'done already', null, async () => {});
    await later(0);
    await jobs.stopAll();
    expect(ended.sort()).toEqual(['prove', 'trace']);
    expect(jobs.get('route')?.status()).toBe('cancelled');
    expect(jobs.get('plan-prove')?.status()).toBe('cancelled');
    expect(jobs.get('quick')?.status()).toBe('done');
    expect(jobs.running()).toEqual([]);
  });

  it('waits for a body that fails while winding down, and reports it cancelled', async () => {
    const jobs = new JobStore();
    jobs.start('vlan', 'rates', null, async (ctl) => {
      await new Promise<void>((resolve) => ctl.signal.addEventListener('abort', () => resolve()));
      await later(10);
      throw new Error('read cut short');
    });
    await jobs.stopAll();
    expect(jobs.get('vlan')?.status()).toBe('cancelled');
  });

  it('resolves at once with no job', async () => {
    await new JobStore().stopAll();
  });
});
