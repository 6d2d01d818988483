/**
 * The commands that take a firewall rule out of the path, as plain argv words (a lab runs
 * them without a shell): `nft delete rule … handle N` from nft's handle, `iptables -D CHAIN
 * SPEC` with the rule's own words (its position when a word would need quotes). Against a
 * policy drop, an accept rule is inserted first in the chain instead.
 */
import type { FirewallRuleRef } from '../../net/firewall-verdict.js';
import type { FirewallPacket } from '../../net/firewall-verdict.js';

/** A word that goes into argv as it is: no quoting, nothing a shell would read. */
const PLAIN = /^[A-Za-z0-9_.:/,+@%=-]+$/;

/** The rule as its tool prints it, or the policy line of its chain. */
export function ruleWords(ref: FirewallRuleRef): string {
  if (ref.rule) return ref.rule.text;
  return `policy ${ref.chain.policy ?? 'accept'} (no rule accepts the packet)`;
}

/** `iptables-legacy-save -c` → `iptables-legacy`: the tool that wrote what the source read. */
function iptablesTool(source: string): string {
  return (source.split(' ')[0] ?? 'iptables-save').replace(/-save$/, '');
}

function tableWords(ref: FirewallRuleRef): string[] {
  return ref.table.name === 'filter' ? [] : ['-t', ref.table.name];
}

function deleteCommand(ref: FirewallRuleRef): string | null {
  const { table, chain, rule } = ref;
  if (!rule) return null;
  if (table.tool === 'nft') {
    const words = ['nft', 'delete', 'rule', table.family, table.name, chain.name];
    if (rule.handle === undefined || !words.every((w) => PLAIN.test(w))) return null;
    return [...words, 'handle', String(rule.handle)].join(' ');
  }
  const head = [iptablesTool(table.source), ...tableWords(ref), '-D', chain.name];
  if (!head.every((w) => PLAIN.test(w))) return null;
  const spec = rule.spec ?? [];
  if (spec.length > 0 && spec.every((w) => PLAIN.test(w) || w === '!')) {
    return [...head, ...spec].join(' ');
  }
  return rule.position !== undefined ? [...head, String(rule.position)].join(' ') : null;
}

/** An accept rule for the packet, first in the chain whose policy drops it. */
function acceptCommand(ref: FirewallRuleRef, p: FirewallPacket, answers: boolean): string | null {
  const { table, chain } = ref;
  const six = p.dst.includes(':');
  if (table.tool === 'nft') {
    const ip = six ? 'ip6' : 'ip';
    const match = answers
      ? ['ct', 'state', 'established,related']
      : [...(ref.chain.hook === 'forward' ? [ip, 'saddr', p.src] : []), ip, 'daddr', p.dst];
    const words = [
      'nft',
      'insert',
      'rule',
      table.family,
      table.name,
      chain.name,
      ...match,
      'accept',
    ];
    return words.every((w) => PLAIN.test(w)) ? words.join(' ') : null;
  }
  const match = answers
    ? ['-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED']
    : [...(ref.chain.hook === 'forward' ? ['-s', p.src] : []), '-d', p.dst];
  const words = [
    iptablesTool(table.source),
    ...tableWords(ref),
    '-I',
    chain.name,
    ...match,
    '-j',
    'ACCEPT',
  ];
  return words.every((w) => PLAIN.test(w)) ? words.join(' ') : null;
}

/** The fix lines: the command, with a comment when the rule is only a suspect. */
export function firewallFix(
  ref: FirewallRuleRef,
  packet: FirewallPacket,
  answers: boolean,
  certain: boolean,
): string[] {
  const command = ref.rule ? deleteCommand(ref) : acceptCommand(ref, packet, answers);
  if (!command) {
    return [
      `# delete or change the rule in ${ref.table.family} ${ref.table.name} ${ref.chain.name}`,
    ];
  }
  const comment = ref.rule
    ? certain
      ? '# delete the rule (check first that nothing else needs it):'
      : '# only if this rule is the one (watch its counter while the ping runs), delete it:'
    : answers
      ? `# let answers to this host's own connections in, before the ${ref.chain.policy ?? ''} policy:`
      : `# accept these packets before the ${ref.chain.policy ?? ''} policy:`;
  return [comment, command];
}
