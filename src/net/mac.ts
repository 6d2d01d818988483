/**
 * MAC addresses and their vendors, from the IEEE registry (package oui-data). Blocks are
 * matched longest first: MA-S (36-bit, 9 hex digits), MA-M (28-bit, 7), MA-L (24-bit, 6).
 */
import { ouiIndexData } from '../generated/oui-index-data.js';
import { mayBeRegistered } from './local-registry.js';
import {
  BLOCKS,
  OuiIndex,
  type OuiHit,
  isRaspberryPiRecord,
  RASPBERRY_PI,
  recordName,
  type Registry,
  VendorHit,
} from './oui-index.js';

export type { OuiBlock, Registry } from './oui-index.js';

/** A registry holder: prefix, block, name and the whole record. */
export type Vendor = OuiHit;

let index: OuiIndex | null = null;

/** The compact index (oui-index.ts), decoded on the first lookup, not at start-up. */
function ouiIndex(): OuiIndex {
  if (!index) index = new OuiIndex(ouiIndexData());
  return index;
}

/** `aa:bb:cc:dd:ee:ff` (any separator, any case) as 12 upper-case hex digits, or null. */
export function macHex(mac: string): string | null {
  const hex = mac.replace(/[:\-.]/g, '').toUpperCase();
  return /^[0-9A-F]{12}$/.test(hex) ? hex : null;
}

/**
 * What macHex reads, as the 48-bit number, without building a string: the vendor lookup
 * is on every row of a 10,000-host sweep.
 */
export function macValue(mac: string): number | null {
  let value = 0;
  let digits = 0;
  for (let i = 0; i < mac.length; i++) {
    const c = mac.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c === 58 || c === 45 || c === 46)
      continue; // : - .
    else return null;
    if (++digits > 12) return null;
    value = value * 16 + d;
  }
  return digits === 12 ? value : null;
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

/**
 * The registry holder of a MAC, longest block first. `reg`, when given, is a registry in
 * oui-data's own shape (tests compare the index with it); without it, the built-in index.
 */
export function lookupVendor(mac: string, reg?: Registry): Vendor | null {
  if (!reg) {
    const value = macValue(mac);
    // A made-up MAC outside the registry's few local prefixes: no index to decode (issue 20).
    return value === null || !mayBeRegistered(value) ? null : ouiIndex().lookup(value);
  }
  const hex = macHex(mac);
  if (!hex) return null;
  for (const [block, digits] of BLOCKS) {
    const prefix = hex.slice(0, digits);
    const record = reg[prefix];
    if (record !== undefined) return new VendorHit(prefix, block, recordName(record), record);
  }
  return null;
}

/** Every registry prefix held by Raspberry Pi (Foundation or Trading), derived, not listed. */
export function raspberryPiPrefixes(reg?: Registry): readonly string[] {
  if (!reg) return ouiIndex().raspberryPi;
  return Object.entries(reg)
    .filter(([, record]) => isRaspberryPiRecord(record))
    .map(([prefix]) => prefix)
    .sort();
}

export function isRaspberryPi(mac: string, reg?: Registry): boolean {
  const vendor = lookupVendor(mac, reg);
  return vendor !== null && RASPBERRY_PI.test(vendor.name);
}
