import { describe, expect, it } from 'vitest';
import { macVendors, macWithVendor, vendorCell } from './export.js';
import { lookupVendor } from '../../net/mac.js';

/** A Raspberry Pi and an Intel card answering for one address. */
const PI = 'dc:a6:32:00:10:07';
const INTEL = '00:1b:21:00:de:ad';
const dup = { mac: PI, macs: [PI, INTEL], vendor: lookupVendor(PI) };

describe('a duplicate IP: each MAC with its own vendor', () => {
  it('names each MAC after its own registry entry', () => {
    expect(macVendors(dup)).toEqual(['Raspberry Pi Trading Ltd', 'Intel Corporate']);
    expect(macWithVendor(INTEL)).toBe('00:1b:21:00:de:ad (Intel Corporate)');
    expect(macWithVendor('02:00:00:00:00:01')).toBe('02:00:00:00:00:01 (not in the IEEE registry)');
  });

  it('the VENDOR cell lists both, in MAC order; a single MAC keeps its one vendor', () => {
    expect(vendorCell(dup)).toBe('Raspberry Pi Trading Ltd / Intel Corporate');
    expect(vendorCell({ ...dup, macs: [PI] })).toBe('Raspberry Pi Trading Ltd');
  });
});
