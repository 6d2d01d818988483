/**
 * Issue 21 item 9 and issue 18 ("say what was run"): every command that reads the host shows
 * what it could not read of the sources it used, in text and in --json (`warnings`), and
 * only those: `vlan` says nothing of a routing table it never looked at.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.js';
import { hostBSnapshot } from '../../test/fixtures/arping/fixtures.js';
import { fakeArpSender } from '../../test/fixtures/arping/fake-sender.js';
import { main } from '../cli.js';
import { LOCAL_HOST, type Host } from '../wiring/host.js';
import { buildHostState } from '../state/host-state.js';
import { parseSnapshotText } from '../snapshot/load.js';
import type { Snapshot } from '../snapshot/types.js';
import type { CliIo } from './context.js';
import { runGarpCommand } from './garp.js';

const FIXTURE = new URL('../../test/fixtures/lab-router/snapshot.json', import.meta.url);
const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-damaged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINK = 'ip -j -d link show';
const ROUTE4 = 'ip -j -4 route show table all';

type Sources = Record<string, { stdout: string }>;

/** The lab snapshot with `damage` done to its sources, written to a file of its own. */
function damaged(name: string, damage: (sources: Sources) => void): string {
  const snapshot = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { sources: Sources };
  damage(snapshot.sources);
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}

function source(sources: Sources, key: string): { stdout: string } {
  const s = sources[key];
  if (!s) throw new Error(`no ${key} in the fixture`);
  return s;
}

/** Link lan1's operstate a number: ip never prints one. */
const lan1Dropped = damaged('lan1-dropped', (sources) => {
  const link = source(sources, LINK);
  const links = JSON.parse(link.stdout) as Record<string, unknown>[];
  const lan1 = links.find((l) => l['ifname'] === 'lan1');
  if (!lan1) throw new Error('no lan1 in the fixture');
  lan1['operstate'] = 5;
  link.stdout = JSON.stringify(links);
});

/** The two broken captures of issue 18: an object where ip prints an array, braces missing. */
const linkAnObject = damaged('link-object', (sources) => {
  const link = source(sources, LINK);
  link.stdout = JSON.stringify((JSON.parse(link.stdout) as unknown[])[0]);
});
const linkBracesMissing = damaged('link-braces', (sources) => {
  const link = source(sources, LINK);
  link.stdout = link.stdout
    .trim()
    .replace(/^\[\s*\{/, '')
    .replace(/\}\s*\]$/, '');
});
/** Only the IPv4 routes broken: the VLAN report never read them. */
const routesBroken = damaged('routes-broken', (sources) => {
  const routes = source(sources, ROUTE4);
  routes.stdout = routes.stdout.slice(0, routes.stdout.length / 2);
});

const HOST_COMMANDS = [
  ['overview', '--plain'],
  ['vlan'],
  ['route', '198.51.100.7'],
  ['doctor'],
  ['doctor', '--markdown'],
] as const;
const JSON_COMMANDS = [
  ['overview', '--json'],
  ['vlan', '--json'],
  ['route', '198.51.100.7', '--json'],
  ['doctor', '--json'],
] as const;

interface WithWarnings {
  readonly schema: string;
  readonly warnings: { source: string; message: string }[];
}

const BROKEN_LINKS = [
  ['an object, not an array', linkAnObject, 'output is not a JSON array'],
  ['braces missing', linkBracesMissing, 'output is not JSON'],
] as const;

describe('a source that is not what ip prints is named by every command that read it', () => {
  describe.each(BROKEN_LINKS)('ip link: %s', (_, file, message) => {
    it.each(HOST_COMMANDS.map((argv) => [argv.join(' '), argv] as const))(
      '%s',
      async (_name, argv) => {
        const r = await runCli(...argv, '--snapshot', file);
        expect(r.code).not.toBe(2);
        expect(r.out).toMatch(/Could not read/);
        expect(r.out).toContain(`${LINK}: ${message}`);
      },
      30_000,
    );

    it.each(JSON_COMMANDS.map((argv) => [argv.join(' '), argv] as const))(
      '%s',
      async (_name, argv) => {
        const r = await runCli(...argv, '--snapshot', file);
        const json = JSON.parse(r.out) as WithWarnings;
        expect(json.warnings).toContainEqual({ source: LINK, message });
      },
      30_000,
    );

    it('vlan --make: no such parent, and why that may be', async () => {
      const r = await runCli('vlan', '--make', 'lan0', '12', '--snapshot', file);
      expect(r.code).toBe(2);
      expect(r.err).toContain(
        `there is no interface lan0 in ${file} (could not read ${LINK}: ${message})`,
      );
    });

    it('plan --from-host says it on stderr: stdout is the plan', async () => {
      const r = await runCli('plan', '--from-host', '--snapshot', file);
      expect(r.code).toBe(0);
      expect(r.err).toBe(`netdoctor: could not read ${LINK}: ${message}\n`);
    });
  });
});

describe('a dropped record is shown by every command that read its source', () => {
  it.each(
    [['overview', '--plain'], ['route', '198.51.100.7'], ['doctor']].map(
      (argv) => [argv.join(' '), argv] as const,
    ),
  )(
    '%s',
    async (_, argv) => {
      const r = await runCli(...argv, '--snapshot', lan1Dropped);
      expect(r.out).toContain('Could not read');
      expect(r.out).toContain(
        `${LINK}: element 2 (ifname "lan1") dropped: operstate: not an operational state: 5`,
      );
      // The routes on lan1 went with it, by name: nothing suggests a way via a link not read.
      expect(r.out).toContain('route 198.51.100.0/24 (table main) dropped: its interface "lan1"');
    },
    30_000,
  );

  it('vlan names the link, not the routes it never read', async () => {
    const r = await runCli('vlan', '--snapshot', lan1Dropped);
    expect(r.out).toContain(`${LINK}: element 2 (ifname "lan1") dropped`);
    expect(r.out).not.toContain('route 198.51.100.0/24');
  });

  it('vlan --make, in text and JSON', async () => {
    const text = await runCli('vlan', '--make', 'lan0', '12', '--snapshot', lan1Dropped);
    expect(text.out).toContain(`Could not read\n${LINK}: element 2 (ifname "lan1") dropped`);
    const json = JSON.parse(
      (await runCli('vlan', '--make', 'lan0', '12', '--json', '--snapshot', lan1Dropped)).out,
    ) as WithWarnings;
    expect(json.schema).toBe('netdoctor.vlan-make/1');
    expect(json.warnings.map((w) => w.source)).toContain(LINK);
  });

  it('vlan --json lists the warnings too', async () => {
    const r = await runCli('vlan', '--json', '--snapshot', lan1Dropped);
    const json = JSON.parse(r.out) as WithWarnings;
    expect(json.warnings.map((w) => w.message)).toContain(
      'element 2 (ifname "lan1") dropped: operstate: not an operational state: 5',
    );
  });
});

describe('only the sources a command used', () => {
  it('broken IPv4 routes: route and overview say so, vlan does not', async () => {
    const route = JSON.parse(
      (await runCli('route', '198.51.100.7', '--json', '--snapshot', routesBroken)).out,
    ) as WithWarnings;
    expect(route.warnings).toContainEqual({ source: ROUTE4, message: 'output is not JSON' });
    const overview = await runCli('overview', '--plain', '--snapshot', routesBroken);
    expect(overview.out).toContain(`${ROUTE4}: output is not JSON`);
    const vlan = await runCli('vlan', '--snapshot', routesBroken);
    expect(vlan.out).not.toContain('Could not read');
    const vlanJson = JSON.parse(
      (await runCli('vlan', '--json', '--snapshot', routesBroken)).out,
    ) as WithWarnings;
    expect(vlanJson.warnings).toEqual([]);
  }, 30_000);
});

/** This host as read now, but answering with `snapshot`: what a live command reads. */
function readingHost(snapshot: Snapshot): Host {
  return {
    ...LOCAL_HOST,
    readSnapshot: async () => snapshot,
    readRoutingSnapshot: async () => snapshot,
    readState: async () => buildHostState(snapshot),
  };
}

async function liveRun(host: Host, ...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false, env: {}, host };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('commands that read the host live', () => {
  const braces = parseSnapshotText(readFileSync(linkBracesMissing, 'utf8'), 'braces');

  it('snapshot records the broken source as it is and says on stderr what will not be read', async () => {
    const r = await liveRun(readingHost(braces), 'snapshot');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'netdoctor-snapshot' });
    expect(r.err).toBe(`netdoctor: could not read ${LINK}: output is not JSON\n`);
  });

  it('overview (live) as from a snapshot', async () => {
    const r = await liveRun(readingHost(braces), 'overview', '--json');
    expect((JSON.parse(r.out) as WithWarnings).warnings).toEqual([
      { source: LINK, message: 'output is not JSON' },
    ]);
  });

  /** Host B with its neighbour table cut in half: the repair goes on without it. */
  const NEIGH = 'ip -j neigh show';
  function garpHost(): Snapshot {
    const snapshot = hostBSnapshot();
    const neigh = source(snapshot.sources, NEIGH);
    neigh.stdout = neigh.stdout.slice(0, neigh.stdout.length / 2);
    return snapshot;
  }

  it.each([[false], [true]])(
    'garp (json %s) names the neighbours it could not read',
    async (json) => {
      let out = '';
      const io: CliIo = { out: (t) => (out += t), err: () => {}, isTTY: false, env: {} };
      const sender = fakeArpSender(
        'iputils',
        ['dad-after-move', 'announce-request', 'ping-gateway'],
        { pings: ['echo-answered'] },
      );
      const snapshot = garpHost();
      await runGarpCommand(
        io,
        '192.0.2.50',
        { yes: true, json, count: '2' },
        {
          deps: { readHost: async () => buildHostState(snapshot), sender },
          ask: async () => false,
        },
      );
      if (json) {
        expect((JSON.parse(out) as WithWarnings).warnings).toContainEqual({
          source: NEIGH,
          message: 'output is not JSON',
        });
      } else expect(out).toContain(`warning: ${NEIGH}: output is not JSON`);
    },
  );
});
