import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseNftRuleset } from '../parse/nft-ruleset.js';
import { parseIptablesSave } from '../parse/iptables-save.js';
import { firewallVerdict, type FirewallPacket, type PacketVerdict } from './firewall-verdict.js';

const F = resolve(import.meta.dirname, '../../test/fixtures/firewall');
const read = (name: string) => readFileSync(resolve(F, name), 'utf8');
const nft = parseNftRuleset(read('nft-inet.json'), 'nft -j list ruleset').tables;
const ipt = parseIptablesSave(read('iptables-nft.save'), 'iptables-save -c', 'ip').tables;

const answer = (src: string, iif = 'eth0'): FirewallPacket => ({
  src,
  dst: '198.51.100.1',
  l4proto: 'icmp',
  icmpType: 'echo-reply',
  iif,
  oif: null,
  ctState: 'established',
});
const request = (dst: string, oif = 'eth0'): FirewallPacket => ({
  src: '198.51.100.1',
  dst,
  l4proto: 'icmp',
  icmpType: 'echo-request',
  iif: null,
  oif,
  ctState: 'new',
});
/** The verdict in a few words: `drop: <rule text>`. */
function words(v: PacketVerdict): string {
  if (v.verdict === 'accept') return 'accept';
  const what = (r: typeof v.by) =>
    r.rule?.text ?? `policy ${r.chain.policy ?? '?'} of ${r.chain.name}`;
  if (v.verdict === 'unknown')
    return `unknown: ${what(v.by)}${v.because ? ` because ${what(v.because)}` : ''}`;
  return `${v.verdict}: ${what(v.by)}`;
}

describe('firewallVerdict on the nft ruleset', () => {
  it('answers are accepted by `ct state established` before any drop', () => {
    expect(words(firewallVerdict(nft, 'input', answer('203.0.113.9')))).toBe('accept');
  });

  it('a new packet from the dropped prefix on eth0 is dropped by that rule; on eth1 it is not', () => {
    const p = { ...answer('203.0.113.9'), ctState: 'new', icmpType: 'echo-request' };
    expect(words(firewallVerdict(nft, 'input', p))).toBe(
      'drop: iifname "eth0" ip saddr 203.0.113.0/24 counter packets 0 bytes 0 drop',
    );
    expect(words(firewallVerdict(nft, 'input', { ...p, iif: 'eth1' }))).toBe('accept');
  });

  it('a jump into a chain that rejects, and the policy after a return', () => {
    const udp = { ...answer('192.0.2.5'), l4proto: 'udp', icmpType: undefined, ctState: 'new' };
    expect(words(firewallVerdict(nft, 'input', udp))).toBe(
      'reject: ip saddr 192.0.2.0/24 reject with icmp admin-prohibited',
    );
    expect(words(firewallVerdict(nft, 'input', { ...udp, src: '198.18.5.5' }))).toBe(
      'drop: policy drop of input',
    );
    const other = { ...udp, src: '198.18.5.5', l4proto: 'tcp' };
    // Port 22 is unknown to the model: the packet may be accepted there, else the policy drops it.
    expect(words(firewallVerdict(nft, 'input', other))).toBe(
      'unknown: policy drop of input because tcp dport 22 accept',
    );
  });

  it('a rate limit makes the accept uncertain: the policy may drop', () => {
    const p = { ...answer('198.18.0.9'), ctState: 'new', l4proto: 'udp', icmpType: undefined };
    expect(words(firewallVerdict(nft, 'input', p))).toMatch(
      /^unknown: policy drop of input because .*limit/,
    );
  });

  it('output: a set of prefixes drops ICMP to them; IPv6 to the dropped prefix', () => {
    expect(words(firewallVerdict(nft, 'output', request('198.19.3.3')))).toMatch(
      /^drop: meta l4proto icmp/,
    );
    expect(words(firewallVerdict(nft, 'output', request('203.0.113.6')))).toBe('accept');
    const six = { ...request('2001:db8::9'), src: '2001:db8:1::1', l4proto: 'ipv6-icmp' };
    expect(words(firewallVerdict(nft, 'output', six))).toBe('drop: ip6 daddr 2001:db8::/32 drop');
  });

  it('forward: a wildcard interface, a negated prefix into a goto', () => {
    const p: FirewallPacket = { ...request('203.0.113.9', 'eth1a'), iif: 'eth0', src: '10.1.1.1' };
    expect(words(firewallVerdict(nft, 'forward', p))).toBe(
      'drop: oifname "eth1*" ip daddr 203.0.113.9 drop',
    );
    const q: FirewallPacket = { ...request('198.18.0.1', 'eth2'), iif: 'eth0', src: '192.0.2.9' };
    expect(words(firewallVerdict(nft, 'forward', q))).toMatch(/^reject: ip saddr 192.0.2.0\/24/);
    expect(words(firewallVerdict(nft, 'forward', { ...q, src: '10.0.0.9' }))).toBe('accept');
  });

  it('an unknown interface makes an interface rule uncertain', () => {
    const p = { ...answer('203.0.113.9'), ctState: 'new', iif: undefined };
    expect(words(firewallVerdict(nft, 'input', p))).toMatch(/^unknown: iifname "eth0" ip saddr/);
  });
});

describe('firewallVerdict on iptables-save', () => {
  it('the REJECT of echo replies from one address, but not of other answers', () => {
    expect(words(firewallVerdict(ipt, 'input', answer('198.18.0.7')))).toBe('accept');
    const replyNew = { ...answer('198.18.0.7'), ctState: 'new' };
    expect(words(firewallVerdict(ipt, 'input', replyNew))).toMatch(
      /^reject: -A INPUT -s 198.18.0.7\/32/,
    );
  });

  it('output: ICMP to one host dropped; nat chains are not filters', () => {
    expect(words(firewallVerdict(ipt, 'output', request('203.0.113.5')))).toBe(
      'drop: -A OUTPUT -d 203.0.113.5/32 -p icmp -j DROP   [0 packets, 0 bytes]',
    );
    expect(words(firewallVerdict(ipt, 'output', request('203.0.113.6')))).toBe('accept');
  });

  it('every table of the hook is crossed: an accept in one does not save from a drop in another', () => {
    const legacy = parseIptablesSave(
      read('iptables-legacy.save'),
      'iptables-legacy-save -c',
      'ip',
    ).tables;
    const p = { ...answer('203.0.113.7'), ctState: 'established' };
    expect(words(firewallVerdict(ipt, 'input', p))).toBe('accept');
    expect(words(firewallVerdict([...ipt, ...legacy], 'input', p))).toMatch(
      /^drop: -A INPUT -s 203.0.113.7/,
    );
  });

  it('no tables: everything passes', () => {
    expect(firewallVerdict([], 'input', answer('192.0.2.1'))).toEqual({ verdict: 'accept' });
  });
});
