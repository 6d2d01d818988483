import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { scanExitCode, scanJson, scanText, wantsNames, type ScanResult } from './scan.js';
import {
  addSighting,
  duplicateFindings,
  visibleHosts,
  type DiscoveredHost,
} from '../probes/discover/hosts.js';
import { CAPTURE_LAB_TARGET, captureLabHosts } from '../../test/helpers/discover.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTTY: false,
    env: {},
  });
  return { code, out, err };
}

describe('netdoctor scan refuses bad input in one line, exit 2, before sending anything', () => {
  it.each([
    [['--cidr', '10.0.0/8'], /^netdoctor: not an IPv4 CIDR: 10\.0\.0\/8/],
    [
      ['--cidr', '10.0.0.0/8'],
      /^netdoctor: refusing to sweep 10\.0\.0\.0\/8: 16777214 addresses, more than a \/16; add --force/,
    ],
    [['--iface', 'nd-no-such0'], /^netdoctor: no interface named nd-no-such0 here/],
    [['--iface', '../../etc'], /^netdoctor: not an interface name/],
    [
      ['--backend', 'nmap'],
      /^netdoctor: error: option '--backend <name>' argument 'nmap' is invalid/,
    ],
    [['--json', '--csv', '--cidr', '203.0.113.0/24'], /^netdoctor: --json and --csv: pick one/],
    [['--wait', 'soon'], /^netdoctor: --wait takes milliseconds from 1 to 60000/],
    [['--interval', '5'], /^netdoctor: --interval goes with --watch/],
    [['--watch', '--interval', 'often'], /^netdoctor: --interval takes seconds from 0\.5 to 86400/],
    [['--watch', '--csv'], /^netdoctor: --watch prints events: --csv does not go with it/],
  ])('scan %j', async (args, message) => {
    const r = await cli('scan', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('an IPv6 neighbour with no IPv4 twin', () => {
  it('is a row of its own, with its table state', () => {
    const at = Date.parse('2026-11-27T12:00:00Z');
    const hosts = [
      { ip: '203.0.113.10', mac: 'b8:27:eb:00:00:10', via: 'arp-scan' as const, state: null },
      {
        ip: 'fe80::ba27:ebff:fe00:10',
        mac: 'b8:27:eb:00:00:10',
        via: 'ndp' as const,
        state: 'REACHABLE',
      },
      { ip: 'fe80::1:2ff:fe03:405', mac: '02:01:02:03:04:05', via: 'ndp' as const, state: 'STALE' },
    ].reduce<readonly DiscoveredHost[]>(
      (acc, h) => addSighting(acc, { iface: 'lan0', rttMs: null, at, ...h }),
      [],
    );
    const shown = visibleHosts(hosts);
    expect(shown.map((h) => h.ip)).toEqual(['203.0.113.10', 'fe80::1:2ff:fe03:405']);
    expect(shown[0]?.ipv6).toEqual(['fe80::ba27:ebff:fe00:10']);
    const text = scanText(
      {
        targets: [CAPTURE_LAB_TARGET],
        backend: 'kernel',
        hosts: shown,
        findings: [],
        limits: [],
        warnings: [],
        durationMs: 1,
        firstHostMs: null,
        sent: 0,
        sendErrors: 0,
        interrupted: null,
        stoppedEarly: [],
      },
      shown,
      [],
    );
    expect(text).toMatch(/^fe80::1:2ff:fe03:405 +02:01:02:03:04:05 .*random MAC STALE/m);
  });
});

describe('an IPv4 host only the neighbour table held', () => {
  it('shows the table state on its row, and the summary counts it apart', () => {
    const at = Date.parse('2026-11-27T12:00:00Z');
    const hosts = [
      { ip: '203.0.113.10', mac: 'b8:27:eb:00:00:10', via: 'sweep' as const, state: 'REACHABLE' },
      { ip: '203.0.113.99', mac: '02:0c:0c:0c:00:99', via: 'table' as const, state: 'DELAY' },
    ].reduce<readonly DiscoveredHost[]>(
      (acc, h) => addSighting(acc, { iface: 'lan0', rttMs: null, at, ...h }),
      [],
    );
    const result: ScanResult = {
      targets: [CAPTURE_LAB_TARGET],
      backend: 'kernel',
      hosts,
      findings: [],
      limits: [],
      warnings: [],
      durationMs: 1000,
      firstHostMs: null,
      sent: 253,
      sendErrors: 0,
      interrupted: null,
      stoppedEarly: [],
    };
    const text = scanText(result, hosts, []);
    expect(text).toMatch(/^203\.0\.113\.99 +02:0c:0c:0c:00:99 .*random MAC DELAY *$/m);
    expect(text).toMatch(/^203\.0\.113\.10 +b8:27:eb:00:00:10 .*Pi *$/m);
    expect(text).toMatch(
      /\(kernel\): 2 hosts \(1 only in the neighbour table, unconfirmed\), 1 Raspberry Pi, in 1\.00 s\n$/,
    );
  });
});

describe('the scan report', () => {
  const T0 = Date.parse('2026-11-27T12:00:00Z');
  const hosts = captureLabHosts(T0);
  const result: ScanResult = {
    targets: [CAPTURE_LAB_TARGET],
    backend: 'arp-scan',
    hosts: visibleHosts(hosts),
    findings: duplicateFindings(hosts, 'arp-scan'),
    limits: [],
    warnings: [],
    durationMs: 1234,
    firstHostMs: 3,
    sent: 254,
    sendErrors: 0,
    interrupted: null,
    stoppedEarly: [],
  };

  it('prints a table with vendor and flags, the duplicate, and a summary', () => {
    const text = scanText(result, result.hosts, []);
    expect(text).toMatch(/^ADDRESS +MAC +VENDOR +NAME +FLAGS +RTT ms$/m);
    expect(text).toMatch(
      /^203\.0\.113\.12 +f0:40:af:90:00:12 +Raspberry Pi \(Trading\) Ltd +Pi +0\.05$/m,
    );
    expect(text).toMatch(/^203\.0\.113\.15 +02:42:ac:11:00:15 +\(not in registry\) +random MAC/m);
    // Each MAC of the duplicate with its own vendor.
    expect(text).toContain(
      '  203.0.113.50 answered by b8:27:eb:00:00:50 (Raspberry Pi Foundation) and 00:1b:21:00:00:50 (Intel Corporate)',
    );
    expect(text).toMatch(/^203\.0\.113\.50 +b8:27:eb:00:00:50 +Raspberry Pi Foundation \/ I/m);
    expect(text).toContain('error   duplicate-ip  203.0.113.50 on lan0 is answered by 2 MACs');
    expect(text).toMatch(
      /lan0 203\.0\.113\.0\/24 \(arp-scan\): 8 hosts, 5 Raspberry Pi, in 1\.23 s\n$/,
    );
  });

  it('a sweep whose prefix left the link mid-sweep is incomplete: exit 3, said in the summary', () => {
    const why = 'sweep of 203.0.113.0/24 on lan0 stopped: lan0 went down (ip link set lan0 up)';
    const early: ScanResult = { ...result, findings: [], stoppedEarly: [why] };
    expect(scanExitCode(early, early.hosts, false)).toBe(3);
    // It outranks what the sweep found: a duplicate (1) in a half-done list is still half done.
    expect(scanExitCode({ ...result, stoppedEarly: [why] }, result.hosts, false)).toBe(3);
    expect(scanExitCode({ ...result, findings: [] }, result.hosts, false)).toBe(0);
    expect(scanExitCode(result, result.hosts, false)).toBe(1);
    expect(scanText(early, early.hosts, [])).toMatch(
      /lan0 203\.0\.113\.0\/24 \(arp-scan\): STOPPED EARLY after 1\.23 s: incomplete, 8 hosts, 5 Raspberry Pi\n$/,
    );
    expect(scanJson(early, early.hosts, []).stoppedEarly).toEqual([why]);
  });

  it('gives JSON with whole vendor records, findings and the limits of the backend', () => {
    const limit = 'duplicate IPs are not checked: arping cannot open a raw socket here';
    const json = scanJson({ ...result, backend: 'kernel', limits: [limit] }, result.hosts, []);
    expect(json.stats).toEqual({
      hosts: 8,
      raspberryPis: 5,
      durationMs: 1234,
      firstHostMs: 3,
      sent: 254,
      sendErrors: 0,
    });
    const pi = json.hosts.find((h) => h.ip === '203.0.113.13');
    expect(pi).toMatchObject({
      vendorBlock: 'MA-S',
      vendorPrefix: '8C1F6434A',
      flags: ['raspberry-pi'],
    });
    expect(pi?.vendorRecord?.split('\n').length).toBeGreaterThan(1);
    expect(json.findings.map((f) => f.code)).toEqual(['duplicate-ip']);
    expect(json.limits).toEqual([limit]);
  });
});

describe('names and the passive backend', () => {
  it('passive looks names up only when asked: a reverse-DNS query is a packet', () => {
    expect(wantsNames({ backend: 'passive' })).toBe(false);
    expect(wantsNames({ backend: 'passive', names: true })).toBe(true);
    expect(wantsNames({ backend: 'kernel' })).toBe(true);
    expect(wantsNames({ backend: 'arp-scan', names: false })).toBe(false);
  });
});
