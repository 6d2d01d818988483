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

function mapRule(family: Family) {
  return (o: JsonObject): RuleRecord | string => {
    const priority = num(o, 'priority');
    if (priority === undefined) return 'no priority';
    const table = str(o, 'table') ?? null;
    // A goto rule prints only `"goto": N`, no action.
    const action = str(o, 'action') ?? (num(o, 'goto') !== undefined ? 'goto' : null);
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
