/**
 * The --json contract (docs/json.md): the JSON Schemas checked in under docs/json-schemas/ are
 * those the zod types generate (else: npm run docs), and real output of every command
 * passes the checked-in schema, whose first key is its name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../../../test/helpers/cli.js';
import { CAPTURE_LAB_TARGET, captureLabHosts } from '../../../test/helpers/discover.js';
import { fakeMtrPacket } from '../../../test/fixtures/trace/fake-mtr-packet.js';
import { hostBSnapshot } from '../../../test/fixtures/arping/fixtures.js';
import { fakeArpSender } from '../../../test/fixtures/arping/fake-sender.js';
import { JSON_DOCUMENTS, schemaId, type JsonDocumentName } from '../json-document.js';
import { planEndJson } from '../plan.js';
import { jsonSchemaOf, jsonSchemaPath } from './index.js';
import type { CliIo } from '../../commands/context.js';
import { runTraceCommand, type TraceEnv } from '../../commands/trace.js';
import { runGarpCommand } from '../../commands/garp.js';
import { scanJson, type ScanResult } from '../../commands/scan.js';
import { watchEventJson } from '../../commands/scan-watch.js';
import { mtrPacketBackend } from '../../probes/trace/mtr-packet-backend.js';
import { SYSTEM_CLOCK } from '../../probes/trace/types.js';
import { duplicateFindings, visibleHosts } from '../../probes/discover/hosts.js';
import { buildHostState } from '../../state/host-state.js';

const ROOT = new URL('../../../', import.meta.url);
const checkedIn = (name: JsonDocumentName): unknown =>
  JSON.parse(readFileSync(new URL(jsonSchemaPath(name), ROOT), 'utf8'));

/** Holds a document to the checked-in JSON Schema of its shape; names the first misfit. */
function expectShape(name: JsonDocumentName, doc: unknown): void {
  const schema = z.fromJSONSchema(checkedIn(name) as Parameters<typeof z.fromJSONSchema>[0]);
  const result = schema.safeParse(doc);
  const issue = result.error?.issues[0];
  expect(issue ? `${issue.path.join('.')}: ${issue.message}` : 'fits').toBe('fits');
}

function expectDocument(name: JsonDocumentName, text: string): void {
  const doc = JSON.parse(text) as Record<string, unknown>;
  expect(Object.keys(doc)[0]).toBe('schema');
  expect(doc['schema']).toBe(schemaId(name));
  expectShape(name, doc);
}

describe('docs/json-schemas', () => {
  it.each(JSON_DOCUMENTS.map((n) => [n]))('%s is current (else: npm run docs)', (name) => {
    expect(checkedIn(name)).toEqual(jsonSchemaOf(name));
  });

  it('holds a schema for every shape and no other', () => {
    const files = readdirSync(new URL('docs/json-schemas/', ROOT)).sort();
    expect(files).toEqual(
      JSON_DOCUMENTS.map((n) => jsonSchemaPath(n).split('/').pop() ?? '').sort(),
    );
  });

  it('refuses a document that lost a key, or gained one', () => {
    const schema = z.fromJSONSchema(
      checkedIn('vlan-make') as Parameters<typeof z.fromJSONSchema>[0],
    );
    const make = {
      name: 'eth1.12',
      parent: 'eth1',
      id: 12,
      address: null,
      commands: [],
      persistent: [],
    };
    const good = { schema: schemaId('vlan-make'), make, warnings: [] };
    expect(schema.safeParse(good).success).toBe(true);
    expect(schema.safeParse({ ...good, warnings: undefined }).success).toBe(false);
    expect(schema.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(schema.safeParse({ ...good, schema: 'netdoctor.vlan-make/2' }).success).toBe(false);
  });
});

const SNAPSHOTS = {
  router: 'lab-router/snapshot.json',
  vlanBroken: 'vlan/broken.snapshot.json',
  vlanHealthy: 'vlan/healthy.snapshot.json',
  routeFindings: 'route/findings-router.snapshot.json',
  openvpn: 'doctor/snapshots/openvpn-site-client.snapshot.json',
  deadNextHop: 'doctor/snapshots/dead-next-hop.snapshot.json',
} as const;
const snap = (key: keyof typeof SNAPSHOTS) =>
  new URL(`test/fixtures/${SNAPSHOTS[key]}`, ROOT).pathname;

describe('real output fits its schema', () => {
  const cases: [string, JsonDocumentName, string[]][] = [
    ...(Object.keys(SNAPSHOTS) as (keyof typeof SNAPSHOTS)[]).map(
      (k): [string, JsonDocumentName, string[]] => [
        `overview ${k}`,
        'overview',
        ['overview', '--json', '--snapshot', snap(k)],
      ],
    ),
    ['vlan broken', 'vlan', ['vlan', '--json', '--snapshot', snap('vlanBroken')]],
    ['vlan healthy', 'vlan', ['vlan', '--json', '--snapshot', snap('vlanHealthy')]],
    [
      'vlan --make',
      'vlan-make',
      ['vlan', '--make', 'eth1', '12', '10.0.0.2/24', '--json', '--snapshot', snap('vlanHealthy')],
    ],
    ['route router', 'route', ['route', '198.51.100.7', '--json', '--snapshot', snap('router')]],
    [
      'route --from --iif',
      'route',
      [
        'route',
        '198.51.100.7',
        '--from',
        '10.9.9.9',
        '--iif',
        'lan0',
        '--json',
        '--snapshot',
        snap('router'),
      ],
    ],
    ['route v6', 'route', ['route', '2001:db8::1', '--json', '--snapshot', snap('router')]],
    [
      'route findings',
      'route',
      ['route', '203.0.113.9', '--json', '--snapshot', snap('routeFindings')],
    ],
    ['doctor', 'doctor', ['doctor', '--json', '--snapshot', snap('openvpn')]],
    [
      'doctor --to',
      'doctor',
      ['doctor', '--to', '8.8.8.8', '--json', '--snapshot', snap('deadNextHop')],
    ],
    [
      'plan three-vpcs',
      'plan',
      ['plan', new URL('test/fixtures/plan/three-vpcs.yaml', ROOT).pathname, '--json'],
    ],
    [
      'plan kernel-corners',
      'plan',
      ['plan', new URL('test/fixtures/plan/kernel-corners.yaml', ROOT).pathname, '--json'],
    ],
    [
      'path vpn broken',
      'path',
      [
        'path',
        'client',
        'lan-host',
        '--snapshots',
        new URL('test/fixtures/path/vpn/broken', ROOT).pathname,
        '--json',
      ],
    ],
    ['explain', 'explain', ['explain', '--json']],
    ['explain no-route', 'explain', ['explain', 'no-route', '--json']],
    ['explain duplicate-ip', 'explain', ['explain', 'duplicate-ip', '--json']],
  ];

  it.each(cases)(
    '%s',
    async (_, name, argv) => {
      const r = await runCli(...argv);
      expect(r.code, r.err).not.toBe(2);
      expectDocument(name, r.out);
    },
    30_000,
  );

  it('plan: a --prove that a signal or an error ended', () => {
    for (const end of [
      { reason: 'interrupted', signal: 'SIGTERM' },
      { reason: 'error', error: 'ip netns add: File exists' },
    ] as const) {
      expectDocument('plan', JSON.stringify(planEndJson('p.yaml', end)));
    }
  });

  function io() {
    let out = '';
    const cli: CliIo = { out: (t) => (out += t), err: () => {}, isTTY: false, env: {} };
    return { cli, out: () => out };
  }

  it('trace, reached and refused, with a warning of what it read', async () => {
    const env: TraceEnv = {
      names: false,
      signals: null,
      chooseBackend: async () => ({
        open: mtrPacketBackend(
          fakeMtrPacket(SYSTEM_CLOCK, ['trace-reach4', 'trace-unreachable4']).open,
        ),
        note: null,
      }),
      resolve: async () => null,
      ownsAddress: async () => true,
      localRoute: async () => null,
      readWarnings: () => [{ source: 'ip -j addr show', message: 'output is not JSON' }],
    };
    for (const dest of ['198.18.0.2', '198.18.7.7']) {
      const t = io();
      await runTraceCommand(
        t.cli,
        dest,
        { proto: 'icmp', names: false, once: true, json: true },
        env,
      );
      expectDocument('trace', t.out());
      expect(JSON.parse(t.out())).toMatchObject({
        end: { reason: 'done' },
        warnings: [{ source: 'ip -j addr show', message: 'output is not JSON' }],
      });
    }
  });

  it('garp, verified', async () => {
    const t = io();
    const sender = fakeArpSender(
      'iputils',
      ['dad-after-move', 'announce-request', 'ping-gateway'],
      { pings: ['echo-answered'] },
    );
    const code = await runGarpCommand(
      t.cli,
      '192.0.2.50',
      { yes: true, json: true, count: '2' },
      {
        deps: { readHost: async () => buildHostState(hostBSnapshot()), sender },
        ask: async () => false,
      },
    );
    expect(code).toBe(0);
    expectDocument('garp', t.out());
  });

  it('scan, with a duplicate, a read problem and a sweep warning', () => {
    const T0 = Date.parse('2026-11-27T12:00:00Z');
    const hosts = captureLabHosts(T0);
    const result: ScanResult = {
      targets: [CAPTURE_LAB_TARGET],
      backend: 'arp-scan',
      hosts: visibleHosts(hosts),
      findings: duplicateFindings(hosts, 'arp-scan'),
      limits: ['arp-scan sees only this link'],
      warnings: ['arp-scan: WARNING: host part of 203.0.113.0/24 is non-zero'],
      durationMs: 1234,
      firstHostMs: 3,
      sent: 254,
      sendErrors: 0,
      interrupted: 'SIGINT',
      stoppedEarly: [],
    };
    const doc = scanJson(result, result.hosts, [
      { source: 'ip -j addr show', message: 'output is not JSON' },
    ]);
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.end).toEqual({ reason: 'interrupted', signal: 'SIGINT' });
    expectDocument('scan', JSON.stringify(doc));
  });

  it('scan --watch: each event line', () => {
    const at = Date.parse('2026-11-28T20:00:00Z');
    const base = { at, iface: 'lan0', ip: '198.18.4.254' };
    const lines = [
      watchEventJson({ ...base, event: 'new', mac: 'b8:27:eb:00:00:01', gateway: true }, []),
      watchEventJson({ ...base, event: 'gone', mac: 'b8:27:eb:00:00:01', lastSeen: at - 1 }, []),
      watchEventJson(
        {
          ...base,
          event: 'moved',
          from: 'b8:27:eb:00:00:01',
          to: '02:00:00:00:00:02',
          gateway: true,
          via: 'arping',
        },
        [],
      ),
      watchEventJson(
        { ...base, event: 'duplicate', macs: ['b8:27:eb:00:00:01', '02:00:00:00:00:02'] },
        [],
      ),
    ];
    for (const line of lines) expectShape('scan-watch', line);
  });
});
