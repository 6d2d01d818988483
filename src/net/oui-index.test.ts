import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isRaspberryPi, lookupVendor, raspberryPiPrefixes, type Registry } from './mac.js';
import { encodeOuiIndex, OuiIndex } from './oui-index.js';

/** oui-data's own record: what lookupVendor answered before the index, and must still. */
const registry = createRequire(import.meta.url)('oui-data') as Registry;
const prefixes = Object.keys(registry);

/** A MAC under `prefix` with the remaining digits from `fill` (e.g. all 0, all F). */
const macUnder = (prefix: string, fill: string) =>
  (prefix + fill.repeat(12 - prefix.length)).replace(/(..)(?!$)/g, '$1:');

describe('the built-in vendor index answers as oui-data does', { timeout: 60_000 }, () => {
  it('holds every prefix of MA-L, MA-M and MA-S, and nothing else', () => {
    const index = new OuiIndex(encodeOuiIndex(registry, 1));
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
      ...['02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff', '12:34:56:78:9a:bc', 'b8:27:eb:00:00:10'],
      ...['B827.EB00.0010', 'b8-27-eb-00-00-10', 'b827eb000010', 'b8:27:eb', ''],
      ...['b8:27:eb:00:00:10:11', 'g8:27:eb:00:00:10', ' b8:27:eb:00:00:10', 'b8::27eb0000-10.'],
    ];
    for (const mac of spellings) {
      expect(lookupVendor(mac)).toEqual(lookupVendor(mac, registry));
    }
  });
});
