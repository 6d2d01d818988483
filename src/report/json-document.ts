/**
 * The --json contract (docs/json.md): every document a command prints names its shape and
 * version in its first key, `"schema": "netdoctor.<command>/1"`, so a script can refuse a
 * shape it does not know instead of misreading it. The version goes up when a key is removed
 * or changes meaning; a key added leaves it. This is the one place that builds the key.
 */
/** Every --json shape, by the name its schema key carries. */
export const JSON_DOCUMENTS = [
  'overview',
  'vlan',
  'vlan-make',
  'route',
  'doctor',
  'scan',
  'scan-watch',
  'trace',
  'garp',
  'plan',
  'explain',
  'path',
] as const;

export type JsonDocumentName = (typeof JSON_DOCUMENTS)[number];

export const JSON_SCHEMA_VERSION = 1;

export function schemaId(name: JsonDocumentName): string {
  return `netdoctor.${name}/${JSON_SCHEMA_VERSION}`;
}

/** The document with its schema key first (a body's own `schema` key cannot replace it). */
export function jsonDocument<T extends object>(
  name: JsonDocumentName,
  body: T,
): { readonly schema: string } & Omit<T, 'schema'> {
  return { schema: schemaId(name), ...without(body, ['schema' as keyof T]) } as {
    readonly schema: string;
  } & Omit<T, 'schema'>;
}

/** A copy of `o` without `keys`: what a document leaves out of an object it shows. */
export function without<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Omit<T, K> {
  const drop = new Set<PropertyKey>(keys);
  return Object.fromEntries(Object.entries(o).filter(([k]) => !drop.has(k))) as Omit<T, K>;
}

/** How a long-running command ended: the last record of its stream, or a key of its document. */
export type EndReason =
  | { readonly reason: 'done' }
  | { readonly reason: 'interrupted'; readonly signal: string }
  | { readonly reason: 'error'; readonly error: string };

/**
 * Done, or interrupted by a signal: its name, or the work's AbortSignal, which the signal
 * trap (system/signals.ts) aborts with the signal's name as reason.
 */
export function endReason(signal: string | AbortSignal | null | undefined): EndReason {
  if (typeof signal === 'string') return { reason: 'interrupted', signal };
  if (!signal?.aborted) return { reason: 'done' };
  const name: unknown = signal.reason;
  return { reason: 'interrupted', signal: typeof name === 'string' ? name : 'unknown' };
}

/** An error as the one line the end record carries. */
export function errorEnd(err: unknown): EndReason {
  const text = err instanceof Error ? err.message : String(err);
  return { reason: 'error', error: text.split('\n')[0] ?? '' };
}
