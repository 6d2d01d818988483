import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MAC_SPELLINGS, nearMissMacs } from '../../test/helpers/mac-spellings.js';
import { isRaspberryPi, lookupVendor, raspberryPiPrefixes, type Registry } from './mac.js';
import { encodeOuiIndex, OuiIndex, ouiIndexDataOf, type EncodedOuiIndex } from './oui-index.js';

/** The index of a registry, as a reader gets it. */
const indexOf = (reg: Registry) => new OuiIndex(ouiIndexDataOf(encodeOuiIndex(reg, 1)));

/** oui-data's own record: what lookupVendor answered before the index, and must still. */
const registry = createRequire(import.meta.url)('oui-data') as Registry;
const prefixes = Object.keys(registry);

/** A MAC under `prefix` with the remaining digits from `fill` (e.g. all 0, all F). */
const macUnder = (prefix: string, fill: string) =>
  (prefix + fill.repeat(12 - prefix.length)).replace(/(..)(?!$)/g, '$1:');
/** The colon form of a 48-bit value. */
const macOf = (value: number) => macUnder(value.toString(16).padStart(12, '0'), '');

describe('the built-in vendor index answers as oui-data does', { timeout: 60_000 }, () => {
  it('holds every prefix of MA-L, MA-M and MA-S, and nothing else', () => {
    const index = indexOf(registry);
    expect([...index.prefixes()].sort()).toEqual([...prefixes].sort());
  });

  it('for a MAC at the start, the end and inside every registered block', () => {
    let checked = 0;
    for (const prefix of prefixes) {
      for (const fill of ['0', 'F', '7']) {
        const mac = macUnder(prefix, fill);
        // toEqual over 160,000 objects is slow: compare the fields as one string.
        const ours = lookupVendor(mac);
        const theirs = lookupVendor(mac, registry);
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) expect(ours, mac).toEqual(theirs);
        if (isRaspberryPi(mac) !== isRaspberryPi(mac, registry)) {
          expect(isRaspberryPi(mac), mac).toBe(isRaspberryPi(mac, registry));
        }
        checked++;
      }
    }
    expect(checked).toBe(prefixes.length * 3);
  });

  it('gives the same Raspberry Pi prefixes, in the same order', () => {
    expect(raspberryPiPrefixes()).toEqual(raspberryPiPrefixes(registry));
    expect(raspberryPiPrefixes().length).toBeGreaterThanOrEqual(7);
  });

  it('reads every spelling of a MAC as before, and refuses what is not one', () => {
    const spellings = [
      ...[
        '02:00:00:00:00:01',
        '12:34:56:78:9a:bc',
        'b827eb000010',
        'b8:27:eb',
        ' b8:27:eb:00:00:10',
      ],
      ...MAC_SPELLINGS,
      // Near-misses of the colon form under a registered prefix (the index reads that form
      // itself): each answered as oui-data answers the spelling macHex reads.
      ...nearMissMacs(20_000).map((m) => (m.length >= 8 ? `8c:1f:64${m.slice(8)}` : m)),
    ];
    for (const mac of spellings) {
      // As JSON: the prefix and record are getters (made when first read).
      const ours = JSON.stringify(lookupVendor(mac));
      if (ours !== JSON.stringify(lookupVendor(mac, registry))) {
        expect(ours, mac).toBe(JSON.stringify(lookupVendor(mac, registry)));
      }
    }
  });
});

describe('the index keeps names apart from the postal addresses', () => {
  // Records a real registry could hold: a name with spaces around it, one line only, a name
  // beyond Latin-1, two prefixes sharing one record, two records sharing one name.
  const small: Registry = {
    '000001': 'Alpha Ltd\n1 Road\nTown',
    '000002': '  Spaced Name  \nSomewhere',
    '000003': 'One Line Only',
    '0000040': 'SHENZHEN BILIAN ELECTRONIC CO.，LTD\nShenzhen',
    '000004': 'Alpha Ltd\n1 Road\nTown',
    '000005': 'Alpha Ltd\n2 Other Road\nCity',
    '000004ABC': 'Ünïcode Gmbh\nStraße 1',
    // An MA-M and an MA-S whose 24-bit parent is no MA-L; MA-L prefixes either side of a
    // directory step (the first 12 bits change between FFFFFF and 000000's neighbours).
    ABCDEF1: 'Medium Only\nNowhere',
    ABCDEF123: 'Small Only\nNowhere',
    '00FFFF': 'Edge Low',
    '010000': 'Edge High',
    FFFFFF: 'Last Block',
  };
  const index = indexOf(small);
  const hit = (mac: number) => index.find(macOf(mac));

  it('answers every record whole, the same as the registry', () => {
    for (const [prefix, record] of Object.entries(small)) {
      const mac = parseInt(prefix.padEnd(12, '5'), 16);
      expect(hit(mac)?.toJSON()).toEqual({
        prefix,
        block: { 6: 'MA-L', 7: 'MA-M', 9: 'MA-S' }[prefix.length],
        name: record.split('\n')[0]!.trim(),
        record,
      });
    }
  });

  it('names the holder before anything reads a record, and JSON carries the record', () => {
    const v = hit(0x000005123456);
    expect(v?.name).toBe('Alpha Ltd');
    expect(JSON.parse(JSON.stringify(v))).toMatchObject({
      record: 'Alpha Ltd\n2 Other Road\nCity',
    });
  });

  it('searches MA-S and MA-M under their 24 bits only, then falls back to MA-L', () => {
    expect(hit(0xabcdef123fff)?.prefix).toBe('ABCDEF123');
    expect(hit(0xabcdef1fffff)?.prefix).toBe('ABCDEF1');
    expect(hit(0xabcdef200000)).toBeNull(); // under the parent, in no block, and no MA-L
    expect(hit(0x000004100000)?.prefix).toBe('000004'); // under the parent, in no block
    expect(hit(0x00ffffffffff)?.prefix).toBe('00FFFF');
    expect(hit(0x010000000000)?.prefix).toBe('010000');
    expect(hit(0xffffffffffff)?.prefix).toBe('FFFFFF');
    expect(hit(0x00fffe000000)).toBeNull();
  });

  it('answers one prefix with one shared hit, and each prefix with its own', () => {
    expect(hit(0x000001000001)).toBe(hit(0x000001ffffff));
    // Two prefixes of one record: two hits (their prefixes differ), one name.
    expect(hit(0x000001000001)).not.toBe(hit(0x000004100000));
    expect(hit(0x000004100000)?.name).toBe('Alpha Ltd');
  });

  it('refuses a core that does not hold what its counts say, in one line', () => {
    const data = encodeOuiIndex(small, 1);
    const [head = '', ...rest] = data.core.split(';');
    const body = rest.join(';');
    /** The core with its header's counts (small, medium, large, parents, names' length,
     *  their ASCII part's length) changed by `change`. */
    const counts = (change: (n: number[]) => void): EncodedOuiIndex => {
      const [magic, version, ...fields] = head.split(' ');
      const n = fields.slice(0, 6).map(Number);
      change(n);
      return { ...data, core: [[magic, version, ...n, fields[6]].join(' '), body].join(';') };
    };
    const damaged: EncodedOuiIndex[] = [
      counts((n) => (n[0]! += 1)),
      counts((n) => (n[1]! -= 1)),
      counts((n) => (n[2]! -= 1)),
      counts((n) => (n[3]! += 1)),
      counts((n) => (n[4]! -= 1)),
      counts((n) => (n[5] = n[4]! + 1)),
      counts((n) => (n[0] = NaN)),
      { ...data, core: data.core.slice(0, -1) },
      { ...data, core: `${data.core.slice(0, -1)}x` },
      { ...data, core: data.core.slice(0, 100) },
      { ...data, core: data.core.slice(0, head.length) },
      { ...data, core: '' },
    ];
    for (const d of damaged) {
      expect(() => new OuiIndex(ouiIndexDataOf(d))).toThrow(/^vendor index: .*damaged[^\n]*$/);
    }
    expect(() => new OuiIndex(ouiIndexDataOf({ ...data, core: `oui4 ${body}` }))).toThrow(
      /unknown vendor index format "oui4"/,
    );
    // Records that do not fit the core: an error when a record is first read, never another's.
    const cut = JSON.stringify({ ...JSON.parse(data.records), recordOf: '000' });
    const index = new OuiIndex(ouiIndexDataOf({ ...data, records: cut }));
    expect(index.find(macOf(0x000001000001))?.name).toBe('Alpha Ltd');
    expect(() => index.find(macOf(0x000001000001))?.record).toThrow(/records are damaged/);
  });

  it('spells every prefix as the registry does, the 36-bit ones included', () => {
    expect([...index.prefixes()].sort()).toEqual(Object.keys(small).sort());
    expect(hit(0x000004abcfff)?.prefix).toBe('000004ABC');
    expect(hit(0x000004abd000)?.prefix).toBe('000004');
    expect(hit(0x000006000000)).toBeNull();
  });
});

describe("MA-S and MA-M are found among their own parent's blocks", () => {
  // Several parents side by side, each with blocks at both ends of its range, a parent
  // with MA-S only, one with MA-M only, and MA-L prefixes around and between them.
  const reg: Record<string, string> = {};
  const parents = ['0A0000', '0A0001', '0A00FF', '0A0100', '7FFFFF', 'FFFFFE'];
  parents.forEach((p, i) => {
    if (i !== 2) for (const s of ['000', '001', '7FF', 'FFE', 'FFF']) reg[p + s] = `S ${p}${s}`;
    if (i !== 3) for (const m of ['0', '8', 'F']) reg[p + m] = `M ${p}${m}`;
    if (i % 2 === 0) reg[p] = `L ${p}`;
  });
  for (const p of ['0A0002', '0A00FE', '0A0101', 'FFFFFF', '000000']) reg[p] = `L ${p}`;
  const index = indexOf(reg);
  /** The registry's answer: the longest prefix of the MAC's hex digits that it holds. */
  const expected = (hex: string) =>
    [9, 7, 6].map((n) => hex.slice(0, n)).find((p) => reg[p] !== undefined) ?? null;

  it('holds every prefix, spelt as the registry spells it', () => {
    expect([...index.prefixes()].sort()).toEqual(Object.keys(reg).sort());
  });

  it('answers each MAC at the edges of every block, and between them, as the registry', () => {
    const fills = ['000', '001', '7FE', '7FF', '800', 'FFD', 'FFE', 'FFF'];
    const mids = ['0', '1', '7', '8', 'E', 'F'];
    let checked = 0;
    for (const p of [...parents, '0A0002', '0A00FE', '0A0101', 'FFFFFF', '000000', '0A0003']) {
      for (const f of fills) {
        for (const m of mids) {
          const hex = `${p}${f}${m}00`;
          const want = expected(hex);
          const hit = index.find(macOf(parseInt(hex, 16)));
          expect(hit?.prefix ?? null, hex).toBe(want);
          if (want !== null) expect(hit?.name, hex).toBe(reg[want]);
          checked++;
        }
      }
    }
    expect(checked).toBe(12 * 8 * 6);
  });
});
