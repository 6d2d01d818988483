/**
 * The small model of a host's packet filter that both parsers (nft JSON, iptables-save)
 * produce and the evaluator (net/firewall-verdict.ts) walks: chains of rules, each a list of
 * matches and a verdict. Only what decides whether a ping and its answer pass is modelled
 * (addresses, interfaces, the layer 4 protocol, ICMP type, conntrack state); any other match
 * is kept as `unknown`, so the evaluator can say "may" instead of guessing.
 */

/** Which packets a chain sees: the netfilter hooks the path's packets cross on this host. */
export type FirewallHook = 'input' | 'output' | 'forward';

/** nft table families; iptables-save gives `ip`, ip6tables-save `ip6`. */
export type FirewallFamily = 'ip' | 'ip6' | 'inet';

/** Where the rules came from, which decides how a fix deletes one. */
export type FirewallTool = 'nft' | 'iptables' | 'ip6tables';

export type FirewallMatch =
  | {
      readonly kind: 'addr';
      /** `ip` (IPv4) or `ip6`: the match applies only to packets of that family. */
      readonly family: 'ip' | 'ip6';
      readonly field: 'saddr' | 'daddr';
      readonly negate: boolean;
      /** Prefixes or addresses as written (`203.0.113.0/24`, `198.18.0.7`). */
      readonly prefixes: readonly string[];
    }
  | {
      readonly kind: 'iface';
      readonly field: 'iif' | 'oif';
      readonly negate: boolean;
      /** Names; a trailing `*` (nft) or `+` (iptables) is a wildcard, kept as `*`. */
      readonly names: readonly string[];
    }
  | {
      readonly kind: 'l4proto';
      readonly negate: boolean;
      /** Protocol names as /etc/protocols spells them (`icmp`, `ipv6-icmp`, `tcp`) or numbers. */
      readonly protos: readonly string[];
    }
  | {
      readonly kind: 'icmp-type';
      readonly negate: boolean;
      /** `echo-request`, `echo-reply`, … (numbers are turned into these names). */
      readonly types: readonly string[];
    }
  | {
      /** `meta nfproto ipv4`, or the implied family of `ip protocol`. */
      readonly kind: 'family';
      readonly negate: boolean;
      readonly families: readonly ('ip' | 'ip6')[];
    }
  | {
      readonly kind: 'ct-state';
      readonly negate: boolean;
      /** `new`, `established`, `related`, `invalid`, `untracked`. */
      readonly states: readonly string[];
    }
  | {
      /** A match the model does not read: the rule may or may not apply. */
      readonly kind: 'unknown';
      readonly text: string;
    };

export type FirewallVerdict =
  | { readonly kind: 'accept' | 'drop' | 'reject' | 'return' | 'continue' }
  | { readonly kind: 'jump' | 'goto'; readonly target: string }
  /** A statement that ends the rule in a way the model does not follow (queue, an unknown target). */
  | { readonly kind: 'unknown'; readonly text: string };

export interface FirewallRule {
  readonly matches: readonly FirewallMatch[];
  readonly verdict: FirewallVerdict;
  /** The rule as its tool prints it, for evidence. */
  readonly text: string;
  /** nft's rule handle (`nft delete rule … handle N`). */
  readonly handle?: number;
  /** iptables: the rule's position in its chain, from 1 (`iptables -D CHAIN N`). */
  readonly position?: number;
  /** iptables: the rule's spec after `-A CHAIN` (`iptables -D CHAIN SPEC`). */
  readonly spec?: readonly string[];
}

export interface FirewallChain {
  readonly name: string;
  /** A base chain's hook; null for a chain reached only by jump or goto. */
  readonly hook: string | null;
  /** `filter`, `nat`, `route`; null for a regular chain. */
  readonly type: string | null;
  readonly priority: number;
  /** A base chain's policy; null for a regular chain. */
  readonly policy: 'accept' | 'drop' | null;
  readonly rules: readonly FirewallRule[];
}

export interface FirewallTable {
  readonly tool: FirewallTool;
  readonly family: FirewallFamily | string;
  readonly name: string;
  readonly chains: readonly FirewallChain[];
  /** The snapshot key it was read from, for evidence. */
  readonly source: string;
}

/** The conntrack states nft and iptables know, lower case. */
export const CT_STATES = ['new', 'established', 'related', 'invalid', 'untracked'] as const;

/** ICMP (v4) type numbers to the names nft prints. */
export const ICMP_TYPE_NAMES: Readonly<Record<string, string>> = {
  '0': 'echo-reply',
  '3': 'destination-unreachable',
  '5': 'redirect',
  '8': 'echo-request',
  '11': 'time-exceeded',
  '12': 'parameter-problem',
  '13': 'timestamp-request',
  '14': 'timestamp-reply',
};

/** ICMPv6 type numbers to the names nft prints. */
export const ICMPV6_TYPE_NAMES: Readonly<Record<string, string>> = {
  '1': 'destination-unreachable',
  '2': 'packet-too-big',
  '3': 'time-exceeded',
  '128': 'echo-request',
  '129': 'echo-reply',
  '133': 'nd-router-solicit',
  '134': 'nd-router-advert',
  '135': 'nd-neighbor-solicit',
  '136': 'nd-neighbor-advert',
};
