import { describe, expect, it } from 'vitest';
import { vlanAliasRule } from './vlan-alias.js';
import { vlanHost } from '../../../test/fixtures/vlan/snapshots.js';

describe('vlan-alias-confusion', () => {
  it('flags PARENT:N when the parent has no VLAN N, with the commands for the VLAN', () => {
    const [f, ...rest] = vlanAliasRule.run({ host: vlanHost('broken') });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: 'vlan-alias-confusion',
      subject: 'eth2:1234',
      severity: 'warning',
    });
    expect(f?.fix).toEqual([
      'ip addr del 192.168.2.99/24 dev eth2 label eth2:1234',
      'ip link add link eth2 name eth2.1234 type vlan id 1234',
      'ip addr add 192.168.2.99/24 dev eth2.1234',
      'ip link set eth2.1234 up',
    ]);
    expect(f?.evidence).toEqual([
      {
        source: 'ip -j addr show',
        text: 'eth2: inet 192.168.2.99/24 scope global label eth2:1234',
      },
    ]);
  });

  it('leaves eth1:10 beside VLAN eth1.10, and eth1:web, alone', () => {
    expect(vlanAliasRule.run({ host: vlanHost('healthy') })).toEqual([]);
  });

  it('flags eth1:10 where eth1.10 is only a name (a veth, not a VLAN)', () => {
    expect(vlanAliasRule.run({ host: vlanHost('no-8021q') }).map((f) => f.subject)).toEqual([
      'eth1:10',
    ]);
  });
});
