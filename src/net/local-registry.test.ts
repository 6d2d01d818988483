import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { LOCAL_PREFIXES_FILE, localPrefixesModule } from '../../scripts/oui-local-prefixes.js';
import { localRegistryPrefixes, mayBeRegistered } from './local-registry.js';
import { encodeOuiIndex, OuiIndex, ouiIndexDataOf, type Registry } from './oui-index.js';
import type * as IndexData from '../generated/oui-index-data.js';

const registry = createRequire(import.meta.url)('oui-data') as Registry;

/** The MAC of a 48-bit value, as `ip` prints it. */
function macOf(value: number): string {
  return value
    .toString(16)
    .padStart(12, '0')
    .replace(/(..)(?!$)/g, '$1:');
}

/** A few thousand locally administered MACs: every first octet with the U/L bit, spread. */
function madeUpMacs(): number[] {
  const out: number[] = [];
  let seed = 7;
  for (let octet = 0; octet < 256; octet++) {
    if ((octet & 2) === 0) continue;
    for (let k = 0; k < 40; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      out.push(octet * 2 ** 40 + (seed % 2 ** 20) * 2 ** 20 + k);
    }
  }
  return out;
}

describe('made-up MACs need no vendor index', { timeout: 60_000 }, () => {
  it('the generated list is what oui-data holds (npm run docs)', async () => {
    expect(readFileSync(LOCAL_PREFIXES_FILE, 'utf8')).toBe(await localPrefixesModule());
    expect(localRegistryPrefixes(registry).length).toBeGreaterThan(0);
  });

  it('says "no holder" only where the index has none, and never hides a local holder', () => {
    const index = new OuiIndex(ouiIndexDataOf(encodeOuiIndex(registry, 1)));
    const wrong: string[] = [];
    const underPrefixes = localRegistryPrefixes(registry).flatMap((p) => {
      const unit = 16 ** (12 - p.length);
      const start = parseInt(p, 16) * unit;
      return [start, start + unit - 1, start + Math.floor(unit / 3)];
    });
    for (const value of [...underPrefixes, ...madeUpMacs()]) {
      const hit = index.find(macOf(value));
      if (!mayBeRegistered(value) && hit !== null) wrong.push(`${macOf(value)}: ${hit.name}`);
    }
    expect(wrong).toEqual([]);
    for (const value of underPrefixes) expect(mayBeRegistered(value)).toBe(true);
    // Universal MACs always go to the index.
    expect(mayBeRegistered(0xb827eb123456)).toBe(true);
    expect(mayBeRegistered(0x02fc00000001)).toBe(false);
  });
});

describe('lookupVendor of a made-up MAC', () => {
  it('answers without decoding the index; a registered one still decodes it', async () => {
    vi.resetModules();
    const decoded = vi.fn();
    vi.doMock('../generated/oui-index-data.js', async (load) => {
      const real = await load<typeof IndexData>();
      return {
        ouiIndexData: () => {
          decoded();
          return real.ouiIndexData();
        },
      };
    });
    try {
      const { lookupVendor } = await import('./mac.js');
      for (const mac of ['02:fc:00:00:00:01', '5e:57:a4:b2:b0:a3', 'de:f8:a2:f9:fb:37']) {
        expect(lookupVendor(mac)).toBeNull();
      }
      expect(decoded).not.toHaveBeenCalled();
      // 3Com's old prefix has the U/L bit and a holder.
      expect(lookupVendor('02:60:8c:12:34:56')?.name).toBe(
        lookupVendor('02:60:8c:12:34:56', registry)?.name,
      );
      expect(decoded).toHaveBeenCalledTimes(1);
    } finally {
      vi.doUnmock('../generated/oui-index-data.js');
      vi.resetModules();
    }
  }, 60_000);
});
