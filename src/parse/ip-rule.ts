/** Parses `ip -j rule show`: the policy rules that choose a routing table. */
import { num, parseIpJson, str, type JsonObject } from './ip-json.js';
import type { Parsed } from './warnings.js';
import type { Family } from './ip-addr.js';
import {
  flagField,
  intField,
  isAddress,
  isInterfaceName,
  stringField,
  tableField,
  u32Field,
} from './checks.js';

export interface RuleRecord {
  readonly family: Family;
  readonly priority: number;
  /** `all` or a prefix. */
  readonly from: string;
  readonly to: string;
  /** The table it looks up, or null for an action rule (unreachable, prohibit, goto). */
  readonly table: string | null;
  /** unreachable, prohibit, blackhole, goto, nop, or null for a plain lookup. */
  readonly action: string | null;
  readonly fwmark: string | null;
  readonly iif: string | null;
  readonly oif: string | null;
  /** The selector is negated (`not from ...`). */
  readonly not: boolean;
  /** The mark and mask as numbers (mask 0xffffffff when `fwmark` has none); null without fwmark. */
  readonly fwmarkValue?: number | null;
  readonly fwmaskValue?: number | null;
  /** `tos`/`dsfield` selector as a number; null when the rule has none. */
  readonly tos?: number | null;
  /** `suppress_prefixlength N`: a table result this short or shorter is ignored. */
  readonly suppressPrefixlength?: number | null;
  /** `goto N`: the priority to continue at. */
  readonly gotoTarget?: number | null;
  /** `uidrange A-B`. */
  readonly uidRange?: readonly [number, number] | null;
  /** `ipproto`, `sport`, `dport` selectors (a route question has none, so they never match it). */
  readonly ipproto?: string | null;
  readonly sport?: string | null;
  readonly dport?: string | null;
  /** `l3mdev`: look up the VRF table of the device (not modelled by the resolver). */
  readonly l3mdev?: boolean;
  /** The iif/oif device does not exist now (`iif_detached`): the rule matches nothing. */
  readonly iifDetached?: boolean;
  readonly oifDetached?: boolean;
}

function numeric(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(v)) return Number(v);
  return null;
}

function portText(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as JsonObject;
    const a = num(o, 'start');
    const b = num(o, 'end');
    if (a !== undefined && b !== undefined) return `${a}-${b}`;
  }
  return null;
}

function prefix(o: JsonObject, key: 'src' | 'dst'): string {
  const addr = str(o, key);
  const len = num(o, `${key}len`);
  if (!addr || addr === 'all') return 'all';
  return len === undefined ? addr : `${addr}/${len}`;
}

/** What `ip rule` prints as a rule's action (a plain lookup prints a table instead). */
const RULE_ACTIONS: ReadonlySet<string> = new Set([
  'unicast',
  'blackhole',
  'unreachable',
  'prohibit',
  'nat',
  'nop',
  'goto',
]);

const isMark = (s: string): boolean =>
  /^(0x[0-9a-f]{1,8}|\d{1,10})$/i.test(s) && Number(s) <= 0xffffffff;

/** Every field the resolver reads, checked against what the kernel can hold and ip print. */
function checkRuleFields(o: JsonObject, family: Family): void {
  const addressOrAll = (s: string) => s === 'all' || isAddress(s, family);
  stringField(o, 'src', 'a source address', addressOrAll);
  stringField(o, 'dst', 'a destination address', addressOrAll);
  intField(o, 'srclen', 0, family === 'inet' ? 32 : 128, 'a prefix length');
  intField(o, 'dstlen', 0, family === 'inet' ? 32 : 128, 'a prefix length');
  stringField(o, 'iif', 'an interface name', isInterfaceName);
  stringField(o, 'oif', 'an interface name', isInterfaceName);
  stringField(o, 'fwmark', 'a mark (0..0xffffffff)', isMark);
  stringField(o, 'fwmask', 'a mask (0..0xffffffff)', isMark);
  u32Field(o, 'goto', 'a rule priority (0..4294967295)');
  intField(o, 'suppress_prefixlen', 0, 128, 'a prefix length');
  u32Field(o, 'uid_start', 'a uid');
  u32Field(o, 'uid_end', 'a uid');
  flagField(o, 'not');
  flagField(o, 'l3mdev');
  flagField(o, 'iif_detached');
  flagField(o, 'oif_detached');
}

function mapRule(family: Family) {
  return (o: JsonObject): RuleRecord | string => {
    const priority = u32Field(o, 'priority', 'a rule priority (0..4294967295)');
    if (priority === undefined) return 'no priority';
    checkRuleFields(o, family);
    const table = tableField(o) ?? null;
    // A goto rule prints only `"goto": N`, no action.
    const action =
      stringField(o, 'action', 'a rule action', (a) => RULE_ACTIONS.has(a)) ??
      (num(o, 'goto') !== undefined ? 'goto' : null);
    const fwmark = str(o, 'fwmark');
    const fwmask = str(o, 'fwmask');
    return {
      family,
      priority,
      from: prefix(o, 'src'),
      to: prefix(o, 'dst'),
      table,
      action,
      fwmark: fwmark ? (fwmask ? `${fwmark}/${fwmask}` : fwmark) : null,
      iif: str(o, 'iif') ?? null,
      oif: str(o, 'oif') ?? null,
      not: o['not'] !== undefined && o['not'] !== false,
      fwmarkValue: fwmark ? numeric(fwmark) : null,
      fwmaskValue: fwmark ? (fwmask ? numeric(fwmask) : 0xffffffff) : null,
      tos: numeric(o['tos'] ?? o['dsfield']),
      suppressPrefixlength: num(o, 'suppress_prefixlen') ?? null,
      gotoTarget: num(o, 'goto') ?? null,
      uidRange: ((a, b) => (a !== undefined && b !== undefined ? ([a, b] as const) : null))(
        num(o, 'uid_start'),
        num(o, 'uid_end'),
      ),
      ipproto: o['ipproto'] === undefined ? null : String(o['ipproto']),
      sport: portText(o['sport']),
      dport: portText(o['dport']),
      l3mdev: o['l3mdev'] !== undefined && o['l3mdev'] !== false,
      iifDetached: o['iif_detached'] !== undefined && o['iif_detached'] !== false,
      oifDetached: o['oif_detached'] !== undefined && o['oif_detached'] !== false,
    };
  };
}

export function parseIpRule(
  text: string,
  family: Family,
  source = `ip -j ${family === 'inet' ? '-4' : '-6'} rule show`,
): Parsed<RuleRecord> {
  return parseIpJson(text, source, mapRule(family));
}
