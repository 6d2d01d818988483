import { describe, expect, it } from 'vitest';
import {
  addName,
  addSighting,
  duplicateFindings,
  visibleHosts,
  type DiscoveredHost,
  type HostContext,
} from './hosts.js';
import { parseArpScanPlain } from '../../parse/arp-scan.js';
import { parseIpNeigh } from '../../parse/ip-neigh.js';
import { hostsCsv } from './export.js';
import { fixture } from '../../../test/helpers/fixtures.js';
import type { Sighting } from './types.js';

const ctx: HostContext = {
  selfAddresses: new Set(['203.0.113.1']),
  gateways: new Set(['203.0.113.254']),
};
const T0 = Date.parse('2026-11-27T12:00:00Z');

/** The arp-scan answers of the capture lab, as the arp-scan backend streams them. */
function fromArpScan(): readonly DiscoveredHost[] {
  const answers = parseArpScanPlain(fixture('arp-scan/plain-rtt-localnet.txt')).records;
  return answers.reduce<readonly DiscoveredHost[]>(
    (hosts, a, i) =>
      addSighting(
        hosts,
        {
          iface: 'lan0',
          ip: a.ip,
          mac: a.mac,
          rttMs: a.rttMs,
          at: T0 + i,
          via: 'arp-scan',
          state: null,
        },
        ctx,
      ),
    [
      {
        iface: 'lan0',
        ip: '203.0.113.1',
        family: 'inet',
        mac: '02:00:00:00:00:01',
        macs: ['02:00:00:00:00:01'],
        vendor: null,
        name: null,
        flags: ['self', 'local-mac'],
        rttMs: null,
        firstSeen: T0,
        lastSeen: T0,
        via: 'self',
        state: null,
        ipv6: [],
      },
    ],
  );
}

describe('hosts folded from the arp-scan answers of the capture lab', () => {
  const hosts = visibleHosts(fromArpScan());
  const flags = (ip: string) => hosts.find((h) => h.ip === ip)?.flags;

  it('has one record per address, in address order', () => {
    expect(hosts.map((h) => h.ip)).toEqual([
      '203.0.113.1',
      '203.0.113.10',
      '203.0.113.11',
      '203.0.113.12',
      '203.0.113.13',
      '203.0.113.14',
      '203.0.113.15',
      '203.0.113.50',
      '203.0.113.254',
    ]);
  });

  it('flags Pis of every block, the gateway, random MACs, this host and the duplicate', () => {
    expect(flags('203.0.113.1')).toEqual(['self', 'local-mac']);
    for (const ip of ['203.0.113.10', '203.0.113.11', '203.0.113.12', '203.0.113.13']) {
      expect(flags(ip)).toEqual(['raspberry-pi']);
    }
    expect(flags('203.0.113.14')).toEqual([]);
    expect(flags('203.0.113.15')).toEqual(['local-mac']);
    expect(flags('203.0.113.50')).toEqual(['raspberry-pi', 'duplicate-ip']);
    expect(flags('203.0.113.254')).toEqual(['gateway']);
  });

  it('keeps both MACs of the duplicate and the lowest RTT, and names the vendor', () => {
    const dup = hosts.find((h) => h.ip === '203.0.113.50')!;
    expect(dup.macs).toEqual(['b8:27:eb:00:00:50', '00:1b:21:00:00:50']);
    expect(dup.mac).toBe('b8:27:eb:00:00:50');
    expect(dup.rttMs).toBe(0.065);
    expect(hosts.find((h) => h.ip === '203.0.113.13')?.vendor?.block).toBe('MA-S');
  });

  it('reports one duplicate-ip finding with both holders as evidence', () => {
    const findings = duplicateFindings(hosts, 'arp-scan --plain');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'duplicate-ip',
      severity: 'error',
      subject: '203.0.113.50',
    });
    expect(findings[0]?.evidence.map((e) => e.text)).toEqual([
      '203.0.113.50\tb8:27:eb:00:00:50',
      '203.0.113.50\t00:1b:21:00:00:50',
    ]);
    expect(findings[0]?.why).toMatch(/Raspberry Pi Foundation.*Intel/);
  });

  it('a second sighting with the same MAC changes nothing but the times', () => {
    const base = fromArpScan();
    const again: Sighting = {
      iface: 'lan0',
      ip: '203.0.113.10',
      mac: 'B8:27:EB:00:00:10',
      rttMs: 0.5,
      at: T0 + 100,
      via: 'sweep',
      state: 'REACHABLE',
    };
    const next = addSighting(base, again, ctx);
    const h = next.find((x) => x.ip === '203.0.113.10')!;
    expect(h.macs).toEqual(['b8:27:eb:00:00:10']);
    expect(h.rttMs).toBe(0.028);
    expect(h.lastSeen).toBe(T0 + 100);
    expect(h.firstSeen).toBe(T0);
  });

  it('names hosts once', () => {
    const named = addName(
      addName(fromArpScan(), '203.0.113.10', 'raspberrypi.lab'),
      '203.0.113.10',
      'other',
    );
    expect(named.find((h) => h.ip === '203.0.113.10')?.name).toBe('raspberrypi.lab');
  });
});

describe('a MAC only the neighbour table held is no second holder', () => {
  const at = (via: Sighting['via'], mac: string, state: string | null, t: number): Sighting => ({
    iface: 'lan0',
    ip: '203.0.113.20',
    mac,
    rttMs: via === 'sweep' ? 0.4 : null,
    at: T0 + t,
    via,
    state,
  });
  const fold = (...sightings: Sighting[]) =>
    sightings.reduce<readonly DiscoveredHost[]>((h, s) => addSighting(h, s, ctx), []);
  const STALE_MAC = '02:0c:0c:0c:00:20';
  const PI_MAC = 'b8:27:eb:00:00:20';

  it('the address moved: the MAC that answered replaces the stale one, no duplicate', () => {
    const hosts = fold(at('table', STALE_MAC, 'STALE', 0), at('arping', PI_MAC, null, 5));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({ mac: PI_MAC, macs: [PI_MAC], via: 'arping', state: null });
    expect(hosts[0]?.vendor?.name).toMatch(/Raspberry Pi/);
    expect(hosts[0]?.flags).not.toContain('duplicate-ip');
    expect(duplicateFindings(hosts, 'netdoctor scan')).toEqual([]);
  });

  it("a table's MAC after a proved one changes nothing", () => {
    const proved = fold(at('sweep', PI_MAC, 'REACHABLE', 0));
    expect(fold(at('sweep', PI_MAC, 'REACHABLE', 0), at('table', STALE_MAC, 'STALE', 5))).toEqual(
      proved,
    );
  });

  it("the table's newer word replaces its older one", () => {
    const hosts = fold(at('table', STALE_MAC, 'STALE', 0), at('table', PI_MAC, 'DELAY', 5));
    expect(hosts[0]).toMatchObject({ mac: PI_MAC, macs: [PI_MAC], via: 'table', state: 'DELAY' });
  });

  it('two MACs that both answered are a duplicate, as before', () => {
    const hosts = fold(at('sweep', STALE_MAC, 'REACHABLE', 0), at('arping', PI_MAC, null, 5));
    expect(hosts[0]?.macs).toEqual([STALE_MAC, PI_MAC]);
    expect(hosts[0]?.flags).toContain('duplicate-ip');
    expect(duplicateFindings(hosts, 'netdoctor scan')).toHaveLength(1);
  });
});

describe('IPv6 neighbours of the ff02::1 echo join their IPv4 host by MAC', () => {
  const v6 = parseIpNeigh(fixture('neigh/ip-j-6-neigh-after-ff02.json')).records;
  const all = v6.reduce<readonly DiscoveredHost[]>(
    (hosts, n) =>
      addSighting(
        hosts,
        {
          iface: 'lan0',
          ip: n.dst,
          mac: n.lladdr,
          rttMs: null,
          at: T0,
          via: 'ndp',
          state: n.states[0] ?? null,
        },
        ctx,
      ),
    fromArpScan(),
  );

  it('lists them beside the IPv4 address; the bridge, with no IPv4, as a row of its own', () => {
    const hosts = visibleHosts(all);
    expect(hosts.find((h) => h.ip === '203.0.113.10')?.ipv6).toEqual(['fe80::ba27:ebff:fe00:10']);
    // Both holders of the duplicate answered over IPv6 with their own link-local address.
    expect([...(hosts.find((h) => h.ip === '203.0.113.50')?.ipv6 ?? [])].sort()).toEqual([
      'fe80::21b:21ff:fe00:50',
      'fe80::ba27:ebff:fe00:50',
    ]);
    const v6only = hosts.filter((h) => h.family === 'inet6');
    expect(v6only).toHaveLength(1);
    expect(visibleHosts(all, false).filter((h) => h.family === 'inet6')).toEqual([]);
  });

  it('copies only the hosts that gain an address, and changes none it was given', () => {
    const before = JSON.stringify(all);
    const hosts = visibleHosts(all);
    expect(JSON.stringify(all)).toBe(before);
    const twin = hosts.find((h) => h.ip === '203.0.113.10');
    expect(all).not.toContain(twin);
    expect(all.find((h) => h.ip === '203.0.113.10')?.ipv6).toEqual([]);
    const alone = hosts.filter((h) => h.family === 'inet' && h.ipv6.length === 0);
    expect(alone.length).toBeGreaterThan(0);
    for (const h of alone) expect(all).toContain(h);
    // Asked again, the same addresses: nothing was pushed twice.
    expect(visibleHosts(all)).toEqual(hosts);
  });

  it('exports them to CSV with a header, one row per host', () => {
    const csv = hostsCsv(visibleHosts(all, false));
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe(
      'ip,iface,mac,vendor,name,flags,rtt_ms,first_seen,last_seen,other_macs,ipv6',
    );
    expect(rows).toContain(
      '203.0.113.50,lan0,b8:27:eb:00:00:50,Raspberry Pi Foundation,,raspberry-pi duplicate-ip,0.065,2026-11-27T12:00:00.006Z,2026-11-27T12:00:00.007Z,00:1b:21:00:00:50,fe80::ba27:ebff:fe00:50 fe80::21b:21ff:fe00:50',
    );
    expect(rows.at(-1)).toBe('');
  });
});
