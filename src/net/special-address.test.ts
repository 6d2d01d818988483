import { describe, expect, it } from 'vitest';
import { ipValue } from './cidr.js';
import { notOneHost } from './special-address.js';

const words = (address: string) => {
  const v = ipValue(address);
  if (!v) throw new Error(`not an address: ${address}`);
  return notOneHost(v);
};

describe('notOneHost', () => {
  it.each([
    ['0.0.0.0', /unspecified address \(0\.0\.0\.0/],
    ['0.1.2.3', /'this network' \(0\.0\.0\.0\/8\)/],
    ['224.0.0.1', /multicast address \(224\.0\.0\.0\/4\)/],
    ['239.255.255.250', /multicast/],
    ['255.255.255.255', /limited broadcast/],
    ['::', /unspecified address \(::\)/],
    ['ff02::1', /multicast address \(ff00::\/8\)/],
  ])('%s is no one host', (address, said) => expect(words(address)).toMatch(said));

  it.each([
    '1.0.0.0',
    '127.0.0.1',
    '192.0.2.1',
    '223.255.255.255',
    '240.0.0.1',
    '::1',
    '2001:db8::1',
    'fe80::1',
  ])('%s is one host (or may be)', (address) => expect(words(address)).toBeNull());
});
