import { describe, expect, it } from 'vitest';
import { parseCapEff } from './capabilities.js';

// The CapEff lines of /proc/self/status as root (all 41 capabilities) and as nobody.
const ROOT =
  'Name:\tcat\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n';
const NOBODY =
  'Name:\tcat\nCapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n';

describe('parseCapEff', () => {
  it('reads root with CAP_NET_RAW (bit 13) and nobody without', () => {
    expect((parseCapEff(ROOT)! >> 13n) & 1n).toBe(1n);
    expect(parseCapEff(NOBODY)).toBe(0n);
    expect(parseCapEff('Name: x\n')).toBeNull();
  });
});
