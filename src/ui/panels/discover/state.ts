/**
 * The Discover panel's part of the store: the hosts streamed in by a sweep, how the table is
 * filtered, sorted and selected, and the requests (sweep, ssh, export) that the panel's probe
 * hook carries out. `discoverReducer` is pure; the App's reducer delegates to it.
 */
import type { AppState } from '../../state.js';
import type { HostState } from '../../../state/host-state.js';
import {
  addName,
  addSighting,
  visibleHosts,
  type DiscoveredHost,
  type HostContext,
} from '../../../probes/discover/hosts.js';
import { isValidState } from '../../../probes/discover/pacing.js';
import type { ScanEvent } from '../../../probes/discover/types.js';

export const SORT_KEYS = ['address', 'vendor', 'name', 'rtt', 'seen'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export type SweepStatus = 'idle' | 'sweeping' | 'done' | 'cancelled' | 'failed';

export interface DiscoverState {
  /** Null until the first sweep: the table then shows the kernel's known neighbours. */
  readonly hosts: readonly DiscoveredHost[] | null;
  readonly context: HostContext;
  readonly status: SweepStatus;
  /** What is being swept, e.g. `lan0 192.168.1.0/24`. */
  readonly targets: readonly string[];
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly warnings: readonly string[];
  /** The last thing to tell the person (an error, an export, an ssh session's end). */
  readonly message: string | null;
  readonly piOnly: boolean;
  readonly filter: string;
  /** Keys go to the filter text, not the keymap. */
  readonly editingFilter: boolean;
  readonly sort: SortKey;
  readonly selected: number;
  readonly details: boolean;
  /** Bumped by each request; the probe hook acts when it changes. */
  readonly sweepRequest: number;
  readonly cancelRequest: number;
  readonly sshRequest: { readonly id: number; readonly user: 'self' | 'pi' } | null;
  readonly exportRequest: number;
}

export const initialDiscoverState: DiscoverState = {
  hosts: null,
  context: { selfAddresses: new Set(), gateways: new Set() },
  status: 'idle',
  targets: [],
  startedAt: null,
  finishedAt: null,
  warnings: [],
  message: null,
  piOnly: false,
  filter: '',
  editingFilter: false,
  sort: 'address',
  selected: 0,
  details: false,
  sweepRequest: 0,
  cancelRequest: 0,
  sshRequest: null,
  exportRequest: 0,
};

export type DiscoverAction =
  | { readonly type: 'discover/sweep' }
  | { readonly type: 'discover/cancel' }
  | {
      readonly type: 'discover/sweep-started';
      readonly targets: readonly string[];
      readonly context: HostContext;
      readonly at: number;
    }
  | { readonly type: 'discover/event'; readonly event: ScanEvent }
  | {
      readonly type: 'discover/sweep-ended';
      readonly status: SweepStatus;
      readonly message: string | null;
      readonly at: number;
    }
  | { readonly type: 'discover/toggle-pi' }
  | { readonly type: 'discover/filter-edit' }
  | { readonly type: 'discover/filter-input'; readonly text: string }
  | { readonly type: 'discover/filter-done'; readonly keep: boolean }
  | { readonly type: 'discover/sort-next' }
  | { readonly type: 'discover/move'; readonly by: number }
  | { readonly type: 'discover/details-toggle' }
  | { readonly type: 'discover/escape' }
  | { readonly type: 'discover/ssh'; readonly user: 'self' | 'pi' }
  | { readonly type: 'discover/export' }
  | { readonly type: 'discover/message'; readonly message: string }
  /** The probe hook took a request: clear it, so a remounted panel does not redo it. */
  | { readonly type: 'discover/request-taken'; readonly kind: 'sweep' | 'ssh' | 'export' };

export function isDiscoverAction(action: { readonly type: string }): action is DiscoverAction {
  return action.type.startsWith('discover/');
}

function fold(d: DiscoverState, event: ScanEvent): DiscoverState {
  switch (event.type) {
    case 'sighting':
      return { ...d, hosts: addSighting(d.hosts ?? [], event.sighting, d.context) };
    case 'name':
      return { ...d, hosts: addName(d.hosts ?? [], event.ip, event.name) };
    case 'warning':
      return { ...d, warnings: [...d.warnings, event.message] };
    case 'started':
    case 'batch':
    case 'finished':
      return d;
  }
}

function withDiscover(state: AppState, discover: DiscoverState): AppState {
  return { ...state, discover };
}

export function discoverReducer(state: AppState, action: DiscoverAction): AppState {
  const d = state.discover;
  switch (action.type) {
    case 'discover/sweep':
      if (d.status === 'sweeping') return state;
      return withDiscover(state, { ...d, sweepRequest: d.sweepRequest + 1, message: null });
    case 'discover/cancel':
      return d.status === 'sweeping'
        ? withDiscover(state, { ...d, cancelRequest: d.cancelRequest + 1 })
        : state;
    case 'discover/sweep-started':
      return withDiscover(state, {
        ...d,
        hosts: [],
        context: action.context,
        status: 'sweeping',
        targets: action.targets,
        startedAt: action.at,
        finishedAt: null,
        warnings: [],
        message: null,
        selected: 0,
      });
    case 'discover/event':
      return withDiscover(state, fold(d, action.event));
    case 'discover/sweep-ended':
      return withDiscover(state, {
        ...d,
        status: action.status,
        message: action.message,
        finishedAt: action.at,
      });
    case 'discover/toggle-pi':
      return withDiscover(state, { ...d, piOnly: !d.piOnly, selected: 0 });
    case 'discover/filter-edit':
      return withDiscover(state, { ...d, editingFilter: true, details: false });
    case 'discover/filter-input':
      return withDiscover(state, { ...d, filter: action.text, selected: 0 });
    case 'discover/filter-done':
      return withDiscover(state, {
        ...d,
        editingFilter: false,
        filter: action.keep ? d.filter : '',
      });
    case 'discover/sort-next': {
      const next = SORT_KEYS[(SORT_KEYS.indexOf(d.sort) + 1) % SORT_KEYS.length] ?? 'address';
      return withDiscover(state, { ...d, sort: next, selected: 0 });
    }
    case 'discover/move':
      return withDiscover(state, { ...d, selected: Math.max(0, d.selected + action.by) });
    case 'discover/details-toggle':
      return withDiscover(state, { ...d, details: !d.details });
    case 'discover/escape':
      if (state.help) return { ...state, help: false };
      if (d.details) return withDiscover(state, { ...d, details: false });
      if (d.filter) return withDiscover(state, { ...d, filter: '' });
      return state;
    case 'discover/ssh':
      return withDiscover(state, {
        ...d,
        sshRequest: { id: (d.sshRequest?.id ?? 0) + 1, user: action.user },
      });
    case 'discover/export':
      return withDiscover(state, { ...d, exportRequest: d.exportRequest + 1 });
    case 'discover/message':
      return withDiscover(state, { ...d, message: action.message });
    case 'discover/request-taken':
      return withDiscover(state, {
        ...d,
        ...(action.kind === 'sweep' ? { sweepRequest: 0 } : {}),
        ...(action.kind === 'ssh' ? { sshRequest: null } : {}),
        ...(action.kind === 'export' ? { exportRequest: 0 } : {}),
      });
  }
}

/** Flags that depend on the host: its own addresses and its default gateways. */
export function hostContext(host: HostState | null): HostContext {
  if (!host) return initialDiscoverState.context;
  return {
    selfAddresses: new Set(host.interfaces.flatMap((i) => i.addresses.map((a) => a.local))),
    gateways: new Set(
      host.routes
        .filter((r) => r.table === 'main' && r.dst === 'default' && r.gateway !== null)
        .map((r) => r.gateway as string),
    ),
  };
}

/** The neighbours the kernel already knows (read with the host, no packet sent). */
export function knownNeighbours(host: HostState | null): readonly DiscoveredHost[] {
  if (!host) return [];
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

function matches(h: DiscoveredHost, filter: string): boolean {
  if (!filter) return true;
  const needle = filter.toLowerCase();
  return [
    h.ip,
    h.iface,
    h.mac ?? '',
    ...h.macs,
    h.vendor?.name ?? '',
    h.name ?? '',
    ...h.flags,
    ...h.ipv6,
  ].some((s) => s.toLowerCase().includes(needle));
}

const SORTS: Readonly<Record<SortKey, (a: DiscoveredHost, b: DiscoveredHost) => number>> = {
  address: () => 0,
  vendor: (a, b) => (a.vendor?.name ?? '~').localeCompare(b.vendor?.name ?? '~'),
  name: (a, b) => (a.name ?? '~').localeCompare(b.name ?? '~'),
  rtt: (a, b) => (a.rttMs ?? Infinity) - (b.rttMs ?? Infinity),
  seen: (a, b) => a.firstSeen - b.firstSeen,
};

/** The rows the table shows: swept hosts (or known neighbours), filtered and sorted. */
export function discoverRows(state: AppState): DiscoveredHost[] {
  const d = state.discover;
  const all = visibleHosts(d.hosts ?? knownNeighbours(state.host));
  // visibleHosts sorts by address; a stable sort keeps that order within equal keys.
  return all
    .filter((h) => (!d.piOnly || h.flags.includes('raspberry-pi')) && matches(h, d.filter))
    .sort(SORTS[d.sort]);
}

export function selectedRow(
  state: AppState,
  rows: readonly DiscoveredHost[],
): DiscoveredHost | undefined {
  return rows[Math.min(state.discover.selected, rows.length - 1)];
}
