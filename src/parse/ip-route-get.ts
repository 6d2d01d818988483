/**
 * Parses the kernel's own answer to `ip -j -d route get DST [from SRC] [iif IF] [mark N]`:
 * either one route (JSON), or the error it printed instead. An error is all `ip` says for a
 * blackhole ("Invalid argument"), an unreachable route ("No route to host"), a prohibit
 * route ("Permission denied") or no route or an `unreachable` rule ("Network is
 * unreachable"); the resolver is what names the route that did it.
 */
import { num, parseIpJson, str, strings, type JsonObject } from './ip-json.js';
import type { ParseWarning } from './warnings.js';

export interface KernelRoute {
  /** unicast, local, broadcast, multicast, ... */
  readonly type: string;
  readonly dst: string;
  /** The source given with `from` (IPv6 prints `::` when none was). */
  readonly from: string | null;
  readonly gateway: string | null;
  readonly dev: string | null;
  /** The table as the kernel names it; `main` when it prints none. */
  readonly table: string;
  /** The source the kernel picked; absent when `from` fixed it. */
  readonly prefsrc: string | null;
  readonly iif: string | null;
  readonly mark: number | null;
  readonly metric: number | null;
  readonly flags: readonly string[];
}

/** What the kernel answered: a route, or the error text (strerror) in place of one. */
export type KernelAnswer =
  | { readonly kind: 'route'; readonly route: KernelRoute }
  | {
      readonly kind: 'error';
      /** "Network is unreachable", "No route to host", "Permission denied", "Invalid argument", ... */
      readonly error: string;
      /** The route types that answer with this error. */
      readonly types: readonly string[];
    };

/** Which route types (or `none`) make `ip route get` print each error. */
const ERROR_TYPES: Readonly<Record<string, readonly string[]>> = {
  'Network is unreachable': ['none', 'unreachable'],
  'No route to host': ['unreachable'],
  'Permission denied': ['prohibit'],
  'Invalid argument': ['blackhole'],
};

function mapRoute(o: JsonObject): KernelRoute | string {
  const dst = str(o, 'dst');
  if (dst === undefined) return 'no dst';
  const from = str(o, 'from');
  return {
    type: str(o, 'type') ?? 'unicast',
    dst,
    from: from && from !== '::' && from !== '0.0.0.0' ? from : null,
    gateway: str(o, 'gateway') ?? null,
    dev: str(o, 'dev') ?? null,
    table: str(o, 'table') ?? 'main',
    prefsrc: str(o, 'prefsrc') ?? null,
    iif: str(o, 'iif') ?? null,
    mark: num(o, 'mark') ?? null,
    metric: num(o, 'metric') ?? null,
    flags: strings(o, 'flags'),
  };
}

/**
 * Reads one run of `ip -j -d route get`: its stdout, stderr and exit status. Null with a
 * warning when it is neither a route nor an error `ip` is known to print.
 */
export function parseIpRouteGet(
  stdout: string,
  stderr: string,
  status: number,
  source = 'ip -j -d route get',
): { answer: KernelAnswer | null; warnings: ParseWarning[] } {
  if (status === 0) {
    const parsed = parseIpJson(stdout, source, mapRoute);
    const route = parsed.records[0];
    if (!route) {
      return {
        answer: null,
        warnings: [...parsed.warnings, { source, message: 'no route in the answer' }],
      };
    }
    return { answer: { kind: 'route', route }, warnings: parsed.warnings };
  }
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  const m = /^(?:RTNETLINK answers|Error):\s*(.+?)\.?$/.exec(line ?? '');
  const error = m?.[1];
  if (!error) {
    return { answer: null, warnings: [{ source, message: line ?? `exit ${status}` }] };
  }
  return { answer: { kind: 'error', error, types: ERROR_TYPES[error] ?? [] }, warnings: [] };
}
