/**
 * MAC addresses and their vendors, from the IEEE registry (package oui-data). Blocks are
 * matched longest first: MA-S (36-bit, 9 hex digits), MA-M (28-bit, 7), MA-L (24-bit, 6).
 */
import { ouiIndexData } from '../generated/oui-index-data.js';
import { mayBeRegistered } from './local-registry.js';
import {
  BLOCKS,
  macValue,
  OuiIndex,
  type OuiHit,
  isRaspberryPiRecord,
  RASPBERRY_PI,
  recordName,
  type Registry,
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

export { macValue } from './oui-index.js';

/** A MAC already in the canonical form (what the sweep's tools print). */
const CANONICAL_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/** The canonical lower-case colon form (the same string when it is in it already: a sweep
 *  normalises every sighting's MAC, and each copy was garbage for the young collections). */
export function normaliseMac(mac: string): string | null {
  if (CANONICAL_MAC.test(mac)) return mac;
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
  if (reg) return registryVendor(mac, reg);
  if (index === null) {
    // Before the index is read: a made-up MAC outside the registry's few local prefixes
    // needs none (issue 20). After, the index answers those as fast, and no rare branch
    // here stops V8's optimised code the first time a made-up MAC comes along.
    const value = macValue(mac);
    if (value === null || !mayBeRegistered(value)) return null;
    index = new OuiIndex(ouiIndexData());
  }
  return index.find(mac);
}

/** lookupVendor in a registry of oui-data's shape: the longest block first. */
function registryVendor(mac: string, reg: Registry): Vendor | null {
  const hex = macHex(mac);
  if (!hex) return null;
  for (const [block, digits] of BLOCKS) {
    const prefix = hex.slice(0, digits);
    const record = reg[prefix];
    if (record !== undefined) return { prefix, block, name: recordName(record), record };
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
