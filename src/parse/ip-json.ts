/**
 * Shared reading of `ip -j` output: a JSON array of objects. Each parser maps objects to
 * records; an object it cannot map becomes a warning, never an exception.
 */
import type { ParseWarning, Parsed } from './warnings.js';
import { BadField, quoted } from './checks.js';

export type JsonObject = Record<string, unknown>;

export function str(o: JsonObject, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(o: JsonObject, key: string): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function strings(o: JsonObject, key: string): string[] {
  const v = o[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function obj(o: JsonObject, key: string): JsonObject | undefined {
  const v = o[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/**
 * The JSON a tool printed, or the one warning that says it printed none: empty output
 * (`ip -j` prints nothing for an empty table on some versions) is no data and no warning.
 */
export function readJson(
  text: string,
  source: string,
): { readonly data: unknown } | { readonly warnings: ParseWarning[] } {
  const trimmed = text.trim();
  if (trimmed === '') return { warnings: [] };
  try {
    return { data: JSON.parse(trimmed) as unknown };
  } catch {
    return { warnings: [{ source, message: 'output is not JSON' }] };
  }
}

/**
 * Parses the JSON array that `ip -j` printed and maps each element. `map` returns null
 * (with a reason) for an element it cannot use.
 */
export function parseIpJson<T>(
  text: string,
  source: string,
  map: (o: JsonObject, index: number) => T | string,
): Parsed<T> {
  const warnings: ParseWarning[] = [];
  const records: T[] = [];
  const droppedNames: string[] = [];
  const read = readJson(text, source);
  if (!('data' in read)) return { records, warnings: read.warnings };
  const data = read.data;
  if (!Array.isArray(data)) {
    return { records, warnings: [{ source, message: 'output is not a JSON array' }] };
  }
  data.forEach((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      warnings.push({ source, message: `element ${i} is not an object` });
      return;
    }
    const o = item as JsonObject;
    const drop = (reason: string): void => {
      warnings.push({ source, message: `element ${i}${recordName(o)} dropped: ${reason}` });
      if (typeof o['ifname'] === 'string') droppedNames.push(o['ifname']);
    };
    let mapped: T | string;
    try {
      mapped = map(o, i);
    } catch (err) {
      if (!(err instanceof BadField)) throw err;
      return drop(err.message);
    }
    if (typeof mapped === 'string') drop(mapped);
    else records.push(mapped);
  });
  return { records, warnings, droppedNames };
}

/** The fields that say which record it was, as far as they are readable: ` (dst "10.0.0.0/8")`. */
const NAMING_KEYS = ['ifname', 'dst', 'dev', 'priority', 'table'] as const;

export function recordName(o: JsonObject): string {
  const parts = NAMING_KEYS.flatMap((k) => (o[k] === undefined ? [] : [`${k} ${quoted(o[k])}`]));
  return parts.length ? ` (${parts.join(', ')})` : '';
}
