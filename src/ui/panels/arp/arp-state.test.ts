import { describe, expect, it } from 'vitest';
import { buildHostState } from '../../../state/host-state.js';
import {
  applyEvent,
  arpReducer,
  initialArpState,
  newRun,
  type ArpAction,
  type ArpState,
} from './arp-state.js';
import { arpCandidates } from './candidates.js';
import { checkGarp } from '../../../probes/garp/probe.js';
import type { GarpEvent } from '../../../probes/garp/types.js';
import { hostBSnapshot } from '../../../../test/fixtures/arping/fixtures.js';
import { fakeArpSender } from '../../../../test/fixtures/arping/fake-sender.js';

const host = buildHostState(hostBSnapshot());

function run(state: ArpState, ...actions: ArpAction[]): ArpState {
  return actions.reduce((s, a) => arpReducer(s, a, host), state);
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

  it('keeps the choice within the list, and toggles the mode', () => {
    const s = run(initialArpState, { type: 'select', by: 1 }, { type: 'select', by: 1 });
    expect(s.selected).toBe(1);
    expect(run(s, { type: 'select', by: -1 }, { type: 'select', by: -1 }).selected).toBe(0);
    expect(run(s, { type: 'mode-toggle' }).mode).toBe('reply');
    expect(arpReducer(s, { type: 'select', by: 1 }, null)).toBe(s);
  });

  it('folds the check into a run that waits at the confirmation', async () => {
    let r = newRun({ ip: '192.0.2.50', iface: 'lan0', count: 3, mode: 'request' });
    for (const event of await checkEvents()) r = applyEvent(r, event);
    expect(r.phase).toBe('confirm');
    expect(r.steps.dad?.status).toBe('ok');
    expect(r.plan?.gateway).toBe('192.0.2.1');
  });
});
