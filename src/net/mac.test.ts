import { describe, expect, it } from 'vitest';
import {
  isLocallyAdministered,
  isRaspberryPi,
  lookupVendor,
  macHex,
  macValue,
  normaliseMac,
  raspberryPiPrefixes,
} from './mac.js';
import { MAC_SPELLINGS, nearMissMacs } from '../../test/helpers/mac-spellings.js';

describe('lookupVendor: the longest registered block wins', () => {
  it('MA-L (24 bits): b8:27:eb is the Raspberry Pi Foundation', () => {
    expect(lookupVendor('B8-27-EB-12-34-56')).toMatchObject({
      prefix: 'B827EB',
      block: 'MA-L',
      name: 'Raspberry Pi Foundation',
    });
  });

  it('MA-M (28 bits): f0:40:af:9x is Raspberry Pi, not the MA-L holder of f0:40:af', () => {
    const v = lookupVendor('f0:40:af:90:00:12');
    expect(v).toMatchObject({ prefix: 'F040AF9', block: 'MA-M' });
    expect(v?.name).toMatch(/^Raspberry Pi/);
  });

  it('MA-S (36 bits): 8c:1f:64:34:ax is Raspberry Pi inside the IEEE block 8c:1f:64', () => {
    expect(lookupVendor('8c:1f:64:34:a0:13')).toMatchObject({ prefix: '8C1F6434A', block: 'MA-S' });
    // The rest of the MA-L 8C1F64 is the IEEE registration authority itself.
    expect(lookupVendor('8c:1f:64:00:00:00')?.prefix).not.toBe('8C1F6434A');
  });

  it('keeps the whole record (name and postal address) for the details view', () => {
    const v = lookupVendor('b8:27:eb:00:00:01');
    expect(v?.record.split('\n').length).toBeGreaterThan(1);
    expect(v?.record.startsWith(v.name)).toBe(true);
  });

  it('knows nothing of a locally administered MAC, and says it is one', () => {
    expect(lookupVendor('02:42:ac:11:00:15')).toBeNull();
    expect(isLocallyAdministered('02:42:ac:11:00:15')).toBe(true);
    expect(isLocallyAdministered('b8:27:eb:00:00:10')).toBe(false);
  });

  it('rejects what is not a MAC', () => {
    expect(lookupVendor('b8:27:eb')).toBeNull();
    expect(normaliseMac('B827.EB00.0010')).toBe('b8:27:eb:00:00:10');
  });

  it('normalises every form to the colon form, the colon form itself included', () => {
    for (const form of [
      'b8:27:eb:00:00:10',
      'B8:27:EB:00:00:10',
      'b8-27-eb-00-00-10',
      'B827EB000010',
      'b827.eb00.0010',
      'b8:27:Eb:00:00:10',
    ]) {
      expect(normaliseMac(form), form).toBe('b8:27:eb:00:00:10');
    }
    for (const bad of ['b8:27:eb:00:00:1g', 'b8:27:eb:00:00:10\n', 'b8:27:eb:00:00']) {
      expect(normaliseMac(bad), bad).toBeNull();
    }
  });
});

describe('Raspberry Pi prefixes come from the registry', () => {
  const prefixes = raspberryPiPrefixes();
  it.each(['B827EB', 'DCA632', 'E45F01', '28CDC1', 'D83ADD', '2CCF67', '88A29E'])('%s', (p) => {
    expect(prefixes).toContain(p);
  });

  it('includes the MA-M and MA-S blocks too, and each flags a MAC under it', () => {
    expect(prefixes.some((p) => p.length === 7)).toBe(true);
    expect(prefixes.some((p) => p.length === 9)).toBe(true);
    for (const p of prefixes) {
      const mac = (p + '0'.repeat(12 - p.length)).replace(/(..)(?!$)/g, '$1:');
      expect(isRaspberryPi(mac), mac).toBe(true);
    }
    expect(isRaspberryPi('00:1b:21:00:00:14')).toBe(false);
  });
});

describe('macValue reads what macHex reads, as a number', () => {
  /** The definition: macHex, then its 12 digits as one number. */
  const byHex = (mac: string) => {
    const hex = macHex(mac);
    return hex === null ? null : parseInt(hex, 16);
  };

  it('for the colon form and every other spelling', () => {
    for (const mac of MAC_SPELLINGS) expect(macValue(mac), mac).toBe(byHex(mac));
  });

  it('for random strings of MAC characters, of every length around 17', () => {
    for (const mac of nearMissMacs(20_000)) {
      if (macValue(mac) !== byHex(mac)) expect(macValue(mac), mac).toBe(byHex(mac));
    }
  });
});
