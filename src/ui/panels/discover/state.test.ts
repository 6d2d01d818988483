import { describe, expect, it } from 'vitest';
import { addName, addSighting, type DiscoveredHost } from '../../../probes/discover/hosts.js';
import { HostTable } from '../../../probes/discover/host-table.js';
import { discoverRows, discoverRowsUnmemoised, lowered, LOWERED_MAX, SORT_KEYS } from './state.js';

// MACs under Raspberry Pi, Intel, Apple, an MA-S block, none (locally administered); names
// that the collator orders apart from their code units (case, accents), some missing; names
// whose lowering depends on what is around a letter (a final sigma, a dotted capital I), and
// one with a line break in it (a name is whatever a resolver answered).
const OUIS = ['b8:27:eb', 'dc:a6:32', '00:1b:21', 'f0:18:98', '8c:1f:64', '02:42:ac'];
const NAMES = [
  'alpha',
  'Beta',
  'émile',
  'Zulu',
  'zeta',
  'ALPHA',
  'Ödön',
  'bravo',
  'ΣΊΣΥΦΟΣ',
  'ΟΔΥΣΣΕΥΣ.lan',
  'İstanbul',
  'two\nlines',
];

/** `n` hosts on two interfaces, with duplicates (one IP, two MACs) and IPv6 twins. */
function sweep(n: number): readonly DiscoveredHost[] {
  let hosts: readonly DiscoveredHost[] = [];
  for (let i = 0; i < n; i++) {
    const iface = i % 5 === 0 ? 'wlan0' : 'lan0';
    const ip = `198.18.${i % 3}.${(i * 7) % 250}`;
    const low = (i & 255).toString(16).padStart(2, '0');
    const mac = `${OUIS[i % OUIS.length]}:00:${(i >> 8).toString(16).padStart(2, '0')}:${low}`;
    const rttMs = i % 4 === 0 ? null : (i * 13) % 9;
    hosts = addSighting(hosts, {
      iface,
      ip,
      mac,
      rttMs,
      at: 1000 + ((i * 31) % 97),
      via: 'sweep',
      state: null,
    });
    if (i % 3 === 0) hosts = addName(hosts, ip, NAMES[(i / 3) % NAMES.length]!);
  }
  return hosts;
}

/** What a person types into the filter: letters on, then back off, then another word. */
const TYPED = [
  '',
  'b',
  'b8',
  'b8:',
  'b8:2',
  'b8',
  '',
  'r',
  'ra',
  'ras',
  'rasp',
  'z',
  'zu',
  '198.18.1',
  'lan0',
  'É',
  'émi',
  'RASP',
  'Intel',
  'dup',
  '\0',
  'a\0b',
  'σ',
  'ς',
  'σίσυφος',
  'ς.lan',
  'i̇st',
  'two\nlines',
  '\nlan0',
];

describe('discoverRows remembers, and answers as the definition does', () => {
  const hosts = sweep(600);

  it('for every sort, Pi-only or not, as a filter is typed and erased', () => {
    for (const sort of SORT_KEYS) {
      for (const piOnly of [false, true]) {
        for (const filter of TYPED) {
          const view = { sort, piOnly, filter };
          const rows = discoverRows(view, hosts);
          expect(
            rows.map((h) => `${h.iface} ${h.ip}`),
            `${sort} ${piOnly} "${filter}"`,
          ).toEqual(discoverRowsUnmemoised(view, hosts).map((h) => `${h.iface} ${h.ip}`));
        }
      }
    }
  });

  it('gives the same rows again for the same list and view, and new ones for a new list', () => {
    const view = { sort: 'vendor', piOnly: false, filter: 'ras' } as const;
    expect(discoverRows(view, hosts)).toBe(discoverRows(view, hosts));
    const more = addSighting(hosts, {
      iface: 'lan0',
      ip: '198.18.9.9',
      mac: 'b8:27:eb:ff:ff:ff',
      rttMs: 1,
      at: 5,
      via: 'sweep',
      state: null,
    });
    const rows = discoverRows(view, more);
    expect(rows.map((h) => h.ip)).toEqual(discoverRowsUnmemoised(view, more).map((h) => h.ip));
    expect(rows.map((h) => h.ip)).toContain('198.18.9.9');
  });

  it("keeps the sweep table's list until a host changes", () => {
    const table = new HostTable({ selfAddresses: new Set(), gateways: new Set() });
    for (const h of hosts.slice(0, 5)) {
      table.add({
        iface: h.iface,
        ip: h.ip,
        mac: h.mac,
        rttMs: h.rttMs,
        at: 1,
        via: 'sweep',
        state: null,
      });
    }
    const view = { sort: 'rtt', piOnly: false, filter: '' } as const;
    expect(discoverRows(view, table.hosts())).toBe(discoverRows(view, table.hosts()));
  });
});

describe('lowered remembers each text with capitals apart', () => {
  it('lowers as toLowerCase does, for each text, past what it keeps', () => {
    const texts = [
      'Raspberry Pi Trading Ltd',
      'RASPBERRY PI TRADING LTD',
      'Beta',
      'BETA',
      'Ödön',
      'ÖDÖN',
      'İstanbul',
      'ΣΊΣΥΦΟΣ',
      'lan0',
      'b8:27:eb:00:00:01',
      'fe80::1',
      '@[Z]`{',
    ];
    for (let round = 0; round < 2; round++) {
      for (const t of texts) expect(lowered(t), t).toBe(t.toLowerCase());
    }
    for (let i = 0; i < LOWERED_MAX + 10; i++) {
      const t = `Host-${i}`;
      expect(lowered(t)).toBe(`host-${i}`);
    }
    for (const t of texts) expect(lowered(t), t).toBe(t.toLowerCase());
    expect(lowered('198.18.0.1')).toBe('198.18.0.1');
  });
});
