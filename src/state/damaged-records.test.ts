/**
 * Issue 21 item 9: a damaging change to one inner record of a real lab snapshot is never
 * accepted silently. Each row damages one field of one record the way a fuzzer did, and the
 * host state must carry a warning that names the record (and the field), and must not hold
 * the record as if it were true.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSnapshotText } from '../snapshot/load.js';
import { buildHostState } from './host-state.js';

const FILE = new URL('../../test/fixtures/lab-router/snapshot.json', import.meta.url);
const TEXT = readFileSync(FILE, 'utf8');

type Json = Record<string, unknown>;

interface Damage {
  readonly what: string;
  readonly source: string;
  /** Which record of the source's JSON array to damage. */
  readonly pick: (o: Json) => boolean;
  readonly field: string;
  readonly value: unknown;
  /** Words the warning must hold: the record's name and the field. */
  readonly names: readonly string[];
}

const RULE4 = 'ip -j -4 rule show';
const ROUTE4 = 'ip -j -4 route show table all';
const ROUTE6 = 'ip -j -6 route show table all';
const NEIGH = 'ip -j neigh show';
const LINK = 'ip -j -d link show';
const mainRule = (o: Json) => o['table'] === 'main';
const first = () => true;

const rule = (value: unknown, field = 'table'): Damage => ({
  what: `the main rule's ${field} set to ${JSON.stringify(value)}`,
  source: RULE4,
  pick: mainRule,
  field,
  value,
  names: field === 'priority' ? [`dropped: priority`] : ['priority 32766', `dropped: ${field}`],
});

const DAMAGE: readonly Damage[] = [
  rule(-1),
  rule(null),
  rule([]),
  rule(['main']),
  rule(2 ** 32),
  rule(-1e308, 'priority'),
  rule(1.5, 'priority'),
  rule('evil', 'action'),
  rule(7, 'iif'),
  rule(99, 'srclen'),
  ...[0, [0], 'REACHABLE', ['HACKED'], null].map((value) => ({
    what: `a neighbour's state set to ${JSON.stringify(value)}`,
    source: NEIGH,
    pick: first,
    field: 'state',
    value,
    names: ['dst "192.0.2.10"', 'dropped: state'],
  })),
  {
    what: 'a neighbour router flag of "yes"',
    source: NEIGH,
    pick: first,
    field: 'router',
    value: 'yes',
    names: ['dst "192.0.2.10"', 'dropped: router'],
  },
  ...[2 ** 53 + 1, -1, null, {}, 'no table!'].map((value) => ({
    what: `a route's table set to ${JSON.stringify(value)}`,
    source: ROUTE4,
    pick: (o: Json) => o['dst'] === 'default' && o['table'] === undefined,
    field: 'table',
    value,
    names: ['dst "default"', 'dropped: table'],
  })),
  ...[null, {}, 'teleport', 7].map((value) => ({
    what: `an IPv6 route's type set to ${JSON.stringify(value)}`,
    source: ROUTE6,
    pick: first,
    field: 'type',
    value,
    names: ['dst "2001:db8:1::/64"', 'dropped: type'],
  })),
  ...(
    [
      ['prefsrc', 'not-an-address'],
      ['protocol', {}],
      ['scope', 9],
      ['flags', 'linkdown'],
      ['nexthops', 'x'],
      ['nexthops', [{ gateway: 'evil', dev: 'lan0' }]],
      ['dev', 42],
      ['gateway', 42],
    ] as const
  ).map(([field, value]) => ({
    what: `a route's ${field} set to ${JSON.stringify(value)}`,
    source: ROUTE4,
    pick: (o: Json) => o['dst'] === '192.0.2.0/24',
    field,
    value,
    names: ['dst "192.0.2.0/24"', `dropped: ${field}`],
  })),
  ...(
    [
      ['operstate', 5],
      ['flags', 'UP'],
      ['master', 7],
      ['link_type', null],
      ['linkinfo', 'veth'],
    ] as const
  ).map(([field, value]) => ({
    what: `link lan1's ${field} set to ${JSON.stringify(value)}`,
    source: LINK,
    pick: (o: Json) => o['ifname'] === 'lan1',
    field,
    value,
    names: ['ifname "lan1"', `dropped: ${field}`],
  })),
];

function damaged(d: Damage) {
  const snapshot = JSON.parse(TEXT) as { sources: Record<string, { stdout: string }> };
  const source = snapshot.sources[d.source];
  if (!source) throw new Error(`no ${d.source} in the fixture`);
  const records = JSON.parse(source.stdout) as Json[];
  const target = records.find(d.pick);
  if (!target) throw new Error(`${d.what}: no such record in the fixture`);
  target[d.field] = d.value;
  source.stdout = JSON.stringify(records);
  return buildHostState(parseSnapshotText(JSON.stringify(snapshot), 'damaged.json'));
}

describe('a damaged inner record is named in a warning, never taken silently', () => {
  it('the undamaged lab snapshot reads without a warning', () => {
    expect(buildHostState(parseSnapshotText(TEXT, 'lab.json')).warnings).toEqual([]);
  });

  it.each(DAMAGE.map((d) => [d.what, d] as const))('%s', (_, d) => {
    const host = damaged(d);
    const named = host.warnings.filter(
      (w) => w.source === d.source && d.names.every((n) => w.message.includes(n)),
    );
    expect(named, JSON.stringify(host.warnings)).toHaveLength(1);
  });

  it('a link dropped for a bad field takes the routes, addresses and neighbours on it along, each named', () => {
    const host = damaged({
      what: 'lan1 operstate 5',
      source: LINK,
      pick: (o) => o['ifname'] === 'lan1',
      field: 'operstate',
      value: 5,
      names: [],
    });
    expect(host.interfaces.map((i) => i.name)).not.toContain('lan1');
    expect(host.routes.filter((r) => r.dev === 'lan1')).toEqual([]);
    expect(host.neighbours.filter((n) => n.dev === 'lan1')).toEqual([]);
    const because = host.warnings.filter((w) =>
      w.message.includes('its interface "lan1" was dropped'),
    );
    expect(because.map((w) => w.message)).toContain(
      'route default (table 100) dropped: its interface "lan1" was dropped from ip -j -d link show',
    );
    expect(because.some((w) => w.message.startsWith('address 198.51.100.'))).toBe(true);
  });
});
