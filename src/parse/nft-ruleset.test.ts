import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseNftRuleset } from './nft-ruleset.js';

const F = resolve(import.meta.dirname, '../../test/fixtures/firewall');
const read = (name: string) => readFileSync(resolve(F, name), 'utf8');
const SRC = 'nft -j list ruleset';

describe('parseNftRuleset (captured from nft 1.0.6 in a lab namespace)', () => {
  const { tables, warnings } = parseNftRuleset(read('nft-inet.json'), SRC);
  const filter = tables.find((t) => t.family === 'inet' && t.name === 'filter');
  const chain = (name: string) => filter?.chains.find((c) => c.name === name);

  it('reads the base chains with hook, priority and policy, and the regular chain', () => {
    expect(warnings).toEqual([]);
    expect(chain('input')).toMatchObject({
      hook: 'input',
      type: 'filter',
      priority: 0,
      policy: 'drop',
    });
    expect(chain('forward')?.policy).toBe('accept');
    expect(chain('mychain')).toMatchObject({ hook: null, policy: null });
  });

  it('reads interface, prefix and verdict, with the handle and the rule as nft prints it', () => {
    const rule = chain('input')?.rules.find((r) => r.verdict.kind === 'drop');
    expect(rule?.text).toBe(
      'iifname "eth0" ip saddr 203.0.113.0/24 counter packets 0 bytes 0 drop',
    );
    expect(rule?.matches).toEqual([
      { kind: 'iface', field: 'iif', negate: false, names: ['eth0'] },
      { kind: 'addr', family: 'ip', field: 'saddr', negate: false, prefixes: ['203.0.113.0/24'] },
    ]);
    expect(typeof rule?.handle).toBe('number');
  });

  it('an icmp type match implies the protocol; ct state; a named set is replaced by its elements', () => {
    const rules = chain('input')?.rules ?? [];
    expect(rules[0]?.matches).toEqual([
      { kind: 'ct-state', negate: false, states: ['established', 'related'] },
    ]);
    expect(rules[3]?.matches.slice(1)).toEqual([
      { kind: 'l4proto', negate: false, protos: ['icmp'] },
      { kind: 'icmp-type', negate: false, types: ['echo-reply'] },
    ]);
    expect(rules[3]?.verdict).toEqual({ kind: 'reject' });
    expect(rules[4]?.matches).toEqual([
      {
        kind: 'addr',
        family: 'ip',
        field: 'saddr',
        negate: false,
        prefixes: ['192.0.2.128/25', '198.51.100.77'],
      },
    ]);
  });

  it('what it does not model stays as an unknown match: a rate limit, a port', () => {
    const rules = chain('input')?.rules ?? [];
    expect(rules[5]?.matches[1]?.kind).toBe('unknown');
    expect(rules.find((r) => r.text === 'tcp dport 22 accept')?.matches).toEqual([
      { kind: 'l4proto', negate: false, protos: ['tcp'] },
      { kind: 'unknown', text: 'tcp dport 22' },
    ]);
  });

  it('jump, goto, return, a negated prefix, an anonymous set, a wildcard interface', () => {
    expect(chain('input')?.rules.at(-1)?.verdict).toEqual({ kind: 'jump', target: 'mychain' });
    const [fwdDrop, fwdGoto] = chain('forward')?.rules ?? [];
    expect(fwdDrop?.matches[0]).toEqual({
      kind: 'iface',
      field: 'oif',
      negate: false,
      names: ['eth1*'],
    });
    expect(fwdGoto?.verdict).toEqual({ kind: 'goto', target: 'mychain' });
    expect(fwdGoto?.matches[0]).toMatchObject({ negate: true, prefixes: ['10.0.0.0/8'] });
    expect(chain('mychain')?.rules[1]?.verdict).toEqual({ kind: 'return' });
    expect(chain('output')?.rules[0]?.matches[1]).toMatchObject({
      prefixes: ['198.18.0.0/15', '203.0.113.5'],
    });
  });

  it("iptables-nft's compat matches and targets are opaque to nft: unknown", () => {
    const parsed = parseNftRuleset(read('nft-of-iptables-nft.json'), SRC);
    const input = parsed.tables
      .find((t) => t.family === 'ip' && t.name === 'filter')
      ?.chains.find((c) => c.name === 'INPUT');
    expect(input?.rules[0]?.matches).toEqual([{ kind: 'unknown', text: 'xt match conntrack' }]);
    const reject = input?.rules.find((r) => r.verdict.kind === 'reject');
    expect(reject?.text).toContain('xt target REJECT');
  });

  it('an empty ruleset has no tables; text that is not JSON is a warning', () => {
    expect(parseNftRuleset(read('nft-empty.json'), SRC)).toEqual({ tables: [], warnings: [] });
    expect(parseNftRuleset('Error: nope', SRC).warnings).toEqual([
      { source: SRC, message: 'output is not JSON' },
    ]);
    expect(parseNftRuleset('{"x":1}', SRC).warnings[0]?.message).toBe('no "nftables" array');
  });
});
