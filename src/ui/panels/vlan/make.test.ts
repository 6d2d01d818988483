import { describe, expect, it } from 'vitest';
import { vlanHost } from '../../../../test/fixtures/vlan/snapshots.js';
import { answerMake } from './make.js';

const host = vlanHost('broken');
const live = { kind: 'live' } as const;

describe('answerMake', () => {
  it('plans a VLAN on a parent the host has, with or without an address', () => {
    const a = answerMake('  eth2   1234   10.0.0.2/24 ', host, live);
    expect(a.kind).toBe('plan');
    if (a.kind !== 'plan') return;
    expect(a.plan.commands).toEqual([
      'ip link add link eth2 name eth2.1234 type vlan id 1234',
      'ip addr add 10.0.0.2/24 dev eth2.1234',
      'ip link set eth2.1234 up',
    ]);
    const bare = answerMake('eth1 7', host, live);
    expect(bare.kind === 'plan' && bare.plan.commands).toEqual([
      'ip link add link eth1 name eth1.7 type vlan id 7',
      'ip link set eth1.7 up',
    ]);
    // A leading zero is the same ID, as the CLI reads it.
    const zero = answerMake('eth1 0042', host, live);
    expect(zero.kind === 'plan' && zero.plan.name).toBe('eth1.42');
  });

  it.each([
    ['eth1 4095', /^VLAN ID 4095 is outside 1-4094/],
    ['eth1 0', /^VLAN ID 0 is outside 1-4094/],
    ['eth1 ten', /^VLAN ID 'ten' is not a number$/],
    ['eth9 10', /^there is no interface eth9 on this host$/],
    ['eth1.100.200 1234', /would be 17 characters; interface names hold 15 \(IFNAMSIZ\)/],
    ['eth1 10', /^eth1\.10 already exists on this host$/],
    ['eth1 1234 10.0.0.2', /is not an address with a prefix length/],
    ['eth1', /^type PARENT ID \[ADDR\/LEN\]/],
    ['eth1 1 10.0.0.2/24 more', /^type PARENT ID \[ADDR\/LEN\]/],
    ['eth1/x 10', /is not an interface name/],
  ])('refuses %s in one line', (text, reason) => {
    const a = answerMake(text, host, live);
    expect(a.kind).toBe('refused');
    if (a.kind === 'refused') {
      expect(a.reason).toMatch(reason);
      expect(a.reason).not.toContain('\n');
    }
  });

  it('says where the parent was looked for, and waits for the host', () => {
    const a = answerMake('eth9 10', host, { kind: 'snapshot', path: 'r.json' });
    expect(a).toEqual({ kind: 'refused', reason: 'there is no interface eth9 in r.json' });
    expect(answerMake('eth1 10', null, live).kind).toBe('refused');
  });
});
