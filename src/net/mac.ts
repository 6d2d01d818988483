/**
 * MAC addresses and their vendors, from the IEEE registry (package oui-data). Blocks are
 * matched longest first: MA-S (36-bit, 9 hex digits), MA-M (28-bit, 7), MA-L (24-bit, 6).
 */
import { createRequire } from 'node:module';

export type OuiBlock = 'MA-S' | 'MA-M' | 'MA-L';

export interface Vendor {
  /** The registered prefix as hex digits, e.g. `B827EB`. */
  readonly prefix: string;
  readonly block: OuiBlock;
  /** The holder's name: the record's first line. */
  readonly name: string;
  /** The whole registry record: name and postal address. */
  readonly record: string;
}

type Registry = Readonly<Record<string, string>>;

let registry: Registry | null = null;

/** The registry is 5 MB of JSON: it is loaded on first use, not at start-up. */
function ouiRegistry(): Registry {
  if (!registry) registry = createRequire(import.meta.url)('oui-data') as Registry;
  return registry;
}

const BLOCKS: readonly [OuiBlock, number][] = [
  ['MA-S', 9],
  ['MA-M', 7],
  ['MA-L', 6],
];

/** `aa:bb:cc:dd:ee:ff` (any separator, any case) as 12 upper-case hex digits, or null. */
export function macHex(mac: string): string | null {
  const hex = mac.replace(/[:\-.]/g, '').toUpperCase();
  return /^[0-9A-F]{12}$/.test(hex) ? hex : null;
}

/** The canonical lower-case colon form. */
export function normaliseMac(mac: string): string | null {
  const hex = macHex(mac);
  return hex ? hex.toLowerCase().replace(/(..)(?!$)/g, '$1:') : null;
}

/** The U/L bit: set on MACs a host made up (random, VMs, containers), not from a registry. */
export function isLocallyAdministered(mac: string): boolean {
  const hex = macHex(mac);
  return hex !== null && (parseInt(hex.slice(0, 2), 16) & 0x02) !== 0;
}

export function lookupVendor(mac: string, reg: Registry = ouiRegistry()): Vendor | null {
  const hex = macHex(mac);
  if (!hex) return null;
  for (const [block, digits] of BLOCKS) {
    const prefix = hex.slice(0, digits);
    const record = reg[prefix];
    if (record !== undefined) {
      return { prefix, block, name: record.split('\n')[0]?.trim() ?? record, record };
    }
  }
  return null;
}

let piPrefixes: readonly string[] | null = null;

/** Every registry prefix held by Raspberry Pi (Foundation or Trading), derived, not listed. */
export function raspberryPiPrefixes(reg: Registry = ouiRegistry()): readonly string[] {
  if (reg === registry && piPrefixes) return piPrefixes;
  const found = Object.entries(reg)
    .filter(([, record]) => /^raspberry pi\b/i.test(record.split('\n')[0] ?? ''))
    .map(([prefix]) => prefix)
    .sort();
  if (reg === registry) piPrefixes = found;
  return found;
}

export function isRaspberryPi(mac: string, reg: Registry = ouiRegistry()): boolean {
  const vendor = lookupVendor(mac, reg);
  return vendor !== null && /^raspberry pi\b/i.test(vendor.name);
}
