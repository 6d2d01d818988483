import { describe, expect, it } from 'vitest';
import { buildHostState } from '../../../state/host-state.js';
import {
  arpReducer,
  initialArpState,
  isArpAction,
  type ArpAction,
  type ArpState,
} from './arp-state.js';
import { arpCandidates } from './candidates.js';
import { checkGarp } from '../../../probes/garp/probe.js';
import type { GarpEvent } from '../../../probes/garp/types.js';
import { hostBSnapshot } from '../../../../test/fixtures/arping/fixtures.js';
import { fakeArpSender } from '../../../../test/fixtures/arping/fake-sender.js';

const host = buildHostState(hostBSnapshot());
const live = { host, live: true };

function run(state: ArpState, ...actions: ArpAction[]): ArpState {
  return actions.reduce((s, a) => arpReducer(s, a, live), state);
}

async function checkEvents(): Promise<GarpEvent[]> {
  const deps = { readHost: async () => host, sender: fakeArpSender('iputils', ['dad-after-move']) };
  const events: GarpEvent[] = [];
  for await (const e of checkGarp({ ip: '192.0.2.50', iface: 'lan0' }, deps)) events.push(e);
  return events;
}

describe('the ARP repair panel state', () => {
  it('offers the host’s IPv4 addresses on Ethernet links, not loopback', () => {
    expect(arpCandidates(host)).toEqual([
      { ip: '192.0.2.20', prefixlen: 24, iface: 'lan0' },
      { ip: '192.0.2.50', prefixlen: 24, iface: 'lan0' },
    ]);
  });

  it('keeps the choice within the list', () => {
    const s = run(initialArpState, { type: 'arp/select', by: 1 }, { type: 'arp/select', by: 1 });
    expect(s.selected).toBe(1);
    expect(run(s, { type: 'arp/select', by: -1 }, { type: 'arp/select', by: -1 }).selected).toBe(0);
  });

  it('starts a check for the chosen address, with the mode and count', () => {
    const s = run(
      initialArpState,
      { type: 'arp/select', by: 1 },
      { type: 'arp/mode-toggle' },
      { type: 'arp/start' },
    );
    expect(s.run?.phase).toBe('checking');
    expect(s.run?.request).toEqual({ ip: '192.0.2.50', iface: 'lan0', count: 3, mode: 'reply' });
  });

  it('never starts on a snapshot', () => {
    const s = arpReducer(initialArpState, { type: 'arp/start' }, { host, live: false });
    expect(s.run).toBeNull();
  });

  it('follows the probe to the confirmation; y moves to sending', async () => {
    let s = run(initialArpState, { type: 'arp/select', by: 1 }, { type: 'arp/start' });
    const id = s.run?.id ?? 0;
    for (const event of await checkEvents()) s = run(s, { type: 'arp/event', runId: id, event });
    expect(s.run?.phase).toBe('confirm');
    expect(s.run?.steps.dad?.status).toBe('ok');
    // Choices cannot change under a running repair.
    expect(run(s, { type: 'arp/mode-toggle' }).mode).toBe('request');
    expect(run(s, { type: 'arp/confirm' }).run?.phase).toBe('sending');
  });

  it('n at the confirmation: declined, nothing sent', async () => {
    let s = run(initialArpState, { type: 'arp/select', by: 1 }, { type: 'arp/start' });
    const id = s.run?.id ?? 0;
    for (const event of await checkEvents()) s = run(s, { type: 'arp/event', runId: id, event });
    s = run(s, { type: 'arp/cancel' });
    expect(s.run?.phase).toBe('finished');
    expect(s.run?.report?.outcome).toBe('declined');
  });

  it('cancel while checking: the check ends cancelled instead of asking', async () => {
    let s = run(
      initialArpState,
      { type: 'arp/select', by: 1 },
      { type: 'arp/start' },
      { type: 'arp/cancel' },
    );
    expect(s.run?.cancelRequested).toBe(true);
    const id = s.run?.id ?? 0;
    for (const event of await checkEvents()) s = run(s, { type: 'arp/event', runId: id, event });
    expect(s.run?.report?.outcome).toBe('cancelled');
  });

  it('drops events of an older run', async () => {
    const s = run(initialArpState, { type: 'arp/start' });
    const [first] = await checkEvents();
    if (!first) throw new Error('no event');
    expect(run(s, { type: 'arp/event', runId: 99, event: first })).toEqual(s);
  });

  it('tells its actions apart from the rest of the store’s', () => {
    expect(isArpAction({ type: 'arp/start' })).toBe(true);
    expect(isArpAction({ type: 'panel/select' })).toBe(false);
  });
});
