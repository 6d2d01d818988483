/**
 * Which locally administered MACs the IEEE registry can name. A MAC with the U/L bit set is
 * one a host made up (a VM's, a container's, a bridge's, a phone's random one); the registry
 * holds only a few old prefixes with that bit (3Com's 02:60:8C, DEC's AA:00:0x), listed in
 * src/generated/oui-local-prefixes.ts. Any other such MAC has no holder, and saying so needs
 * no vendor index: decoding it is about 60 ms and some MB of a start whose interfaces all
 * have made-up MACs (a VM, a container, the Overview of most lab boxes: issue 20).
 */
import type { Registry } from './oui-index.js';
import { LOCAL_REGISTRY_PREFIXES } from '../generated/oui-local-prefixes.js';

/** A MAC's 48-bit value divided by this (and floored) is its first octet. */
const FIRST_OCTET = 2 ** 40;
/** The U/L bit of a first octet. */
const LOCAL_BIT = 0x02;

/** Each local prefix as a number, with what a MAC's value is divided by to compare. */
const LOCAL = LOCAL_REGISTRY_PREFIXES.map((p) => ({
  value: parseInt(p, 16),
  unit: 16 ** (12 - p.length),
}));

/** Every prefix of a registry (oui-data's shape) whose first octet has the U/L bit, sorted. */
export function localRegistryPrefixes(reg: Registry): string[] {
  return Object.keys(reg)
    .filter((p) => (parseInt(p.slice(0, 2), 16) & LOCAL_BIT) !== 0)
    .sort();
}

/**
 * False only when no registry prefix can hold this MAC (its 48-bit value): it is locally
 * administered and under none of the registry's local prefixes. True needs the index.
 */
export function mayBeRegistered(mac: number): boolean {
  if ((Math.floor(mac / FIRST_OCTET) & LOCAL_BIT) === 0) return true;
  return LOCAL.some((p) => Math.floor(mac / p.unit) === p.value);
}
