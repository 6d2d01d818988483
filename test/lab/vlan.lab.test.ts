/**
 * vlan-support-missing for real: this kernel has no 8021q. In a lab namespace,
 * `ip link add … type vlan` fails, /proc/net/vlan is absent, and `netdoctor vlan --json`
 * raises the finding with the modprobe fix. Reads only: nothing is sent.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, type Lab } from './lab.js';

describeLab('vlan: a kernel without 8021q', (lab: Lab) => {
  let ns = '';

  beforeAll(() => {
    ns = lab.addHost('r');
    const peer = lab.addHost('p');
    lab.wire(ns, 'eth1', peer, 'eth0');
    lab.ip(ns, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth1');
  });

  it('cannot make a VLAN interface, and has no /proc/net/vlan', () => {
    const add = lab.exec(ns, [
      'ip',
      'link',
      'add',
      'link',
      'eth1',
      'name',
      'eth1.1234',
      'type',
      'vlan',
      'id',
      '1234',
    ]);
    expect(add.status).not.toBe(0);
    expect(add.stderr).toMatch(/Unknown device type|Operation not supported|not supported/i);
    expect(lab.exec(ns, ['test', '-e', '/proc/net/vlan']).status).not.toBe(0);
  });

  it('netdoctor vlan --json raises vlan-support-missing with the modprobe fix', () => {
    const r = lab.exec(ns, [...NETDOCTOR, 'vlan', '--json']);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as {
      vlans: unknown[];
      support: string;
      findings: { code: string; fix: string[]; evidence: { source: string }[] }[];
    };
    expect(json.vlans).toEqual([]);
    expect(json.support).toBe('absent');
    const f = json.findings.find((x) => x.code === 'vlan-support-missing');
    expect(f?.fix).toEqual(['modprobe 8021q', 'echo 8021q > /etc/modules-load.d/8021q.conf']);
    expect(f?.evidence[0]?.source).toBe('/proc/net/vlan/config');
  });

  it('records the absence in a snapshot (ENOENT), so a reader elsewhere can tell', () => {
    const r = lab.exec(ns, [...NETDOCTOR, 'snapshot']);
    expect(r.status, r.stderr).toBe(0);
    const snap = JSON.parse(r.stdout) as { sources: Record<string, { error?: string }> };
    expect(snap.sources['/proc/net/vlan/config']?.error).toBe('ENOENT');
    expect(snap.sources['bridge -j -d vlan show']).toBeDefined();
  });
});
