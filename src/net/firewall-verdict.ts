/**
 * What this host's packet filter does with one packet at one hook: accept, drop or reject
 * (by which rule, or the chain's policy), or unknown (a rule that may drop it, and the rule
 * whose match the model cannot tell). Follows jumps, gotos and returns as netfilter does,
 * and every base chain of the hook in priority order: an accept ends one chain, a drop
 * ends the packet. Pure: it reads the model of parse/firewall-model.ts.
 */
import { cidrContains, parseCidr } from './cidr.js';
import type {
  FirewallChain,
  FirewallHook,
  FirewallMatch,
  FirewallRule,
  FirewallTable,
} from '../parse/firewall-model.js';

/** A packet as the filter sees it at the hook. */
export interface FirewallPacket {
  readonly src: string;
  readonly dst: string;
  /** `icmp` or `ipv6-icmp` for the doctor's pings. */
  readonly l4proto: string;
  readonly icmpType?: string;
  /** The interface it came in on; null where the hook has none (output), undefined when unknown. */
  readonly iif?: string | null;
  /** The interface it leaves by; null where the hook has none (input), undefined when unknown. */
  readonly oif?: string | null;
  /** `new` for a request, `established` for its answer. */
  readonly ctState: string;
}

/** A rule, or a chain's policy (`rule` null), with where it lives. */
export interface FirewallRuleRef {
  readonly table: FirewallTable;
  readonly chain: FirewallChain;
  readonly rule: FirewallRule | null;
}

export type PacketVerdict =
  | { readonly verdict: 'accept' }
  | { readonly verdict: 'drop' | 'reject'; readonly by: FirewallRuleRef }
  | {
      readonly verdict: 'unknown';
      /** The rule (or policy) that may drop it, or whose verdict the model does not follow. */
      readonly by: FirewallRuleRef;
      /** The rule whose match could not be told; null when `by` itself is the unknown. */
      readonly because: FirewallRuleRef | null;
    };

type Tri = 'yes' | 'no' | 'maybe';

function packetFamily(p: FirewallPacket): 'ip' | 'ip6' {
  return p.src.includes(':') || p.dst.includes(':') ? 'ip6' : 'ip';
}

function ifaceMatches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

function flip(t: Tri, negate: boolean): Tri {
  if (!negate || t === 'maybe') return t;
  return t === 'yes' ? 'no' : 'yes';
}

function matchOne(m: FirewallMatch, p: FirewallPacket): Tri {
  const fam = packetFamily(p);
  switch (m.kind) {
    case 'addr': {
      // `ip saddr != X` in an inet table only ever applies to IPv4 packets.
      if (m.family !== fam) return 'no';
      const address = m.field === 'saddr' ? p.src : p.dst;
      const family = fam === 'ip' ? 'inet' : 'inet6';
      let unreadable = false;
      for (const text of m.prefixes) {
        const cidr = parseCidr(text, family);
        if (!cidr) unreadable = true;
        else if (cidrContains(cidr, address)) return flip('yes', m.negate);
      }
      return unreadable ? 'maybe' : flip('no', m.negate);
    }
    case 'iface': {
      const name = m.field === 'iif' ? p.iif : p.oif;
      if (name === undefined) return 'maybe';
      const hit = name !== null && m.names.some((n) => ifaceMatches(n, name));
      return flip(hit ? 'yes' : 'no', m.negate);
    }
    case 'family':
      return flip(m.families.includes(fam) ? 'yes' : 'no', m.negate);
    case 'l4proto':
      return flip(m.protos.includes(p.l4proto) ? 'yes' : 'no', m.negate);
    case 'icmp-type':
      if (p.icmpType === undefined) return 'maybe';
      return flip(m.types.includes(p.icmpType) ? 'yes' : 'no', m.negate);
    case 'ct-state':
      return flip(m.states.includes(p.ctState) ? 'yes' : 'no', m.negate);
    case 'unknown':
      return 'maybe';
  }
}

/** Whether the rule applies to the packet: no if any match fails, maybe if any is unknown. */
export function ruleMatches(rule: FirewallRule, p: FirewallPacket): Tri {
  let result: Tri = 'yes';
  for (const m of rule.matches) {
    const t = matchOne(m, p);
    if (t === 'no') return 'no';
    if (t === 'maybe') result = 'maybe';
  }
  return result;
}

/** One way a walk can end, with the first uncertain rule on its way (if any). */
interface Outcome {
  readonly kind: 'accept' | 'drop' | 'reject' | 'return' | 'unknown';
  readonly by: FirewallRuleRef | null;
  readonly maybe: FirewallRuleRef | null;
}

/** nft refuses jumps deeper than this; a loop in a broken model stops here too. */
const MAX_DEPTH = 16;
/** Rules looked at, over all branches: enough for real rulesets, bounded for odd ones. */
const MAX_STEPS = 20_000;

class Walker {
  private steps = 0;
  constructor(
    private readonly table: FirewallTable,
    private readonly packet: FirewallPacket,
  ) {}

  walk(chain: FirewallChain, start: number, depth: number): Outcome[] {
    const out: Outcome[] = [];
    for (let i = start; i < chain.rules.length; i++) {
      const rule = chain.rules[i];
      if (!rule) continue;
      const ref: FirewallRuleRef = { table: this.table, chain, rule };
      if (++this.steps > MAX_STEPS || depth > MAX_DEPTH) {
        return [...out, { kind: 'unknown', by: ref, maybe: null }];
      }
      const m = ruleMatches(rule, this.packet);
      if (m === 'no' || rule.verdict.kind === 'continue') continue;
      const taken = this.apply(chain, i, ref, depth).map((o) =>
        m === 'maybe' ? { ...o, maybe: o.maybe ?? ref } : o,
      );
      out.push(...taken);
      // A rule that certainly applies ends this walk; one that may also lets it go on.
      if (m === 'yes') return out;
    }
    return [...out, { kind: 'return', by: null, maybe: null }];
  }

  private apply(chain: FirewallChain, i: number, ref: FirewallRuleRef, depth: number): Outcome[] {
    const v = ref.rule?.verdict;
    if (!v) return [];
    switch (v.kind) {
      case 'accept':
      case 'drop':
      case 'reject':
        return [{ kind: v.kind, by: ref, maybe: null }];
      case 'return':
        return [{ kind: 'return', by: null, maybe: null }];
      case 'jump':
      case 'goto': {
        const target = this.table.chains.find((c) => c.name === v.target);
        if (!target) return [{ kind: 'unknown', by: ref, maybe: null }];
        const inner = this.walk(target, 0, depth + 1);
        if (v.kind === 'goto') return inner;
        // After a jump's chain returns, the packet goes on with the next rule here.
        return inner.flatMap((o) =>
          o.kind === 'return'
            ? this.walk(chain, i + 1, depth).map((n) => ({ ...n, maybe: o.maybe ?? n.maybe }))
            : [o],
        );
      }
      case 'continue':
        return [];
      case 'unknown':
        return [{ kind: 'unknown', by: ref, maybe: null }];
    }
  }
}

/** One base chain's verdict: every branch agrees, or the packet's fate is unknown. */
function baseChainVerdict(
  table: FirewallTable,
  chain: FirewallChain,
  packet: FirewallPacket,
): PacketVerdict {
  const policy: FirewallRuleRef = { table, chain, rule: null };
  const outcomes = new Walker(table, packet)
    .walk(chain, 0, 0)
    .map((o): Outcome =>
      o.kind === 'return' ? { ...o, kind: chain.policy ?? 'accept', by: policy } : o,
    );
  const stops = outcomes.filter((o) => o.kind === 'drop' || o.kind === 'reject');
  if (stops.length === outcomes.length) {
    const first = stops.find((o) => o.maybe === null) ?? stops[0];
    if (first?.by) return { verdict: first.kind === 'reject' ? 'reject' : 'drop', by: first.by };
  }
  if (outcomes.every((o) => o.kind === 'accept')) return { verdict: 'accept' };
  const bad = outcomes.find((o) => o.kind !== 'accept') ?? outcomes[0];
  const because = bad?.maybe ?? outcomes.find((o) => o.maybe !== null)?.maybe ?? null;
  return {
    verdict: 'unknown',
    by: bad?.by ?? policy,
    because: because === bad?.by ? null : because,
  };
}

const FILTERING_TYPES = new Set(['filter', 'route']);

/** The base chains a packet of this family crosses at the hook, in priority order. */
export function hookChains(
  tables: readonly FirewallTable[],
  hook: FirewallHook,
  family: 'ip' | 'ip6',
): { table: FirewallTable; chain: FirewallChain }[] {
  return tables
    .filter((t) => t.family === 'inet' || t.family === family)
    .flatMap((table) =>
      table.chains
        .filter((c) => c.hook === hook && (c.type === null || FILTERING_TYPES.has(c.type)))
        .map((chain) => ({ table, chain })),
    )
    .sort((a, b) => a.chain.priority - b.chain.priority);
}

/** What the filter does with the packet at the hook, over every table's base chains. */
export function firewallVerdict(
  tables: readonly FirewallTable[],
  hook: FirewallHook,
  packet: FirewallPacket,
): PacketVerdict {
  let uncertain: PacketVerdict | null = null;
  for (const { table, chain } of hookChains(tables, hook, packetFamily(packet))) {
    const v = baseChainVerdict(table, chain, packet);
    if (v.verdict === 'drop' || v.verdict === 'reject') return v;
    if (v.verdict === 'unknown') uncertain ??= v;
  }
  return uncertain ?? { verdict: 'accept' };
}
