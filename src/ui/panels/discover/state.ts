/**
 * The Discover panel's slice of the store (how the table is filtered, sorted and selected,
 * and the last message) and the sweep job's state (the hosts streamed in). The slice's
 * reducer is pure; the sweep lives in the app's job store, so it goes on while the person
 * looks at another panel.
 */
import { closeLine, openLine, questionLine, type QuestionLine } from '../../question/line.js';
import type { HostState } from '../../../state/host-state.js';
import {
  addName,
  addSighting,
  visibleHosts,
  type DiscoveredHost,
  type HostContext,
} from '../../../probes/discover/hosts.js';
import type { HostTable } from '../../../probes/discover/host-table.js';
import { isValidState } from '../../../probes/discover/pacing.js';
import { defaultGateways } from '../../../net/default-gateways.js';
import type { WatchTracker } from '../../../probes/discover/watch.js';
import type { BackendName } from '../../../probes/discover/types.js';

/** A filter longer than this matches nothing anyway. */
export const FILTER_MAX = 64;
export const SORT_KEYS = ['address', 'vendor', 'name', 'rtt', 'seen'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export type SweepStatus = 'idle' | 'sweeping' | 'watching' | 'done' | 'cancelled' | 'failed';

/** A watch (`w`): its marks, and where it stands between sweeps. */
export interface WatchState {
  readonly tracker: WatchTracker;
  /** Sweeps ended so far, and when the next one starts (null while one runs). */
  readonly sweeps: number;
  readonly nextAt: number | null;
  readonly events: number;
}

/** The sweep job's state, read by the panel on each tick. */
export interface SweepState {
  readonly table: HostTable;
  readonly status: SweepStatus;
  /** What is being swept, e.g. `lan0 192.168.1.0/24`. */
  readonly targets: readonly string[];
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly warnings: readonly string[];
  /** Why it failed, one line. */
  readonly error: string | null;
  /** Set when this job is a watch rather than one sweep. */
  readonly watch?: WatchState | null;
}

/** The chooser overlay open over the table: interfaces (`i`) or backend (`b`). */
export type Chooser =
  | { readonly kind: 'iface' }
  | { readonly kind: 'backend'; readonly problems: Partial<Record<BackendName, string>> };

export interface DiscoverView {
  readonly piOnly: boolean;
  readonly filter: string;
  /** The filter's question line: while open, keys are its text, not the keymap. */
  readonly filterLine: QuestionLine;
  readonly sort: SortKey;
  readonly selected: number;
  readonly details: boolean;
  /** The last thing to tell the person (an error, an export, an ssh session's end). */
  readonly message: string | null;
  /** Interfaces chosen to sweep; empty: every interface that is up. Kept until quit. */
  readonly ifaces: readonly string[];
  readonly backend: BackendName;
  readonly chooser: Chooser | null;
  /** What /etc/hosts names, for the opening table (a sweep asks the resolver itself). */
  readonly localNames: ReadonlyMap<string, string> | null;
}

export const initialDiscoverView: DiscoverView = {
  piOnly: false,
  filter: '',
  filterLine: questionLine(FILTER_MAX),
  sort: 'address',
  selected: 0,
  details: false,
  message: null,
  ifaces: [],
  backend: 'kernel',
  chooser: null,
  localNames: null,
};

export type DiscoverAction =
  | { readonly type: 'toggle-pi' }
  | { readonly type: 'filter-edit' }
  /** The filter line after a key: the table filters as it is typed. */
  | { readonly type: 'filter-line'; readonly line: QuestionLine }
  | { readonly type: 'filter-done'; readonly keep: boolean }
  | { readonly type: 'sort-next' }
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'details-toggle' }
  | { readonly type: 'escape' }
  | { readonly type: 'message'; readonly message: string | null }
  | { readonly type: 'chooser-open'; readonly chooser: Chooser }
  | { readonly type: 'chooser-close' }
  /** Toggles one interface in the choice; null chooses every interface that is up. */
  | { readonly type: 'iface-toggle'; readonly iface: string | null }
  | { readonly type: 'backend-set'; readonly backend: BackendName }
  | { readonly type: 'local-names'; readonly names: ReadonlyMap<string, string> };

export function discoverReducer(d: DiscoverView, action: DiscoverAction): DiscoverView {
  switch (action.type) {
    case 'toggle-pi':
      return { ...d, piOnly: !d.piOnly, selected: 0 };
    case 'filter-edit':
      return { ...d, filterLine: openLine(d.filterLine), details: false };
    case 'filter-line':
      // The offered last filter filters nothing until it is taken or asked again.
      if (action.line.offered) return { ...d, filterLine: action.line };
      return { ...d, filterLine: action.line, filter: action.line.text, selected: 0 };
    case 'filter-done':
      return {
        ...d,
        filterLine: closeLine(d.filterLine),
        filter: action.keep ? d.filterLine.text : '',
        selected: 0,
      };
    case 'sort-next': {
      const next = SORT_KEYS[(SORT_KEYS.indexOf(d.sort) + 1) % SORT_KEYS.length] ?? 'address';
      return { ...d, sort: next, selected: 0 };
    }
    case 'move':
      return { ...d, selected: Math.max(0, d.selected + action.by) };
    case 'details-toggle':
      return { ...d, details: !d.details };
    case 'escape':
      if (d.chooser) return { ...d, chooser: null };
      if (d.details) return { ...d, details: false };
      if (d.filter) return { ...d, filter: '' };
      return d;
    case 'message':
      return { ...d, message: action.message };
    case 'chooser-open':
      return { ...d, chooser: action.chooser, details: false, filterLine: closeLine(d.filterLine) };
    case 'chooser-close':
      return { ...d, chooser: null };
    case 'iface-toggle': {
      if (action.iface === null) return { ...d, ifaces: [] };
      const on = d.ifaces.includes(action.iface);
      return {
        ...d,
        ifaces: on ? d.ifaces.filter((i) => i !== action.iface) : [...d.ifaces, action.iface],
      };
    }
    case 'backend-set':
      return { ...d, backend: action.backend, chooser: null };
    case 'local-names':
      return { ...d, localNames: action.names };
  }
}

/** Flags that depend on the host: its own addresses and its default gateways. */
export function hostContext(host: HostState | null): HostContext {
  if (!host) return { selfAddresses: new Set(), gateways: new Set() };
  return {
    selfAddresses: new Set(host.interfaces.flatMap((i) => i.addresses.map((a) => a.local))),
    gateways: new Set([...defaultGateways(host, 'inet'), ...defaultGateways(host, 'inet6')]),
  };
}

const knownByHost = new WeakMap<HostState, readonly DiscoveredHost[]>();

/**
 * The neighbours the kernel already knows (read with the host, no packet sent). The same list
 * for the same host, so the panel sorts it again only when the host is read again.
 */
export function knownNeighbours(
  host: HostState | null,
  names: ReadonlyMap<string, string> | null = null,
): readonly DiscoveredHost[] {
  if (!host) return [];
  const known = knownByHost.get(host) ?? readKnownNeighbours(host);
  knownByHost.set(host, known);
  if (names === null || names.size === 0) return known;
  const named = namedByHost.get(host);
  if (named?.names === names) return named.hosts;
  // Named as a sweep names them: the resolver's first answer is /etc/hosts' first name.
  const hosts = known.reduce((list, h) => {
    const name = names.get(h.ip);
    return name === undefined ? list : addName(list, h.ip, name, 'hosts');
  }, known);
  namedByHost.set(host, { names, hosts });
  return hosts;
}

const namedByHost = new WeakMap<
  HostState,
  { readonly names: ReadonlyMap<string, string>; readonly hosts: readonly DiscoveredHost[] }
>();

function readKnownNeighbours(host: HostState): readonly DiscoveredHost[] {
  const ctx = hostContext(host);
  const at = Date.parse(host.meta.takenAt) || 0;
  return host.neighbours
    .filter((n) => n.lladdr !== null && isValidState(n.states))
    .reduce<readonly DiscoveredHost[]>(
      (hosts, n) =>
        addSighting(
          hosts,
          {
            iface: n.dev,
            ip: n.dst,
            mac: n.lladdr,
            rttMs: null,
            at,
            via: 'table',
            state: n.states[0] ?? null,
          },
          ctx,
        ),
      [],
    );
}

/** The texts a filter is looked for in, each as it stands. */
function filterFields(h: DiscoveredHost): string[] {
  return [
    h.ip,
    h.iface,
    h.mac ?? '',
    ...h.macs,
    h.vendor?.name ?? '',
    h.name ?? '',
    ...h.flags,
    ...h.ipv6,
  ];
}

function matches(h: DiscoveredHost, filter: string): boolean {
  if (!filter) return true;
  const needle = filter.toLowerCase();
  return filterFields(h).some((s) => s.toLowerCase().includes(needle));
}

const SORTS: Readonly<Record<SortKey, (a: DiscoveredHost, b: DiscoveredHost) => number>> = {
  address: () => 0,
  vendor: (a, b) => vendorKey(a).localeCompare(vendorKey(b)),
  name: (a, b) => nameKey(a).localeCompare(nameKey(b)),
  rtt: (a, b) => (a.rttMs ?? Infinity) - (b.rttMs ?? Infinity),
  seen: (a, b) => a.firstSeen - b.firstSeen,
};
const vendorKey = (h: DiscoveredHost) => h.vendor?.name ?? '~';
const nameKey = (h: DiscoveredHost) => h.name ?? '~';

/**
 * The rows the table shows, by definition: swept hosts (or known neighbours), filtered and
 * sorted. discoverRows gives the same rows, remembering what it made (the tests compare).
 */
export function discoverRowsUnmemoised(
  view: Pick<DiscoverView, 'piOnly' | 'filter' | 'sort'>,
  hosts: readonly DiscoveredHost[],
): DiscoveredHost[] {
  // visibleHosts sorts by address; a stable sort keeps that order within equal keys.
  return visibleHosts(hosts)
    .filter((h) => (!view.piOnly || h.flags.includes('raspberry-pi')) && matches(h, view.filter))
    .sort(SORTS[view.sort]);
}

/** What discoverRows keeps for one list of hosts (the sweep's table makes a new list only
 *  when a host changes). */
interface RowsMemo {
  /** visibleHosts of the list: address order. */
  readonly visible: readonly DiscoveredHost[];
  readonly sorted: Map<SortKey, readonly DiscoveredHost[]>;
  /** The last rows made, to narrow when the filter grows by a letter. */
  last: { readonly key: string; readonly needle: string; readonly rows: readonly DiscoveredHost[] };
}

const memos = new WeakMap<readonly DiscoveredHost[], RowsMemo>();

/**
 * The rows the table shows (discoverRowsUnmemoised), made from what was made before: the
 * list's visible hosts once, each sort once (by numbers: the text keys ranked once), the
 * filter on the sorted rows, and a longer filter on the last filter's rows. Moving through
 * 10,000 rows, sorting and filtering them stays within a frame.
 */
export function discoverRows(
  view: Pick<DiscoverView, 'piOnly' | 'filter' | 'sort'>,
  hosts: readonly DiscoveredHost[],
): readonly DiscoveredHost[] {
  let memo = memos.get(hosts);
  if (!memo) {
    memo = {
      visible: visibleHosts(hosts),
      sorted: new Map(),
      last: { key: '', needle: '', rows: [] },
    };
    memos.set(hosts, memo);
  }
  let sorted = memo.sorted.get(view.sort);
  if (!sorted) {
    sorted = sortRows(memo.visible, view.sort);
    memo.sorted.set(view.sort, sorted);
  }
  const needle = view.filter.toLowerCase();
  const key = `${view.sort} ${view.piOnly}`;
  const narrowing = memo.last.key === key && needle.includes(memo.last.needle);
  if (narrowing && memo.last.needle === needle) return memo.last.rows;
  const from = narrowing ? memo.last.rows : sorted;
  const pis = !view.piOnly ? from : from.filter((h) => h.flags.includes('raspberry-pi'));
  const rows = needle ? pis.filter((h) => matchesLowered(h, needle)) : pis;
  memo.last = { key, needle, rows };
  return rows;
}

/**
 * matches() without its array: the same fields, each lowered on its own (`lowered`), so a
 * filter key looks through 10,000 hosts without making a string, or a function, for each.
 */
function matchesLowered(h: DiscoveredHost, needle: string): boolean {
  return (
    has(h.ip, needle) ||
    has(h.iface, needle) ||
    (h.mac !== null && has(h.mac, needle)) ||
    someHas(h.macs, needle) ||
    (h.vendor !== null && has(h.vendor.name, needle)) ||
    (h.name !== null && has(h.name, needle)) ||
    someHas(h.flags, needle) ||
    someHas(h.ipv6, needle)
  );
}

function has(text: string, needle: string): boolean {
  return lowered(text).includes(needle);
}

function someHas(texts: readonly string[], needle: string): boolean {
  for (const t of texts) if (has(t, needle)) return true;
  return false;
}

/** Texts lowered before, by text (made anew past LOWERED_MAX: no growth over a long watch). */
const lowercase = new Map<string, string>();
export const LOWERED_MAX = 4096;

/**
 * `text.toLowerCase()` without a new string each time: Node 20's toLowerCase copies even a
 * text that has no capital, and a filter key lowers about 60,000 texts at 10,000 hosts. A
 * text of lower-case ASCII (addresses, MACs, interfaces, flags) is its own lowering; any
 * other (a vendor's name, shared by many hosts) is lowered once and remembered.
 */
export function lowered(text: string): string {
  if (isLowerAscii(text)) return text;
  const known = lowercase.get(text);
  if (known !== undefined) return known;
  if (lowercase.size >= LOWERED_MAX) lowercase.clear();
  const low = text.toLowerCase();
  lowercase.set(text, low);
  return low;
}

/** A code unit that lowering could change: an ASCII capital, or anything past ASCII. */
const MAY_LOWER = /[A-Z\u0080-\uffff]/;

/** Whether `text` is lower-case ASCII, asked of the regular expression engine: a loop over
 *  the characters here ran interpreted the first time a filter key looked past the
 *  addresses (at 10,000 hosts, the slowest key of all). */
function isLowerAscii(text: string): boolean {
  return !MAY_LOWER.test(text);
}

/** SORTS[key] on rows in address order: text keys ranked once, then placed by rank. */
function sortRows(rows: readonly DiscoveredHost[], key: SortKey): readonly DiscoveredHost[] {
  if (key === 'address') return rows;
  if (key === 'rtt' || key === 'seen') return [...rows].sort(SORTS[key]);
  const text = key === 'vendor' ? vendorKey : nameKey;
  const texts = new Set<string>();
  for (const h of rows) texts.add(text(h));
  const distinct = [...texts].sort((a, b) => a.localeCompare(b));
  // Texts the collator holds equal share a rank, as they compared equal before.
  const rank = new Map<string, number>();
  distinct.forEach((t, i) => {
    const before = distinct[i - 1];
    rank.set(t, before !== undefined && before.localeCompare(t) === 0 ? rank.get(before)! : i);
  });
  return byRank(rows, (h) => rank.get(text(h))!, distinct.length);
}

/**
 * `rows` ordered by their ranks (0 to `ranks` - 1), equal ranks in the order they came: a
 * counting sort, one rank lookup a row instead of two a comparison (a sort by vendor of
 * 10,000 hosts made about 270,000). Plain loops: they run before V8 has optimised anything
 * (a key's first sort), where Int32Array.from and forEach cost more than the sort saved.
 */
function byRank<T>(rows: readonly T[], rankOf: (row: T) => number, ranks: number): T[] {
  const n = rows.length;
  const rowRanks = new Int32Array(n);
  for (let i = 0; i < n; i++) rowRanks[i] = rankOf(rows[i]!);
  // next[r]: where the next row of rank r goes (first, how many rows rank below r).
  const next = new Int32Array(ranks + 1);
  for (let i = 0; i < n; i++) next[rowRanks[i]! + 1]!++;
  for (let r = 1; r <= ranks; r++) next[r]! += next[r - 1]!;
  const sorted = new Array<T>(n);
  for (let i = 0; i < n; i++) sorted[next[rowRanks[i]!]!++] = rows[i]!;
  return sorted;
}

export function selectedRow(
  view: DiscoverView,
  rows: readonly DiscoveredHost[],
): DiscoveredHost | undefined {
  return rows[Math.min(view.selected, rows.length - 1)];
}

/**
 * The interfaces a person can choose to sweep: every one that is up with an IPv4 address
 * (VLAN interfaces included), loopback left out.
 */
export function sweepableInterfaces(host: HostState | null): string[] {
  if (!host) return [];
  return host.interfaces
    .filter(
      (i) =>
        i.name !== 'lo' &&
        i.operstate !== 'DOWN' &&
        i.flags.includes('UP') &&
        i.addresses.some((a) => a.family === 'inet'),
    )
    .map((i) => i.name);
}
