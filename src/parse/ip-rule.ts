/** Parses `ip -j rule show`: the policy rules that choose a routing table. */
import { num, parseIpJson, str, type JsonObject } from './ip-json.js';
import type { Parsed } from './warnings.js';
import type { Family } from './ip-addr.js';

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
}

function prefix(o: JsonObject, key: 'src' | 'dst'): string {
  const addr = str(o, key);
  const len = num(o, `${key}len`);
  if (!addr || addr === 'all') return 'all';
  return len === undefined ? addr : `${addr}/${len}`;
}

function mapRule(family: Family) {
  return (o: JsonObject): RuleRecord | string => {
    const priority = num(o, 'priority');
    if (priority === undefined) return 'no priority';
    const table = str(o, 'table') ?? null;
    const action = str(o, 'action') ?? null;
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
