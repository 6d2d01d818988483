import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseIptablesSave } from '../../parse/iptables-save.js';
import type { FirewallPacket } from '../../net/firewall-verdict.js';
import { firewallFix } from './firewall-fix.js';

const F = resolve(import.meta.dirname, '../../../test/fixtures/firewall');
const read = (name: string) => readFileSync(resolve(F, name), 'utf8');
const packet: FirewallPacket = {
  src: '198.51.100.1',
  dst: '203.0.113.9',
  l4proto: 'icmp',
  iif: null,
  oif: 'eth0',
  ctState: 'new',
};

describe('firewallFix', () => {
  const [filter] = parseIptablesSave(read('iptables-nft.save'), 'iptables-save -c', 'ip').tables;
  const output = filter?.chains.find((c) => c.name === 'OUTPUT');
  if (!filter || !output) throw new Error('fixture lacks ip filter OUTPUT');

  it('a spec with a word that needs quotes ("no ssh out"): deleted by its position instead', () => {
    const rule = output.rules[1];
    expect(rule?.spec).toContain('no ssh out');
    expect(
      firewallFix({ table: filter, chain: output, rule: rule ?? null }, packet, false, true),
    ).toEqual([
      '# delete the rule (check first that nothing else needs it):',
      'iptables -D OUTPUT 2',
    ]);
  });

  it('legacy rules are deleted with the legacy tool; a policy drop gets an accept for the packets', () => {
    const [legacy] = parseIptablesSave(
      read('iptables-legacy.save'),
      'iptables-legacy-save -c',
      'ip',
    ).tables;
    const input = legacy?.chains.find((c) => c.name === 'INPUT');
    if (!legacy || !input) throw new Error('fixture lacks legacy INPUT');
    expect(
      firewallFix(
        { table: legacy, chain: input, rule: input.rules[0] ?? null },
        packet,
        true,
        true,
      )[1],
    ).toBe('iptables-legacy -D INPUT -s 203.0.113.7/32 -p icmp -j DROP');
    expect(firewallFix({ table: filter, chain: output, rule: null }, packet, false, true)[1]).toBe(
      'iptables -I OUTPUT -d 203.0.113.9 -j ACCEPT',
    );
  });
});
