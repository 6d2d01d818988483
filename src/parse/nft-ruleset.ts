/**
 * Parses `nft -j list ruleset` (libnftables' JSON, schema 1) into the firewall model: the
 * tables, their chains and each rule's matches and verdict. An expression this parser does
 * not read becomes an `unknown` match (the rule may apply) or an `unknown` verdict; a named
 * set is replaced by its elements when the ruleset lists them.
 */
import { num, obj, readJson, str, type JsonObject } from './ip-json.js';
import type { ParseWarning } from './warnings.js';
import {
  ICMPV6_TYPE_NAMES,
  ICMP_TYPE_NAMES,
  type FirewallChain,
  type FirewallMatch,
  type FirewallRule,
  type FirewallTable,
  type FirewallVerdict,
} from './firewall-model.js';

export interface NftParsed {
  readonly tables: FirewallTable[];
  readonly warnings: ParseWarning[];
}

/** A set's elements, by `family table name`. */
type Sets = ReadonlyMap<string, unknown[]>;

const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The right-hand side of a match as a list of plain values, or null when it is not one. */
function values(right: unknown, sets: Sets, where: string): unknown[] | null {
  if (typeof right === 'string' && right.startsWith('@')) {
    return sets.get(`${where} ${right.slice(1)}`) ?? null;
  }
  if (Array.isArray(right)) return right;
  if (isObject(right) && Array.isArray(right['set'])) return right['set'] as unknown[];
  return [right];
}

/** An address or prefix as text (`203.0.113.0/24`); null for ranges and anything else. */
function prefixText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isObject(v)) {
    const p = obj(v, 'prefix');
    const addr = p && str(p, 'addr');
    const len = p && num(p, 'len');
    if (addr !== undefined && len !== undefined) return `${addr}/${len}`;
    // A set element carrying a timeout or counter: {"elem": {"val": …}}.
    const elem = obj(v, 'elem');
    if (elem) return prefixText(elem['val']);
  }
  return null;
}

function scalarText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

function allOf<T>(list: unknown[], f: (v: unknown) => T | null): T[] | null {
  const out: T[] = [];
  for (const v of list) {
    const t = f(v);
    if (t === null) return null;
    out.push(t);
  }
  return out;
}

/** The layer 4 protocols a payload field implies: `tcp dport` matches only TCP. */
const L4_PAYLOADS = new Set([
  'tcp',
  'udp',
  'udplite',
  'sctp',
  'dccp',
  'icmp',
  'icmpv6',
  'ah',
  'esp',
]);

function l4Name(proto: string): string {
  return proto === 'icmpv6' ? 'ipv6-icmp' : proto;
}

/** One `match` expression as model matches (a payload field may imply a protocol too). */
function readMatch(m: JsonObject, sets: Sets, where: string): FirewallMatch[] {
  const op = str(m, 'op') ?? '==';
  const unknown: FirewallMatch[] = [{ kind: 'unknown', text: matchText(m) }];
  if (op !== '==' && op !== '!=' && op !== 'in') return unknown;
  const negate = op === '!=';
  const left = obj(m, 'left');
  const list = values(m['right'], sets, where);
  if (!left || !list) return unknown;
  const meta = obj(left, 'meta');
  const payload = obj(left, 'payload');
  const ct = obj(left, 'ct');
  const metaKey = meta && str(meta, 'key');
  if (metaKey === 'iifname' || metaKey === 'oifname' || metaKey === 'iif' || metaKey === 'oif') {
    const names = allOf(list, scalarText);
    if (!names) return unknown;
    return [{ kind: 'iface', field: metaKey.startsWith('i') ? 'iif' : 'oif', negate, names }];
  }
  if (metaKey === 'l4proto') {
    const protos = allOf(list, scalarText);
    return protos ? [{ kind: 'l4proto', negate, protos: protos.map(l4Name) }] : unknown;
  }
  if (metaKey === 'nfproto') {
    // `meta nfproto ipv4` in an inet table: as if every address match were IPv4.
    const protos = allOf(list, scalarText);
    if (!protos) return unknown;
    return [{ kind: 'family', negate, families: protos.map((p) => (p === 'ipv6' ? 'ip6' : 'ip')) }];
  }
  if (ct && str(ct, 'key') === 'state' && ct['dir'] === undefined) {
    const states = allOf(list.flat(), scalarText);
    return states ? [{ kind: 'ct-state', negate, states }] : unknown;
  }
  if (payload) {
    const protocol = str(payload, 'protocol');
    const field = str(payload, 'field');
    if ((protocol === 'ip' || protocol === 'ip6') && (field === 'saddr' || field === 'daddr')) {
      const prefixes = allOf(list, prefixText);
      return prefixes ? [{ kind: 'addr', family: protocol, field, negate, prefixes }] : unknown;
    }
    if (
      (protocol === 'ip' && field === 'protocol') ||
      (protocol === 'ip6' && field === 'nexthdr')
    ) {
      const protos = allOf(list, scalarText);
      return protos
        ? [
            { kind: 'family', negate: false, families: [protocol] },
            { kind: 'l4proto', negate, protos: protos.map(l4Name) },
          ]
        : unknown;
    }
    if (protocol !== undefined && L4_PAYLOADS.has(protocol)) {
      // The field implies its protocol (nft adds that dependency itself and hides it).
      const proto: FirewallMatch = { kind: 'l4proto', negate: false, protos: [l4Name(protocol)] };
      if ((protocol === 'icmp' || protocol === 'icmpv6') && field === 'type') {
        const names = protocol === 'icmp' ? ICMP_TYPE_NAMES : ICMPV6_TYPE_NAMES;
        const types = allOf(list, scalarText);
        if (types) {
          return [proto, { kind: 'icmp-type', negate, types: types.map((t) => names[t] ?? t) }];
        }
      }
      return [proto, ...unknown];
    }
  }
  return unknown;
}

/** A value as nft prints it, near enough for evidence. */
function valueText(v: unknown, quote: boolean): string {
  if (typeof v === 'string') return quote ? `"${v}"` : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => valueText(x, quote)).join(',');
  if (isObject(v)) {
    const p = prefixText(v);
    if (p !== null) return p;
    if (Array.isArray(v['set']))
      return `{ ${v['set'].map((x) => valueText(x, quote)).join(', ')} }`;
    if (Array.isArray(v['range'])) return v['range'].map((x) => valueText(x, quote)).join('-');
  }
  return JSON.stringify(v);
}

function leftText(left: JsonObject | undefined): string {
  if (!left) return '?';
  const meta = obj(left, 'meta');
  if (meta) {
    const key = str(meta, 'key') ?? '?';
    return ['iifname', 'oifname', 'iif', 'oif'].includes(key) ? key : `meta ${key}`;
  }
  const payload = obj(left, 'payload');
  if (payload) return `${str(payload, 'protocol') ?? '?'} ${str(payload, 'field') ?? '?'}`;
  const ct = obj(left, 'ct');
  if (ct) return `ct ${str(ct, 'key') ?? '?'}`;
  return JSON.stringify(left);
}

function matchText(m: JsonObject): string {
  const left = obj(m, 'left');
  const op = str(m, 'op') ?? '==';
  const meta = left && obj(left, 'meta');
  const quote = meta !== undefined && /^(iif|oif)(name)?$/.test(str(meta, 'key') ?? '');
  const opText = op === '==' || op === 'in' ? '' : `${op} `;
  return `${leftText(left)} ${opText}${valueText(m['right'], quote)}`;
}

/** A statement's verdict, or null when it lets the packet go on to the next statement. */
function readStatement(
  key: string,
  value: unknown,
): { verdict?: FirewallVerdict; match?: FirewallMatch; text: string } {
  const body = isObject(value) ? value : {};
  switch (key) {
    case 'accept':
    case 'drop':
    case 'return':
    case 'continue':
      return { verdict: { kind: key }, text: key };
    case 'jump':
    case 'goto': {
      const target = str(body, 'target') ?? '?';
      return { verdict: { kind: key, target }, text: `${key} ${target}` };
    }
    case 'reject': {
      const type = str(body, 'type');
      const expr = scalarText(body['expr']);
      return {
        verdict: { kind: 'reject' },
        text: type && expr ? `reject with ${type} ${expr}` : 'reject',
      };
    }
    case 'counter': {
      const p = num(body, 'packets');
      const b = num(body, 'bytes');
      return { text: p !== undefined ? `counter packets ${p} bytes ${b ?? 0}` : 'counter' };
    }
    case 'xt': {
      // iptables-nft's compat expressions: opaque here (iptables-save reads them).
      const name = str(body, 'name') ?? '?';
      const text = `xt ${str(body, 'type') ?? '?'} ${name}`;
      if (str(body, 'type') !== 'target') return { match: { kind: 'unknown', text }, text };
      if (name === 'REJECT') return { verdict: { kind: 'reject' }, text: `${text}` };
      if (name === 'LOG' || name === 'NFLOG') return { text };
      return { verdict: { kind: 'unknown', text }, text };
    }
    case 'limit': {
      // Matches some packets and not others (by rate): the rule may or may not apply.
      const rate = num(body, 'rate');
      const text =
        rate !== undefined
          ? `limit rate ${body['inv'] === true ? 'over ' : ''}${rate}/${str(body, 'per') ?? 'second'}`
          : `limit ${JSON.stringify(value)}`;
      return { match: { kind: 'unknown', text }, text };
    }
    case 'quota':
    case 'meter': {
      // These match some packets and not others: the rule may or may not apply.
      const text = `${key} ${JSON.stringify(value)}`;
      return { match: { kind: 'unknown', text }, text };
    }
    case 'queue':
    case 'fwd':
    case 'synproxy':
    case 'tproxy': {
      const text = `${key} ${JSON.stringify(value)}`;
      return { verdict: { kind: 'unknown', text }, text };
    }
    default:
      // log, mangle (mark set), notrack, nat statements, set updates: no filter verdict.
      return { text: value === null ? key : `${key} ${JSON.stringify(value)}` };
  }
}

function readRule(o: JsonObject, sets: Sets): FirewallRule | string {
  const family = str(o, 'family');
  const table = str(o, 'table');
  const handle = num(o, 'handle');
  if (!family || !table || handle === undefined || !Array.isArray(o['expr'])) {
    return 'a rule without family, table, handle or expr';
  }
  const where = `${family} ${table}`;
  const matches: FirewallMatch[] = [];
  const texts: string[] = [];
  let verdict: FirewallVerdict = { kind: 'continue' };
  for (const e of o['expr'] as unknown[]) {
    if (!isObject(e)) continue;
    const [key, value] = Object.entries(e)[0] ?? [];
    if (key === undefined) continue;
    if (key === 'match' && isObject(value)) {
      matches.push(...readMatch(value, sets, where));
      texts.push(matchText(value));
      continue;
    }
    const s = readStatement(key, value);
    texts.push(s.text);
    if (s.match) matches.push(s.match);
    if (s.verdict) verdict = s.verdict;
  }
  const comment = str(o, 'comment');
  return {
    matches,
    verdict,
    text: texts.join(' ') + (comment !== undefined ? ` comment "${comment}"` : ''),
    handle,
  };
}

/** Reads the ruleset JSON; a missing or broken element leaves a warning, never a throw. */
export function parseNftRuleset(text: string, source: string): NftParsed {
  const warnings: ParseWarning[] = [];
  const read = readJson(text, source);
  if (!('data' in read)) return { tables: [], warnings: read.warnings };
  const list = isObject(read.data) ? read.data['nftables'] : undefined;
  if (!Array.isArray(list)) {
    return { tables: [], warnings: [{ source, message: 'no "nftables" array' }] };
  }
  const sets = new Map<string, unknown[]>();
  for (const item of list) {
    const set = isObject(item) ? obj(item, 'set') : undefined;
    if (set && Array.isArray(set['elem'])) {
      sets.set(`${str(set, 'family')} ${str(set, 'table')} ${str(set, 'name')}`, set['elem']);
    }
  }
  interface Building {
    family: string;
    name: string;
    chains: Map<string, FirewallChain & { rules: FirewallRule[] }>;
  }
  const tables = new Map<string, Building>();
  const tableOf = (family: string, name: string): Building => {
    const key = `${family} ${name}`;
    let t = tables.get(key);
    if (!t) {
      t = { family, name, chains: new Map() };
      tables.set(key, t);
    }
    return t;
  };
  list.forEach((item, i) => {
    if (!isObject(item)) return;
    const table = obj(item, 'table');
    const chain = obj(item, 'chain');
    const rule = obj(item, 'rule');
    if (table) {
      const family = str(table, 'family');
      const name = str(table, 'name');
      if (family && name) tableOf(family, name);
      else warnings.push({ source, message: `element ${i}: a table without family or name` });
    } else if (chain) {
      const family = str(chain, 'family');
      const tname = str(chain, 'table');
      const name = str(chain, 'name');
      if (!family || !tname || !name) {
        warnings.push({ source, message: `element ${i}: a chain without family, table or name` });
        return;
      }
      const policy = str(chain, 'policy');
      tableOf(family, tname).chains.set(name, {
        name,
        hook: str(chain, 'hook') ?? null,
        type: str(chain, 'type') ?? null,
        priority: num(chain, 'prio') ?? 0,
        policy: policy === 'drop' ? 'drop' : policy === 'accept' ? 'accept' : null,
        rules: [],
      });
    } else if (rule) {
      const parsed = readRule(rule, sets);
      const family = str(rule, 'family') ?? '';
      const c = tables.get(`${family} ${str(rule, 'table')}`)?.chains.get(str(rule, 'chain') ?? '');
      if (typeof parsed === 'string') warnings.push({ source, message: `element ${i}: ${parsed}` });
      else if (!c) warnings.push({ source, message: `element ${i}: a rule of an unknown chain` });
      else c.rules.push(parsed);
    }
  });
  return {
    tables: [...tables.values()].map((t) => ({
      tool: 'nft' as const,
      family: t.family,
      name: t.name,
      chains: [...t.chains.values()],
      source,
    })),
    warnings,
  };
}
