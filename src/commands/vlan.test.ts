import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CliIo } from './context.js';
import { VLAN_FIXTURE_DIR } from '../../test/fixtures/vlan/snapshots.js';

const snap = (name: string) => `${VLAN_FIXTURE_DIR}${name}.snapshot.json`;

async function run(...argv: string[]) {
  const text = { out: '', err: '' };
  const io: CliIo = {
    out: (t) => (text.out += t),
    err: (t) => (text.err += t),
    isTTY: false,
    env: {},
  };
  const code = await main(argv, io);
  return { code, ...text };
}

describe('netdoctor vlan', () => {
  it('--json prints {schema, vlans, bridges, findings}; a healthy router exits 0 with no finding', async () => {
    const r = await run('vlan', '--snapshot', snap('healthy'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      vlans: { name: string }[];
      bridges: unknown[];
      findings: unknown[];
    };
    expect(Object.keys(json)).toEqual([
      'schema',
      'vlans',
      'bridges',
      'support',
      'findings',
      'warnings',
    ]);
    expect(json.vlans.map((p) => p.name)).toEqual(['eth1', 'eth2']);
    expect(json.bridges).toHaveLength(1);
    expect(json.findings).toEqual([]);
  });

  it('exits 1 on the broken router, with every VLAN code', async () => {
    const r = await run('vlan', '--snapshot', snap('broken'), '--json');
    expect(r.code).toBe(1);
    const codes = (JSON.parse(r.out) as { findings: { code: string }[] }).findings.map(
      (f) => f.code,
    );
    expect(new Set(codes)).toEqual(
      new Set([
        'vlan-id-invalid',
        'vlan-parent-down',
        'vlan-down',
        'vlan-mtu-exceeds-parent',
        'vlan-alias-confusion',
      ]),
    );
  });

  it('narrows to one interface: a parent with its VLANs and their findings', async () => {
    const r = await run('vlan', 'eth3', '--snapshot', snap('broken'), '--json');
    const json = JSON.parse(r.out) as {
      vlans: { name: string }[];
      findings: { subject: string }[];
    };
    expect(json.vlans.map((p) => p.name)).toEqual(['eth3']);
    expect(json.findings.map((f) => f.subject)).toEqual(['eth3.50']);
  });

  it('prints the tree, the switch and the findings as text', async () => {
    const r = await run('vlan', '--snapshot', snap('healthy'));
    expect(r.out).toContain('  └ eth1.100  VLAN 100 802.1ad  up, carrier  mtu 1500');
    expect(r.out).toContain('    └ eth1.100.200  VLAN 200 802.1Q');
    expect(r.out).toContain('ingress-qos-map 1:2');
    expect(r.out).toContain('A device here must send untagged frames to be in VLAN 10.');
    expect(r.out).toContain('no problems found');
  });

  it('says 8021q is missing and gives the modprobe fix, on a snapshot of this kernel', async () => {
    const r = await run('vlan', '--snapshot', snap('plain'), '--json');
    const f = (JSON.parse(r.out) as { findings: { code: string; fix: string[] }[] }).findings[0];
    expect(f?.code).toBe('vlan-support-missing');
    expect(f?.fix[0]).toBe('modprobe 8021q');
  });

  it('--make shows commands and files for a parent in the snapshot', async () => {
    const r = await run(
      'vlan',
      '--snapshot',
      snap('healthy'),
      '--make',
      'eth2',
      '1234',
      '10.0.0.2/24',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('  ip link add link eth2 name eth2.1234 type vlan id 1234\n');
    expect(r.out).toContain('systemd-networkd: /etc/systemd/network/eth2.1234.netdev');
    expect(r.out).toContain('netplan');
  });

  it.each([
    [['--make', 'eth2', '4095', '10.0.0.2/24'], /outside 1-4094/],
    [['--make', 'eth9', '12', '10.0.0.2/24'], /there is no interface eth9 in /],
    [['--make', 'eth2', '30', '10.0.0.2/24'], /eth2\.30 already exists/],
    [['--make', 'eth2', '12', 'nonsense'], /not an address/],
    [['--make', 'eth2'], /--make takes PARENT ID/],
    [['nope'], /there is no interface nope/],
    [['--rates'], /--rates reads the live counters/],
  ])('refuses %j in one line, exit 2', async (args, message) => {
    const r = await run('vlan', '--snapshot', snap('healthy'), ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});
