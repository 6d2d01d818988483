import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseIptablesSave, splitWords } from './iptables-save.js';

const F = resolve(import.meta.dirname, '../../test/fixtures/firewall');
const read = (name: string) => readFileSync(resolve(F, name), 'utf8');

describe('parseIptablesSave (captured from iptables 1.8.9 in a lab namespace)', () => {
  const parsed = parseIptablesSave(read('iptables-nft.save'), 'iptables-save -c', 'ip');
  const chain = (table: string, name: string) =>
    parsed.tables.find((t) => t.name === table)?.chains.find((c) => c.name === name);

  it('knows the backend from the header, the tables, hooks, policies and priorities', () => {
    expect(parsed.warnings).toEqual([]);
    expect(parsed.backend).toBe('nf_tables');
    expect(parsed.tables.map((t) => t.name)).toEqual(['filter', 'nat']);
    expect(chain('filter', 'INPUT')).toMatchObject({ hook: 'input', policy: 'drop', priority: 0 });
    expect(chain('filter', 'MYCHAIN')).toMatchObject({ hook: null, policy: null });
    expect(chain('nat', 'POSTROUTING')).toMatchObject({ type: 'nat', priority: -100 });
  });

  it('reads source, interface, protocol, icmp type, conntrack state and verdicts', () => {
    const input = chain('filter', 'INPUT')?.rules ?? [];
    expect(input[0]?.matches).toEqual([
      { kind: 'ct-state', negate: false, states: ['related', 'established'] },
    ]);
    expect(input[2]).toMatchObject({
      position: 3,
      verdict: { kind: 'drop' },
      spec: ['-s', '203.0.113.0/24', '-i', 'eth0', '-j', 'DROP'],
      text: '-A INPUT -s 203.0.113.0/24 -i eth0 -j DROP   [0 packets, 0 bytes]',
    });
    expect(input[3]?.matches).toEqual([
      { kind: 'addr', family: 'ip', field: 'saddr', negate: false, prefixes: ['198.18.0.7/32'] },
      { kind: 'l4proto', negate: false, protos: ['icmp'] },
      { kind: 'icmp-type', negate: false, types: ['echo-reply'] },
    ]);
    expect(input[3]?.verdict).toEqual({ kind: 'reject' });
    expect(input[5]?.verdict).toEqual({ kind: 'jump', target: 'MYCHAIN' });
  });

  it('negation, goto, wildcard interfaces, return; unknown options kept whole', () => {
    const fwd = chain('filter', 'FORWARD')?.rules ?? [];
    expect(fwd[0]?.matches[1]).toEqual({
      kind: 'iface',
      field: 'oif',
      negate: false,
      names: ['eth1*'],
    });
    expect(fwd[1]).toMatchObject({
      matches: [{ kind: 'addr', negate: true, prefixes: ['10.0.0.0/8'] }],
      verdict: { kind: 'goto', target: 'MYCHAIN' },
    });
    const out = chain('filter', 'OUTPUT')?.rules ?? [];
    expect(out[1]?.matches).toEqual([
      { kind: 'l4proto', negate: false, protos: ['tcp'] },
      { kind: 'unknown', text: '-m tcp --dport 22' },
    ]);
    expect(out[1]?.spec).toContain('no ssh out');
    expect(out[2]?.matches).toEqual([{ kind: 'ct-state', negate: false, states: ['invalid'] }]);
    // LOG lets the packet go on; the rate limit is a match the model does not read.
    expect(out[3]?.verdict).toEqual({ kind: 'continue' });
    expect(out[3]?.matches[1]).toEqual({ kind: 'unknown', text: '-m limit --limit 5/sec' });
    expect(chain('filter', 'MYCHAIN')?.rules[1]?.verdict).toEqual({ kind: 'return' });
  });

  it('ip6tables: the family, and the ICMPv6 type by name', () => {
    const six = parseIptablesSave(read('ip6tables-nft.save'), 'ip6tables-save -c', 'ip6');
    const input = six.tables[0]?.chains.find((c) => c.name === 'INPUT')?.rules ?? [];
    expect(six.tables[0]).toMatchObject({ tool: 'ip6tables', family: 'ip6' });
    expect(input[0]?.matches[0]).toMatchObject({ family: 'ip6', prefixes: ['2001:db8::/32'] });
    expect(input[1]?.matches).toEqual([
      { kind: 'l4proto', negate: false, protos: ['ipv6-icmp'] },
      { kind: 'icmp-type', negate: false, types: ['echo-request'] },
    ]);
  });

  it('legacy iptables has no backend in its header; empty output has no header', () => {
    const legacy = parseIptablesSave(read('iptables-legacy.save'), 'iptables-legacy-save -c', 'ip');
    expect(legacy.backend).toBe('legacy');
    expect(legacy.tables[0]?.chains[0]?.rules[0]?.spec).toEqual([
      '-s',
      '203.0.113.7/32',
      '-p',
      'icmp',
      '-j',
      'DROP',
    ]);
    expect(parseIptablesSave('', 'x', 'ip')).toEqual({ tables: [], backend: null, warnings: [] });
  });

  it('a broken text warns, never throws', () => {
    const r = parseIptablesSave('-A INPUT -j DROP\n*filter\n-A NOPE -j DROP\n', 'x', 'ip');
    expect(r.warnings.map((w) => w.message)).toEqual([
      'line 1: outside a table',
      'line 3: rule of undeclared chain',
      'the last table has no COMMIT',
    ]);
  });

  it('splits words as iptables-save quotes them', () => {
    expect(splitWords('-m comment --comment "no \\"ssh\\" out" -j DROP')).toEqual([
      '-m',
      'comment',
      '--comment',
      'no "ssh" out',
      '-j',
      'DROP',
    ]);
  });
});
