/**
 * Discover on a bridged LAN of 200 hosts: Raspberry Pis under every Raspberry Pi prefix of
 * the registry (MA-L, MA-M and MA-S), other vendors, a locally administered MAC, a default
 * gateway and one address claimed by two hosts. `netdoctor scan --json` as user nobody with
 * no capabilities must find exactly what `arp-scan --localnet` (root) finds, flag every Pi,
 * and report the duplicate (its arping check), as the arp-scan backend (root) does.
 */
import { beforeAll, expect, it } from 'vitest';
import {
  describeLab,
  leftAfterExit,
  leftoverNamespaces,
  NETDOCTOR,
  spawnNetdoctorAsNobody,
  type Lab,
} from './lab.js';
import { arpScanAnswers, buildLan, type DiscoverLan } from './discover-lab.js';
import { raspberryPiPrefixes } from '../../src/net/mac.js';
import { macFromEui64 } from '../../src/net/eui64.js';

interface ScanJson {
  backend: string;
  hosts: {
    ip: string;
    mac: string;
    macs: string[];
    macVendors: (string | null)[];
    flags: string[];
    vendor: string | null;
    rttMs: number | null;
    ipv6: string[];
  }[];
  findings: { code: string; subject: string; evidence: { text: string }[] }[];
  limits: string[];
  stats: { hosts: number; raspberryPis: number; sent: number; sendErrors: number };
}

const HOSTS = 200;

describeLab('discover: 200 hosts, every Pi, one duplicate', (lab: Lab) => {
  let lan: DiscoverLan;
  let arp: { ip: string; mac: string }[] = [];
  let scan: ScanJson;
  let scanStatus: number | null = null;

  beforeAll(() => {
    lan = buildLan(lab, {
      cidr: '198.18.0.0/23',
      // Spread over both halves of the /23 and its edges, with holes between.
      offsets: Array.from({ length: HOSTS }, (_, i) => 2 + i * 2 + (i >= 100 ? 60 : 0)),
      piEvery: 4,
      duplicateOf: 7,
    });
    arp = arpScanAnswers(lab, lan);
    const r = lab.execAsNobody(lan.scanner, [...NETDOCTOR, 'scan', '--json']);
    scanStatus = r.status;
    expect(r.stderr).toBe('');
    scan = JSON.parse(r.stdout) as ScanJson;
  });

  it('builds the LAN it claims: every Pi prefix of the registry, 200 hosts', () => {
    const prefixes = raspberryPiPrefixes();
    expect(prefixes.length).toBeGreaterThanOrEqual(10);
    for (const p of ['B827EB', 'DCA632', 'E45F01', '28CDC1', 'D83ADD', '2CCF67', '88A29E']) {
      expect(prefixes).toContain(p);
    }
    const used = new Set(
      lan.hosts
        .filter((h) => h.pi)
        .map((h) => prefixes.find((p) => h.mac.replace(/:/g, '').toUpperCase().startsWith(p))),
    );
    expect([...used].sort()).toEqual([...prefixes].sort());
    expect(lan.hosts).toHaveLength(HOSTS);
    // arp-scan (root) sees all of them, and the duplicate twice.
    expect(new Set(arp.map((a) => a.ip)).size).toBe(HOSTS);
    expect(
      arp
        .filter((a) => a.ip === lan.duplicate?.ip)
        .map((a) => a.mac)
        .sort(),
    ).toEqual([...(lan.duplicate?.macs ?? [])].sort());
  });

  it('as nobody, finds exactly the addresses arp-scan finds, with the same MACs', () => {
    expect(scan.backend).toBe('kernel');
    const others = scan.hosts.filter((h) => !h.flags.includes('self') && !h.ip.includes(':'));
    expect(others.map((h) => h.ip).sort()).toEqual([...new Set(arp.map((a) => a.ip))].sort());
    for (const h of others) {
      const answers = arp.filter((a) => a.ip === h.ip).map((a) => a.mac);
      expect(answers).toContain(h.mac);
    }
    const self = scan.hosts.find((h) => h.flags.includes('self'));
    expect(self).toMatchObject({ ip: lan.scannerIp, mac: lan.scannerMac });
    expect(scan.stats.sendErrors).toBe(0);
    // The kernel measured an answer time for the hosts it swept.
    expect(others.filter((h) => h.rttMs !== null).length).toBeGreaterThan(HOSTS / 2);
  });

  it('flags every Raspberry Pi, and nothing else, by registry holder', () => {
    const expected = lan.hosts.filter((h) => h.pi && h.ip !== lan.duplicate?.ip).map((h) => h.ip);
    const flagged = scan.hosts.filter((h) => h.flags.includes('raspberry-pi'));
    for (const ip of expected) expect(flagged.map((h) => h.ip)).toContain(ip);
    for (const h of flagged) expect(h.vendor).toMatch(/^Raspberry Pi/);
    const notPis = lan.hosts.filter((h) => !h.pi).map((h) => h.ip);
    for (const h of flagged) if (h.ip !== lan.duplicate?.ip) expect(notPis).not.toContain(h.ip);
    expect(scan.hosts.find((h) => h.ip === lan.gateway)?.flags).toContain('gateway');
    expect(scan.hosts.some((h) => h.flags.includes('local-mac') && !h.flags.includes('self'))).toBe(
      true,
    );
  });

  it('reports the duplicate as nobody (arping after the sweep), and through the arp-scan backend (root)', () => {
    expect(scanStatus).toBe(1);
    expect(scan.limits).toEqual([]);
    const mine = scan.findings.filter((f) => f.code === 'duplicate-ip');
    expect(mine.map((f) => f.subject)).toEqual([lan.duplicate?.ip]);
    expect(scan.hosts.find((h) => h.ip === lan.duplicate?.ip)?.macs.sort()).toEqual(
      [...(lan.duplicate?.macs ?? [])].sort(),
    );
    // Each MAC with its own vendor: the second box is an Intel card, not the first one's maker.
    expect(scan.hosts.find((h) => h.ip === lan.duplicate?.ip)?.macVendors).toContain(
      'Intel Corporate',
    );
    const r = lab.exec(lan.scanner, [...NETDOCTOR, 'scan', '--json', '--backend', 'arp-scan']);
    expect(r.status, r.stderr).toBe(1);
    const root = JSON.parse(r.stdout) as ScanJson;
    const dup = root.findings.filter((f) => f.code === 'duplicate-ip');
    expect(dup.map((f) => f.subject)).toEqual([lan.duplicate?.ip]);
    expect(dup[0]?.evidence.map((e) => e.text.split('\t')[1]).sort()).toEqual(
      [...(lan.duplicate?.macs ?? [])].sort(),
    );
    expect(root.hosts.find((h) => h.ip === lan.duplicate?.ip)?.flags).toContain('duplicate-ip');
    expect(
      root.hosts
        .filter((h) => !h.flags.includes('self'))
        .map((h) => h.ip)
        .sort(),
    ).toEqual([...new Set(arp.map((a) => a.ip))].sort());
  });

  it('lists IPv6 neighbours from the all-nodes echo under their IPv4 host, by MAC', () => {
    // One namespace answering for 200 hosts answers the echo slowly, so only some are in
    // the table by the end of the sweep; each must sit under the host whose MAC it names.
    const withV6 = scan.hosts.filter((h) => !h.ip.includes(':') && h.ipv6.length > 0);
    expect(withV6.length).toBeGreaterThan(0);
    for (const h of withV6) {
      for (const a of h.ipv6.filter((x) => x.startsWith('fe80:')))
        expect(macFromEui64(a)).toBe(h.mac);
    }
  });

  it('--pi lists only Pis; exit 1 where no Pi answers; the arp-scan backend needs root', () => {
    const pis = lab.execAsNobody(lan.scanner, [
      ...NETDOCTOR,
      'scan',
      '--pi',
      '--csv',
      '--no-names',
    ]);
    // Exit 1: the LAN's duplicate IP is an error finding, --pi or not.
    expect(pis.status, pis.stderr).toBe(1);
    expect(pis.stderr).toBe('');
    const rows = pis.stdout.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(lan.hosts.filter((h) => h.pi).length - 1);
    expect(rows.every((r) => r.includes('raspberry-pi'))).toBe(true);
    // The last hosts of the plan are ordinary ones: a small prefix around them has no Pi.
    const none = lab.execAsNobody(lan.scanner, [
      ...NETDOCTOR,
      'scan',
      '--pi',
      '--cidr',
      '198.18.1.224/28',
      '--no-names',
    ]);
    expect(none.status, none.stdout).toBe(1);
    expect(none.stderr).toBe('netdoctor: no Raspberry Pi answered\n');
    const denied = lab.execAsNobody(lan.scanner, [...NETDOCTOR, 'scan', '--backend', 'arp-scan']);
    expect(denied.status).toBe(2);
    expect(denied.stderr.trim().split('\n')).toHaveLength(1);
    expect(denied.stderr).toMatch(/needs CAP_NET_RAW/);
  });

  it('refuses what it cannot do, in one line with exit 2', () => {
    const offLink = lab.execAsNobody(lan.scanner, [
      ...NETDOCTOR,
      'scan',
      '--cidr',
      '203.0.113.0/24',
    ]);
    expect(offLink.status).toBe(2);
    expect(offLink.stderr).toMatch(/not on-link .*--backend arp-scan/);
    const big = lab.execAsNobody(lan.scanner, [...NETDOCTOR, 'scan', '--cidr', '198.18.0.0/15']);
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/more than a \/16; add --force/);
    const iface = lab.execAsNobody(lan.scanner, [...NETDOCTOR, 'scan', '--iface', 'eth9']);
    expect(iface.status).toBe(2);
    expect(iface.stderr).toMatch(/^netdoctor: no interface named eth9/);
  });

  it('Ctrl-C ends a sweep and every child process it started', async () => {
    const busy = () =>
      lab.exec(lan.scanner, ['pgrep', '-u', 'nobody', '-f', '(ip monitor neigh|ping -6 -n)'])
        .stdout;
    expect(busy()).toBe('');
    const child = spawnNetdoctorAsNobody(lan.scanner, ['scan', '--no-names', '--wait', '10000']);
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      // Bounded wait for the sweep's monitor to be running.
      for (let i = 0; i < 100 && busy() === ''; i++) await new Promise((r) => setTimeout(r, 50));
      expect(busy()).not.toBe('');
      child.kill('SIGINT');
      await closed;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect(busy()).toBe('');
  });

  it('passive lists the table without sending, and nothing outlives the scans', async () => {
    const r = lab.execAsNobody(lan.scanner, [
      ...NETDOCTOR,
      'scan',
      '--backend',
      'passive',
      '--json',
      '--no-names',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const passive = JSON.parse(r.stdout) as ScanJson;
    expect(passive.stats.sent).toBe(0);
    // The sweeps above left the answering hosts in the table.
    expect(passive.hosts.filter((h) => !h.ip.includes(':')).length).toBeGreaterThan(HOSTS / 2);
    expect(await leftAfterExit(lab, lan.scanner, ['-f', 'ip monitor neigh'])).toBe('');
    expect(leftoverNamespaces(lab).length).toBeGreaterThan(0);
  });
});
