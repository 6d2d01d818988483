import { describe, expect, it } from 'vitest';
import { vlanSupportRule } from './vlan-support.js';
import { vlanHost } from '../../../test/fixtures/vlan/snapshots.js';
import { buildHostState } from '../../state/host-state.js';
import { vlanSnapshot } from '../../../test/fixtures/vlan/snapshots.js';

describe('vlan-support-missing', () => {
  it('is a warning when VLANs are asked about and /proc/net/vlan is absent', () => {
    const [f, ...rest] = vlanSupportRule.run({ host: vlanHost('plain'), asked: ['vlan'] });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: 'vlan-support-missing',
      severity: 'warning',
      subject: '8021q',
    });
    expect(f?.fix).toEqual(['modprobe 8021q', 'echo 8021q > /etc/modules-load.d/8021q.conf']);
    expect(f?.evidence[0]?.source).toBe('/proc/net/vlan/config');
  });

  it('is an error, unasked, when interfaces or labels are named like VLANs', () => {
    const [f] = vlanSupportRule.run({ host: vlanHost('no-8021q') });
    expect(f?.severity).toBe('error');
    expect(f?.evidence.map((e) => e.text).join('\n')).toMatch(/eth1\.10@?.*\n/);
    expect(f?.evidence.some((e) => e.text.includes('label eth1:10'))).toBe(true);
    // eth1:web is a label, not a VLAN-like name.
    expect(f?.evidence.some((e) => e.text.includes('eth1:web'))).toBe(false);
  });

  it('is quiet when 8021q is loaded, when nobody asked, and when the snapshot never read it', () => {
    expect(vlanSupportRule.run({ host: vlanHost('healthy'), asked: ['vlan'] })).toEqual([]);
    expect(vlanSupportRule.run({ host: vlanHost('plain') })).toEqual([]);
    const old = vlanSnapshot('plain');
    const sources = Object.fromEntries(
      Object.entries(old.sources).filter(([k]) => !k.startsWith('/proc/net/vlan')),
    );
    const host = buildHostState({ ...old, sources });
    expect(host.vlanProc.status).toBe('not-collected');
    expect(vlanSupportRule.run({ host, asked: ['vlan'] })).toEqual([]);
  });
});
