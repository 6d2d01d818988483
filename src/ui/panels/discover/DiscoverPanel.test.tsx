import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { buildHostState } from '../../../state/host-state.js';
import { routerSnapshot } from '../../../../test/helpers/fixtures.js';
import { frameWidth, renderTui, type Tui } from '../../../../test/helpers/ui.js';
import { UNWIRED_PORTS, type UiPorts } from '../../ports.js';
import { JobStore } from '../../jobs.js';
import type { ScanEvent, ScanTarget } from '../../../probes/discover/types.js';
import { CAPTURE_LAB_TARGET, captureLabSightings } from '../../../../test/helpers/discover.js';

const host = buildHostState(routerSnapshot());
const T0 = Date.parse('2026-11-27T12:00:00Z');
const target: ScanTarget = CAPTURE_LAB_TARGET;
/** The capture lab's arp-scan answers, streamed as a sweep reports them. */
const events = captureLabSightings(T0);

interface FakePorts extends UiPorts {
  release(): void;
  readonly written: Map<string, string>;
  readonly handedOver: string[][];
}

/**
 * Ports whose sweep streams the first `before` events, waits for release(), then the rest
 * (or `all` instead of the capture's events). Anything unexpected throws.
 */
function fakePorts(before: number, all: readonly ScanEvent[] = events): FakePorts {
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const written = new Map<string, string>();
  const handedOver: string[][] = [];
  return {
    ...UNWIRED_PORTS,
    release: () => release(),
    written,
    handedOver,
    discover: {
      targets: async (h) => {
        if (h !== host) throw new Error('fake: unexpected host');
        return [target];
      },
      sweep: async (targets, signal, onEvent) => {
        if (targets.length !== 1 || targets[0] !== target)
          throw new Error('fake: unexpected targets');
        all.slice(0, before).forEach(onEvent);
        await gate;
        if (signal.aborted) return;
        all.slice(before).forEach(onEvent);
        onEvent({ type: 'name', ip: '203.0.113.10', name: 'raspberrypi.lab' });
      },
      writeFile: async (path, text) => {
        if (!/^netdoctor-hosts-\d{8}-\d{6}\.(json|csv)$/.test(path))
          throw new Error(`fake: unexpected ${path}`);
        written.set(path, text);
      },
    },
    handOver: (argv) => {
      if (argv[0] !== 'ssh' || argv.length !== 2)
        throw new Error(`fake: unexpected ${argv.join(' ')}`);
      handedOver.push([...argv]);
      return { code: 0, errorLines: [] };
    },
    user: () => 'alice',
    now: () => new Date(T0 + 500),
  };
}

const press = (t: Tui, key: string) => t.press(key);

/** The addresses of the table's rows (the lab's 203.0.113.0/24), top to bottom. */
const rowIps = (frame: string) =>
  frame
    .split('\n')
    .filter((l) => /^[> ]203\./.test(l))
    .map((l) => l.slice(1).split(/ +/)[0]);

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

function open(ports: UiPorts, origin: 'live' | 'snapshot' = 'live', jobs?: JobStore) {
  tui = renderTui(
    <App
      origin={origin === 'live' ? { kind: 'live' } : { kind: 'snapshot', path: 'router.json' }}
      loadHost={async () => host}
      color={false}
      size={{ columns: 80, rows: 24 }}
      ports={ports}
      {...(jobs ? { jobs } : {})}
    />,
  );
  return tui;
}

/** Panel 2 after a whole sweep of the capture lab has streamed in. */
async function openSwept() {
  const probe = fakePorts(events.length);
  probe.release();
  const t = open(probe);
  await t.waitForContent('Interfaces');
  await press(t, '2');
  await t.waitForContent('Known neighbours');
  await press(t, 's');
  await t.waitForContent('Swept');
  return { probe, t };
}

describe('Discover at 80x24', () => {
  it('opens on the neighbours the kernel knows, without sweeping', async () => {
    const probe = fakePorts(0);
    const t = open(probe, 'snapshot');
    await t.waitForContent('Interfaces');
    await press(t, '2');
    const frame = await t.waitForContent('Known neighbours');
    expect(frame).toContain(
      'Known neighbours (read from the kernel, no packet sent): 2 · s sweeps',
    );
    expect(frame).toMatch(/^>192\.0\.2\.10 +02:00:00:00:00:10 +\(not in registry\) +rnd$/m);
    expect(frame).toMatch(/^ 192\.0\.2\.77 +b8:27:eb:12:34:56 +Raspberry Pi Foun… +Pi$/m);
    expect(frameWidth(frame)).toBeLessThanOrEqual(80);
    // A snapshot is another host's: s explains instead of sweeping this machine's LAN.
    await press(t, 's');
    expect(await t.waitForContent('this is a snapshot')).toContain(
      "would probe this machine's LAN",
    );
  });

  it('names the opening table from /etc/hosts on a live host, as scan names them', async () => {
    const probe = fakePorts(0);
    const t = open({
      ...probe,
      discover: {
        ...probe.discover,
        localNames: async () => new Map([['192.0.2.77', 'kitchen']]),
      },
    });
    await t.waitForContent('Interfaces');
    await press(t, '2');
    const frame = await t.waitForContent('kitchen');
    expect(frame).toMatch(/^ 192\.0\.2\.77 +b8:27:eb:12:34:56 +Raspberry Pi Foun… +kitchen +Pi$/m);
    await press(t, 'down');
    await press(t, 'enter');
    expect(await t.waitForContent(/Name +kitchen/)).toContain('192.0.2.77');
  });

  it('streams hosts into the table as they answer, then says how long it took', async () => {
    const probe = fakePorts(3);
    const t = open(probe);
    await t.waitForContent('Interfaces');
    await press(t, '2');
    await t.waitForContent('Known neighbours');
    await press(t, 's');
    const streaming = await t.waitForContent('Sweeping lan0 203.0.113.0/24');
    expect(streaming).toMatch(/Sweeping lan0 203\.0\.113\.0\/24… 3 hosts, 3 Pi/);
    expect(streaming).toMatch(
      /^>203\.0\.113\.10 +b8:27:eb:00:00:10 +Raspberry Pi Foun… +Pi +0\.03$/m,
    );
    expect(streaming).not.toContain('203.0.113.14');
    probe.release();
    const done = await t.waitForContent('Swept lan0');
    expect(done).toContain('Swept lan0 203.0.113.0/24 in 0.00 s: 8 hosts, 5 Pi');
    expect(done).toMatch(
      /^ 203\.0\.113\.50 +b8:27:eb:00:00:50 +Raspberry Pi Foun… +Pi,DUP +0\.07$/m,
    );
    expect(done).toMatch(/^ 203\.0\.113\.254 +00:1b:21:00:00:fe +Intel Corporate +gw +0\.03$/m);
    expect(done).toMatch(/^>203\.0\.113\.10 .* raspberryp… +Pi +0\.03$/m);
    expect(frameWidth(done)).toBeLessThanOrEqual(80);
    expect(done.split('\n')).toHaveLength(23);
  });

  it('p shows only the Raspberry Pis, of every registry block; / filters by text', async () => {
    const { t } = await openSwept();
    await press(t, 'p');
    const pis = t.lastFrame();
    expect(rowIps(pis)).toEqual([
      '203.0.113.10',
      '203.0.113.11',
      '203.0.113.12',
      '203.0.113.13',
      '203.0.113.50',
    ]);
    expect(pis).toContain('p all hosts');
    await press(t, 'p');
    await press(t, '/');
    for (const ch of 'intel') await press(t, ch);
    const filtering = t.lastFrame();
    expect(filtering).toContain('/intel▏ (Enter keeps, Esc clears)');
    // q typed into the filter is text, not quit.
    await press(t, 'enter');
    const filtered = t.lastFrame();
    expect(rowIps(filtered)).toEqual(['203.0.113.14', '203.0.113.254']);
    expect(filtered).toContain('/ filter "intel"');
  });

  it('o keeps its sort as hosts arrive: a later host takes its place in that order', async () => {
    const probe = fakePorts(3);
    const t = open(probe);
    await t.waitForContent('Interfaces');
    await press(t, '2');
    await t.waitForContent('Known neighbours');
    await press(t, 's');
    await t.waitForContent('Sweeping lan0');
    await press(t, 'o');
    expect(t.lastFrame()).toContain('o sort: vendor');
    probe.release();
    const done = await t.waitForContent('Swept lan0');
    expect(done).toContain('o sort: vendor');
    const rows = rowIps(done);
    // No vendor sorts as '~' (first, as the collator orders it), then by vendor name; equal
    // vendors stay in address order.
    expect(rows).toEqual([
      '203.0.113.15',
      '203.0.113.14',
      '203.0.113.254',
      '203.0.113.12',
      '203.0.113.13',
      '203.0.113.10',
      '203.0.113.50',
      '203.0.113.11',
    ]);
  });

  it("after a failed S, ssh's last error lines stay on screen", async () => {
    const probe = fakePorts(events.length);
    probe.release();
    const failing: UiPorts = {
      ...probe,
      handOver: (argv) => {
        probe.handOver(argv);
        return { code: 255, errorLines: ['alice@203.0.113.13: Permission denied (publickey).'] };
      },
    };
    const t = open(failing);
    await t.waitForContent('Interfaces');
    await press(t, '2');
    await t.waitForContent('Known neighbours');
    await press(t, 's');
    await t.waitForContent('Swept');
    await press(t, 'S');
    expect(
      await t.waitForContent('ended (exit 255): alice@203.0.113.13: Permission denied'),
    ).toBeTruthy();
  });

  it('Enter shows the whole vendor record; S hands the terminal to ssh; e exports', async () => {
    const { probe, t } = await openSwept();
    await press(t, 'j');
    await press(t, 'j');
    await press(t, 'j');
    await press(t, 'enter');
    const details = await t.waitForContent('Host 203.0.113.13 on lan0');
    expect(details).toMatch(/Vendor +Raspberry Pi \(Trading\) Ltd \(MA-S 8C1F6434A\)/);
    // The record's postal lines follow the name.
    expect(details.split('\n').filter((l) => /^ {13}\S/.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(details).toContain('Flags      Raspberry Pi');
    expect(details).toContain('S ssh alice@203.0.113.13 · P ssh pi@203.0.113.13 · Esc back');
    expect(frameWidth(details)).toBeLessThanOrEqual(80);
    await press(t, 'P');
    expect(await t.waitForContent('ssh pi@203.0.113.13 ended (exit 0)')).toBeTruthy();
    expect(probe.handedOver).toEqual([['ssh', 'pi@203.0.113.13']]);
    await press(t, 'escape');
    await press(t, 'e');
    const exported = await t.waitForContent('exported 8 hosts');
    expect(exported).toMatch(/exported 8 hosts to netdoctor-hosts-20261127-120000\.json and/);
    const csv = probe.written.get('netdoctor-hosts-20261127-120000.csv') ?? '';
    expect(csv.split('\r\n')[0]).toBe(
      'ip,iface,mac,vendor,name,flags,rtt_ms,first_seen,last_seen,other_macs,ipv6',
    );
    const json = JSON.parse(probe.written.get('netdoctor-hosts-20261127-120000.json') ?? '[]') as {
      ip: string;
      vendorRecord: string | null;
    }[];
    expect(json).toHaveLength(8);
    expect(json.find((h) => h.ip === '203.0.113.13')?.vendorRecord).toMatch(
      /^Raspberry Pi \(Trading\) Ltd\n/,
    );
  });

  it('the sweep goes on while another panel is shown, and its hosts are all there after', async () => {
    const probe = fakePorts(3);
    const jobs = new JobStore();
    const t = open(probe, 'live', jobs);
    await t.waitForContent('Interfaces');
    await press(t, '2');
    await t.waitForContent('Known neighbours');
    await press(t, 's');
    await t.waitForContent('Sweeping lan0 203.0.113.0/24');
    await press(t, '1');
    // The tab bar marks the panel whose job runs; the status line says what runs.
    const elsewhere = await t.waitForContent('Interfaces (5)');
    expect(elsewhere).toContain(' 2 Discover* ');
    expect(elsewhere.split('\n').at(-1)).toContain('running: sweep');
    expect(jobs.get('discover')?.status()).toBe('running');
    probe.release();
    await t.waitForContent(' 2 Discover ');
    await press(t, '2');
    const back = await t.waitForContent('Swept lan0');
    expect(back).toContain('8 hosts, 5 Pi');
  });

  it('draws a burst of 10,000 sweep events in a few frames, not one each', async () => {
    const burst: ScanEvent[] = Array.from({ length: 10_000 }, (_, i) => ({
      type: 'sighting',
      sighting: {
        iface: 'lan0',
        ip: `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        mac: `02:00:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
        rttMs: 0.5,
        at: T0 + i,
        via: 'sweep',
        state: 'REACHABLE',
      },
    }));
    const probe = fakePorts(burst.length, burst);
    const t = open(probe);
    await t.waitForContent('Interfaces');
    await press(t, '2');
    await t.waitForContent('Known neighbours');
    const before = t.frameCount();
    await press(t, 's');
    probe.release();
    const done = await t.waitForContent('Swept lan0', 10_000);
    expect(done).toContain('10000 hosts');
    expect(t.frameCount() - before).toBeLessThanOrEqual(30);
  });
});
