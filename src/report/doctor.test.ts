import { describe, expect, it } from 'vitest';
import { VPN_SERVER_NO_FORWARDING, labHost } from '../../test/doctor/load.js';
import { diagnose } from '../diagnose/diagnose.js';
import { hostRole } from '../net/role.js';
import { documentLines } from './document.js';
import { doctorJson, doctorSections, findingDetailLines, returnRouteHints } from './doctor.js';
import { safeFinding } from './findings.js';

describe('doctor report', () => {
  const host = labHost(VPN_SERVER_NO_FORWARDING);
  const report = {
    host,
    role: hostRole(host),
    path: null,
    probes: null,
    findings: diagnose({ host }, ['host']),
  };

  it('leads with the findings, then the role and what the LAN side needs', () => {
    const lines = documentLines(doctorSections(report)).map((l) => l.text);
    expect(lines[0]).toBe('Findings (1)');
    expect(lines).toContain(
      '  hosts on 192.168.50.0/24 answer 10.8.0.0/24 through their own default gateway: it needs "ip route add 10.8.0.0/24 via 192.168.50.5" (or NAT here). Prove it: netdoctor doctor --to <a host on 192.168.50.0/24> --probe',
    );
    expect(lines.every((l) => l.length <= 240)).toBe(true);
  });

  it('JSON holds prefixes as text (no bigints) and the findings as they are', () => {
    const text = JSON.stringify(doctorJson(report, { reason: 'done' }));
    expect(text).toContain('"cidr":"192.168.50.0/24"');
    expect(JSON.parse(text)).toMatchObject({ findings: [{ code: 'forwarding-disabled' }] });
  });
});

describe('safeFinding', () => {
  it('writes control characters out in every field a snapshot can fill', () => {
    const f = safeFinding({
      code: 'proxy-arp-needed',
      severity: 'error',
      title: 'eth\u001b]0;x\u0007',
      why: 'a\nb',
      evidence: [{ source: '/proc/sys/net/ipv4/conf/e\u001bth/proxy_arp', text: '0' }],
      fix: ['sysctl -w net.ipv4.conf.e\u001bth.proxy_arp=1'],
      subject: 'e\u001bth',
    });
    expect(JSON.stringify(f)).not.toMatch(/\\u001b|\\u0007/);
    expect(f.fix[0]).toBe('sysctl -w net.ipv4.conf.e\\x1bth.proxy_arp=1');
  });
});

describe('findingDetailLines', () => {
  const host = labHost(VPN_SERVER_NO_FORWARDING);
  const [forwarding] = diagnose({ host }, ['host']);
  if (!forwarding) throw new Error('no finding');

  it('why in words, evidence under the file or command that printed it, fix, all within the width', () => {
    const lines = findingDetailLines(forwarding, 60).map((l) => l.text);
    expect(lines[0]).toBe('error  forwarding-disabled');
    expect(lines).toContain('Why');
    expect(lines).toContain('  /proc/sys/net/ipv4/ip_forward:');
    expect(lines).toContain('  sysctl -w net.ipv4.ip_forward=1');
    expect(lines.every((l) => [...l].length <= 60)).toBe(true);
  });

  it('breaks a long command outside its quotes, each cut line ending in a backslash', () => {
    const lines = findingDetailLines(
      {
        ...forwarding,
        evidence: [{ source: 'ip -j addr show', text: 'eth0: inet 192.0.2.1/24' }],
        fix: [
          '# or NAT here, which hides each client behind this host: the LAN sees one address',
          "nft 'add chain ip nat postrouting { type nat hook postrouting priority srcnat; }' extra words here",
        ],
      },
      50,
    ).map((l) => l.text);
    expect(lines).toContain('  $ ip -j addr show');
    expect(lines).toContain('  # or NAT here, which hides each client behind');
    expect(lines).toContain('  # this host: the LAN sees one address');
    expect(lines).toContain('  nft \\');
    expect(lines).toContain(
      "    'add chain ip nat postrouting { type nat hook postrouting priority srcnat; }' \\",
    );
    expect(lines).toContain('    extra words here');
  });

  it('writes control characters out', () => {
    const lines = findingDetailLines({ ...forwarding, title: 'eth\u001b[2J0' }, 78);
    expect(lines.map((l) => l.text).join('\n')).not.toContain('\u001b');
  });
});

describe('returnRouteHints', () => {
  it('on the VPN server: the LAN needs the VPN network via the LAN address', () => {
    const host = labHost(VPN_SERVER_NO_FORWARDING);
    expect(returnRouteHints(hostRole(host))).toEqual([
      {
        pushed: '192.168.50.0/24',
        vpn: '10.8.0.0/24',
        words:
          'hosts on 192.168.50.0/24 answer 10.8.0.0/24 through their own default gateway: it needs "ip route add 10.8.0.0/24 via 192.168.50.5" (or NAT here)',
      },
    ]);
  });
});
