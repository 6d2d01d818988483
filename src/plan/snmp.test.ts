import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { icmp6InEchos, icmpInEchos } from './snmp.js';

// Captured in a lab namespace after 2 IPv4 and 3 IPv6 pings to itself (capture-prove.sh).
const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/plan/${name}`, import.meta.url), 'utf8');

describe('echo counters', () => {
  it('reads IcmpInEchos from /proc/net/snmp', () => {
    expect(icmpInEchos(fixture('proc-net-snmp.txt'))).toBe(2);
  });
  it('reads Icmp6InEchos from /proc/net/snmp6', () => {
    expect(icmp6InEchos(fixture('proc-net-snmp6.txt'))).toBe(3);
  });
  it('says null rather than guess', () => {
    expect(icmpInEchos('Ip: Forwarding\nIp: 1\n')).toBeNull();
    expect(icmp6InEchos('')).toBeNull();
  });
});
