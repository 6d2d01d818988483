/**
 * The kernel sweep through a fake port and a fake clock (test/helpers/fake-sweep-port.ts): a
 * simulated neighbour table with gc_thresh3 = 64, hosts that answer after their RTT, answers
 * lost to the kernel's first ask, arping that can or cannot ask again. No module mocks and
 * no sleeps: the clock moves only when the sweep waits. Last, the OS port's set-up read
 * when a signal has cancelled it (real reads, nothing sent).
 */
import { describe, expect, it } from 'vitest';
import { parsePrefix4 } from '../../net/prefix.js';
import { kernelScanner, osSweepPort } from './kernel.js';
import { FakeSweep, type SimHost, type SimOptions } from '../../../test/helpers/fake-sweep-port.js';
import type { ScanEvent, ScanTarget, Sighting } from './types.js';

const target: ScanTarget = {
  iface: 'lan0',
  prefix: parsePrefix4('198.18.0.0/25')!,
  onLink: true,
  localAddresses: ['198.18.0.1'],
  localMac: '02:00:5e:00:53:01',
  gateways: [],
  ipv6: false,
};

/** Every fifth address answers (or every `step`th). */
function lan(
  extra: Partial<Record<number, Partial<SimHost>>> = {},
  step = 5,
): Map<string, SimHost> {
  const hosts = new Map<string, SimHost>();
  for (let i = step; i < 127; i += step) {
    const mac = `b8:27:eb:00:00:${i.toString(16).padStart(2, '0')}`;
    hosts.set(`198.18.0.${i}`, { mac, ...extra[i] });
  }
  return hosts;
}

async function sweepWith(
  sim: Omit<SimOptions, 'iface'>,
  opts: { stopAt?: (e: ScanEvent) => boolean; waitMs?: number } = {},
) {
  const controller = new AbortController();
  const fake = new FakeSweep({ iface: 'lan0', ...sim }, controller.signal);
  const events: ScanEvent[] = [];
  const scanner = kernelScanner(() => fake.port());
  for await (const e of scanner.scan(target, {
    signal: controller.signal,
    ...(opts.waitMs !== undefined ? { waitMs: opts.waitMs } : {}),
  })) {
    events.push(e);
    if (opts.stopAt?.(e)) break;
  }
  const sightings = events.flatMap((e): Sighting[] => (e.type === 'sighting' ? [e.sighting] : []));
  return { fake, events, sightings, controller };
}

const ipsOf = (s: readonly Sighting[]) => [...new Set(s.map((x) => x.ip))].sort();

describe('the kernel sweep over a simulated kernel (gc_thresh3 = 64)', () => {
  it('asks every address once, in batches that keep the table under 48 live entries', async () => {
    const hosts = lan();
    const { fake, events, sightings } = await sweepWith({ hosts });
    expect(fake.sent).toHaveLength(125);
    expect(new Set(fake.sent).size).toBe(125);
    expect(fake.sent).not.toContain('198.18.0.1');
    expect(fake.maxLive).toBeLessThanOrEqual(48);
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.every((b) => b.type === 'batch' && b.size <= 48)).toBe(true);
    // Each batch says when its answers are in (the duplicate check waits for it).
    const order = events.flatMap((e) => (e.type === 'batch' || e.type === 'answers-in' ? [e] : []));
    expect(order.map((e) => `${e.type} ${e.index}`)).toEqual(
      batches.flatMap((_, i) => [`batch ${i}`, `answers-in ${i}`]),
    );
    const swept = sightings.filter((s) => s.via === 'sweep');
    expect(ipsOf(swept)).toEqual([...hosts.keys()].sort());
    expect(swept.every((s) => s.rttMs !== null && s.rttMs >= 2)).toBe(true);
    expect(sightings.find((s) => s.via === 'self')).toMatchObject({
      ip: '198.18.0.1',
      mac: '02:00:5e:00:53:01',
    });
    expect(events.at(-1)).toMatchObject({ type: 'finished', sent: 125, sendErrors: 0 });
    // The table file as it was, then the opening chunk, before any other read is made.
    expect(fake.calls.slice(0, 3)).toEqual(['readArpCache', 'ask', 'ask']);
    // Then the table file, for the opening's answers (none here: .2 and .3 are silent) for
    // a few milliseconds; then the route check and the table, read together.
    const opening = fake.calls.slice(3, fake.calls.indexOf('readStart'));
    expect(opening.length).toBeGreaterThan(1);
    expect(opening.every((c) => c === 'readArpCache')).toBe(true);
    expect(batches[0]).toMatchObject({ index: 0, size: 48 });
  });

  it('the first host is on screen from the table file when the monitor is late', async () => {
    const hosts = lan({}, 1); // .2 answers the opening within 2 ms
    const { fake, events } = await sweepWith({ hosts, gcThresh3: 1024, monitorLateMs: 40 });
    const first = events.find((e) => e.type === 'sighting' && e.sighting.via !== 'self');
    expect(first).toMatchObject({ sighting: { ip: '198.18.0.2', via: 'sweep' } });
    const rtt = first?.type === 'sighting' ? first.sighting.rttMs : null;
    expect(rtt).toBeGreaterThanOrEqual(2);
    expect(rtt).toBeLessThan(4); // read within a poll of its answer, not 40 ms later
    // The watch stopped at the answer: the set-up's reads started right after it.
    expect(fake.calls.slice(0, fake.calls.indexOf('readStart'))).toEqual([
      'readArpCache',
      'ask',
      'ask',
      'readArpCache',
      'readArpCache',
      'readArpCache',
    ]);
    // Every host once, whoever said it first.
    const said = events.flatMap((e) => (e.type === 'sighting' ? [e.sighting.ip] : []));
    expect(said).toHaveLength(new Set(said).size);
  });

  it('an entry the table held before (STALE) is its word, not an answer: opening or not, host there, moved or gone', async () => {
    // .2 (the opening) and .40 moved to other machines, .9 is gone; the table still holds
    // their old MACs. .3 answers as any host does.
    const hosts = new Map([
      ['198.18.0.2', { mac: '02:00:00:00:02:02' }],
      ['198.18.0.3', { mac: '02:00:00:00:03:03' }],
      ['198.18.0.40', { mac: '02:00:00:00:40:40' }],
    ]);
    const cached = new Map([
      ['198.18.0.2', '02:0c:0c:0c:00:02'],
      ['198.18.0.9', '02:0c:0c:0c:00:09'],
      ['198.18.0.40', '02:0c:0c:0c:00:40'],
    ]);
    const { sightings } = await sweepWith({ hosts, cached, gcThresh3: 1024 });
    const of = (ip: string) => sightings.filter((s) => s.ip === ip);
    for (const ip of cached.keys()) {
      // Said as the table's word with the MAC it held, never as an answer with an RTT.
      expect(of(ip)).toEqual([
        expect.objectContaining({ mac: cached.get(ip), via: 'table', rttMs: null }),
      ]);
    }
    expect(of('198.18.0.3')).toEqual([
      expect.objectContaining({ mac: '02:00:00:00:03:03', via: 'sweep', state: 'REACHABLE' }),
    ]);
    expect(sightings.filter((s) => s.via === 'sweep').every((s) => s.rttMs !== null)).toBe(true);
  });

  it('asks the unanswered again itself after a short grace, once each, and ends then', async () => {
    // One batch (the default gc_thresh3): the 3 s our INCOMPLETE entries hold the table
    // between batches do not count here. Every other address answers: 62 to ask again.
    const hosts = lan({}, 2);
    const { fake, events } = await sweepWith({ hosts, gcThresh3: 1024 });
    // Every unanswered address had exactly one retry of ours; the answered none.
    const answered = new Set(hosts.keys());
    const unanswered = fake.sent.filter((ip) => !answered.has(ip));
    expect([...fake.askedAgain].sort()).toEqual(unanswered.sort());
    // It did not wait for the kernel's retry (1 s): it ended a grace (250 ms, from RTTs of
    // 2 ms) and one retry window (the same) after its last answer, the send time before.
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(1);
    const sendMs = 125 / 2;
    expect(fake.t).toBeGreaterThanOrEqual(2 * 250 + sendMs);
    expect(fake.t).toBeLessThan(2 * 250 + sendMs + 20);
  });

  it('finds a host whose first answer was lost, by its retry, long before the kernel would', async () => {
    const hosts = lan({ 10: { firstLost: true }, 95: { firstLost: true } });
    const { sightings, fake } = await sweepWith({ hosts });
    expect(ipsOf(sightings.filter((s) => s.via !== 'self'))).toEqual([...hosts.keys()].sort());
    expect(fake.askedAgain).toContain('198.18.0.10');
    expect(fake.askedAgain).toContain('198.18.0.95');
    // It came from our retry, within the batch, not from the kernel's a second later.
    const lost = sightings.find((s) => s.ip === '198.18.0.10');
    expect(lost?.at).toBeLessThan(FakeSweep.T0 + 1000);
  });

  it('without arping, waits for the kernel to ask again when frames were lost meanwhile', async () => {
    const hosts = lan({ 10: { firstLost: true } });
    const { sightings, fake, events } = await sweepWith({
      hosts,
      askAgainProblem: 'arping is not installed',
      drops: [100, 105],
    });
    expect(fake.askedAgain).toEqual([]);
    expect(ipsOf(sightings.filter((s) => s.via !== 'self'))).toEqual([...hosts.keys()].sort());
    expect(
      events.some((e) => e.type === 'warning' && /dropped 5 received frames/.test(e.message)),
    ).toBe(true);
  });

  it("too many unanswered to ask ourselves: the kernel's retry when frames were lost", async () => {
    // 100 unanswered in one batch: more than one wave of arpings.
    const hosts = lan({ 10: { firstLost: true } });
    const { fake, sightings } = await sweepWith({ hosts, gcThresh3: 1024, drops: [7, 9] });
    expect(fake.askedAgain).toEqual([]);
    expect(ipsOf(sightings.filter((s) => s.via !== 'self'))).toEqual([...hosts.keys()].sort());
    // Until the kernel's next ask of the last address has had its answer.
    expect(fake.t).toBeGreaterThanOrEqual(1000 + 125 / 2);
    expect(fake.t).toBeLessThan(1000 + 125 / 2 + 100 + 20);
  });

  it('without arping and with no frames lost, a batch ends after its grace', async () => {
    const { fake, events } = await sweepWith({
      hosts: lan(),
      gcThresh3: 1024,
      askAgainProblem: 'arping is not installed',
      drops: [100],
    });
    expect(fake.t).toBeLessThan(250 + 125 / 2 + 20);
    expect(events.some((e) => e.type === 'warning' && /dropped/.test(e.message))).toBe(false);
  });

  it('stops sending when the consumer stops listening', async () => {
    const { fake } = await sweepWith(
      { hosts: lan() },
      { stopAt: (e) => e.type === 'sighting' && e.sighting.via === 'sweep' },
    );
    // Let whatever was under way settle: nothing more goes out.
    const sentThen = fake.sent.length;
    for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
    expect(fake.sent.length).toBe(sentThen);
    expect(sentThen).toBeLessThan(125);
  });

  it('stops before the next batch when the link or its route goes, sending nothing more', async () => {
    const { fake, events } = await sweepWith({
      hosts: lan(),
      // The first batch may go; then lan0 drops and its connected route with it.
      routeProblem: (n) => (n > 1 ? 'lan0 went down (ip link set lan0 up)' : null),
    });
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches).toHaveLength(1);
    expect(fake.sent.length).toBe(batches[0]?.type === 'batch' ? batches[0].size : -1);
    expect(
      events.some((e) => e.type === 'warning' && /stopped: lan0 went down/.test(e.message)),
    ).toBe(true);
    expect(events.at(-1)).toMatchObject({
      type: 'finished',
      stopped: 'sweep of 198.18.0.0/25 on lan0 stopped: lan0 went down (ip link set lan0 up)',
    });
  });

  it('says when gc_thresh3 cannot be read and paces by the default', async () => {
    const { events, fake } = await sweepWith({ hosts: lan(), gcThresh3: null });
    expect(
      events.some((e) => e.type === 'warning' && /default limit of 1024/.test(e.message)),
    ).toBe(true);
    // 125 addresses fit in one batch under the default limit.
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(1);
    expect(fake.sent).toHaveLength(125);
  });
});

/**
 * The OS port's set-up read (one sh: the route check, the neighbour table, arping -V; all
 * reads, nothing sent) when a signal has stopped the sweep: the reads are cancelled, and
 * that is an interrupted sweep, not an error (a HUP as `ip monitor` started threw, and the
 * scan exited 129 without its document: test/lab/harden.lab.test.ts).
 */
describe('the OS sweep port, setting up', () => {
  it('gives no route problem and an empty table when the signal stopped its reads', async () => {
    const controller = new AbortController();
    controller.abort('SIGHUP');
    const port = osSweepPort({ ...target, iface: 'lo' }, controller.signal, async () => null);
    try {
      await expect(port.readStart()).resolves.toEqual({
        route: null,
        table: { records: [], warnings: [] },
      });
    } finally {
      port.close();
    }
  });
});
