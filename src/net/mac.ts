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

/** Each ASCII character's value as a hex digit, or -1. */
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let c = 0; c < 16; c++) {
  HEX_DIGIT['0123456789abcdef'.charCodeAt(c)] = c;
  HEX_DIGIT['0123456789ABCDEF'.charCodeAt(c)] = c;
}
/** A character's value as a hex digit, or -1 (beyond ASCII too). */
const digit = (c: number): number => (c < 128 ? HEX_DIGIT[c]! : -1);
/** A separator macHex drops: `:`, `-` or `.`. */
const isSeparator = (c: number): boolean => c === 58 || c === 45 || c === 46;

/**
 * What macHex reads, as the 48-bit number, without building a string: the vendor lookup
 * is on every row of a 10,000-host sweep. The form every MAC here has been normalised to
 * (`aa:bb:cc:dd:ee:ff`, any of the separators) is read at fixed places, in two 24-bit
 * halves; any other spelling digit by digit.
 */
export function macValue(mac: string): number | null {
  if (
    mac.length === 17 &&
    isSeparator(mac.charCodeAt(2)) &&
    isSeparator(mac.charCodeAt(5)) &&
    isSeparator(mac.charCodeAt(8)) &&
    isSeparator(mac.charCodeAt(11)) &&
    isSeparator(mac.charCodeAt(14))
  ) {
    const a = digit(mac.charCodeAt(0));
    const b = digit(mac.charCodeAt(1));
    const c = digit(mac.charCodeAt(3));
    const d = digit(mac.charCodeAt(4));
    const e = digit(mac.charCodeAt(6));
    const f = digit(mac.charCodeAt(7));
    const g = digit(mac.charCodeAt(9));
    const h = digit(mac.charCodeAt(10));
    const i = digit(mac.charCodeAt(12));
    const j = digit(mac.charCodeAt(13));
    const k = digit(mac.charCodeAt(15));
    const l = digit(mac.charCodeAt(16));
    // -1 anywhere leaves the OR negative: one test for all twelve.
    if ((a | b | c | d | e | f | g | h | i | j | k | l) < 0) return null;
    const high = (a << 20) | (b << 16) | (c << 12) | (d << 8) | (e << 4) | f;
    const low = (g << 20) | (h << 16) | (i << 12) | (j << 8) | (k << 4) | l;
    return high * 2 ** 24 + low;
  }
  let value = 0;
  let digits = 0;
  for (let i = 0; i < mac.length; i++) {
    const c = mac.charCodeAt(i);
    const d = digit(c);
    if (d < 0) {
      if (isSeparator(c)) continue;
      return null;
    }
    if (++digits > 12) return null;
    value = value * 16 + d;
  }
  return digits === 12 ? value : null;
}

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
  if (!reg) {
    const value = macValue(mac);
    if (value === null) return null;
    // Before the index is decoded: a made-up MAC outside the registry's few local prefixes
    // needs none (issue 20). After, the index answers those as fast, and no rare branch
    // here stops V8's optimised code the first time a made-up MAC comes along.
    if (index === null && !mayBeRegistered(value)) return null;
    return ouiIndex().lookup(value);
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
