import { describe, expect, it } from 'vitest';
import { Tracer } from './tracer.js';
import { mtrPacketBackend } from './mtr-packet-backend.js';
import { DEFAULT_CONFIG, type TraceConfig, type TraceEvent } from './types.js';
import { FakeClock, fakeMtrPacket } from '../../../test/fixtures/trace/fake-mtr-packet.js';
import { mtrPacketReplies } from '../../../test/fixtures/trace/fixtures.js';

const settle = () => new Promise<void>((r) => setImmediate(r));

function config(address: string, over: Partial<TraceConfig> = {}): TraceConfig {
  const family = address.includes(':') ? 6 : 4;
  return { ...DEFAULT_CONFIG, target: { input: address, address, family }, ...over };
}

/** A tracer over the fake mtr-packet answering from `captures`, run to its end. */
async function traced(captures: string[], cfg: TraceConfig, stepMs = 100, maxMs = 60_000) {
  const clock = new FakeClock();
  const fake = fakeMtrPacket(clock, captures);
  const tracer = new Tracer(cfg, mtrPacketBackend(fake.open), clock);
  const events: TraceEvent[] = [];
  tracer.on((e) => events.push(e));
  let done = false;
  const run = tracer.run().then((s) => {
    done = true;
    return s;
  });
  await settle();
  for (let t = 0; t < maxMs && !done; t += stepMs) {
    clock.advance(stepMs);
    await settle();
  }
  return { snapshot: await run, fake, events, tracer, clock };
}

const addresses = (s: { hops: readonly { addresses: readonly { address: string }[] }[] }) =>
  s.hops.map((h) => h.addresses[0]?.address ?? '*');

describe('Tracer --once over captured mtr-packet replies', () => {
  it('walks to the destination and stops there (IPv4)', async () => {
    const { snapshot, fake } = await traced(
      ['trace-reach4'],
      config('198.18.0.2', { mode: 'once' }),
    );
    expect(addresses(snapshot)).toEqual(['198.51.100.1', '203.0.113.2', '198.18.0.2']);
    expect(snapshot.verdict).toEqual({ kind: 'reached', ttl: 3, address: '198.18.0.2' });
    expect(snapshot.backend).toBe('mtr-packet');
    expect(snapshot.running).toBe(false);
    // TTL 1..5 went out at once; nothing was waited out: the answers came within a millisecond.
    expect(fake.requests.map((r) => r.split(' ')[5])).toEqual(['1', '2', '3', '4', '5']);
    expect(snapshot.elapsedMs).toBeLessThan(100);
    expect(fake.closed).toBe(true);
  });

  it('walks to the destination over IPv6', async () => {
    const { snapshot } = await traced(['trace-reach6'], config('2001:db8:c::2', { mode: 'once' }));
    expect(addresses(snapshot)).toEqual(['2001:db8:a::1', '2001:db8:b::2', '2001:db8:c::2']);
    expect(snapshot.verdict.kind).toBe('reached');
  });

  it('names the last hop that answered when the path dies (blackhole after hop 1)', async () => {
    const { snapshot, fake } = await traced(
      ['trace-blackhole4'],
      config('198.18.9.9', { mode: 'once' }),
    );
    expect(snapshot.verdict).toEqual({
      kind: 'dies',
      after: { ttl: 1, address: '198.51.100.1' },
      silentFrom: 2,
      silentTo: 6,
    });
    expect(addresses(snapshot)).toEqual(['198.51.100.1', '*', '*', '*', '*', '*']);
    // Each silent hop asked three times, then no more: 5 silent hops prove it, not 30.
    expect(fake.requests).toHaveLength(1 + 5 * 3);
    expect(snapshot.hops[1]).toMatchObject({ sent: 3, received: 0, lossPct: 100 });
    // Three timeouts of 1 s, not 30 hops of waiting.
    expect(snapshot.elapsedMs).toBeGreaterThanOrEqual(3000);
    expect(snapshot.elapsedMs).toBeLessThan(3500);
  });

  it('says which router refused the packet (unreachable route on hop 2)', async () => {
    const { snapshot } = await traced(
      ['trace-unreachable4'],
      config('198.18.7.7', { mode: 'once' }),
    );
    expect(snapshot.verdict).toMatchObject({
      kind: 'unreachable',
      ttl: 2,
      address: '203.0.113.2',
    });
    expect(snapshot.hops).toHaveLength(2);
    expect(snapshot.hops[1]?.unreachable?.code).toBe('no-route');
  });

  it('the same over IPv6', async () => {
    const { snapshot } = await traced(
      ['trace-unreachable6'],
      config('2001:db8:ff:7::7', { mode: 'once' }),
    );
    expect(snapshot.verdict).toMatchObject({
      kind: 'unreachable',
      ttl: 2,
      address: '2001:db8:b::2',
    });
  });

  it('fails in words when this host cannot send (no route here: invalid-argument)', async () => {
    const { snapshot } = await traced(['kinds'], config('10.1.2.3', { mode: 'once', maxTtl: 1 }));
    expect(snapshot.verdict.kind).toBe('failed');
    expect(snapshot.verdict).toMatchObject({ problem: expect.stringMatching(/no route/) });
  });
});

describe('Tracer rounds (mtr)', () => {
  it('keeps per-hop statistics over rounds', async () => {
    const { snapshot, events } = await traced(
      ['trace-reach4'],
      config('198.18.0.2', { mode: 'rounds', rounds: 3 }),
    );
    expect(snapshot.round).toBe(3);
    expect(addresses(snapshot)).toEqual(['198.51.100.1', '203.0.113.2', '198.18.0.2']);
    for (const hop of snapshot.hops) {
      expect(hop).toMatchObject({ received: 3, lossPct: 0 });
      expect(hop.bestMs! - 1e-9).toBeLessThanOrEqual(hop.avgMs!);
      expect(hop.avgMs! - 1e-9).toBeLessThanOrEqual(hop.worstMs!);
      // The fake answers each request with its one captured time: no jitter.
      expect(hop.jitterMs).toBe(0);
    }
    const captured = /round-trip-time (\d+)/.exec(mtrPacketReplies('trace-reach4')[0]!)?.[1];
    expect(snapshot.hops[0]?.lastMs).toBe(Number(captured) / 1000);
    expect(events.filter((e) => e.type === 'round')).toHaveLength(3);
    expect(snapshot.elapsedMs).toBeGreaterThanOrEqual(2000); // rounds start a second apart
  });

  it('snapshot() shows the trace while it runs, and stop() ends it keeping what it learnt', async () => {
    const clock = new FakeClock();
    const fake = fakeMtrPacket(clock, ['trace-reach4']);
    const tracer = new Tracer(config('198.18.0.2'), mtrPacketBackend(fake.open), clock);
    const run = tracer.run();
    await settle();
    clock.advance(1500);
    const live = tracer.snapshot();
    expect(live.running).toBe(true);
    expect(live.round).toBe(2);
    expect(live.hops.map((h) => h.received)).toEqual([2, 2, 2]);
    tracer.stop();
    const end = await run;
    expect(end.running).toBe(false);
    expect(end.verdict.kind).toBe('reached');
    expect(fake.closed).toBe(true);
    expect(clock.pending()).toBe(0); // no timer left behind
  });

  it('stops with the reason when mtr-packet dies', async () => {
    const clock = new FakeClock();
    const fake = fakeMtrPacket(clock, ['trace-reach4']);
    const tracer = new Tracer(config('198.18.0.2'), mtrPacketBackend(fake.open), clock);
    const run = tracer.run();
    await settle();
    fake.crash('SIGSEGV');
    const end = await run;
    expect(end.verdict).toMatchObject({
      kind: 'failed',
      problem: expect.stringMatching(/SIGSEGV/),
    });
  });

  it('an aborted signal stops the trace', async () => {
    const clock = new FakeClock();
    const fake = fakeMtrPacket(clock, ['trace-reach4']);
    const tracer = new Tracer(config('198.18.0.2'), mtrPacketBackend(fake.open), clock);
    const abort = new AbortController();
    const run = tracer.run(abort.signal);
    await settle();
    abort.abort();
    expect((await run).running).toBe(false);
  });
});

describe('the fake mtr-packet', () => {
  it('throws on a request no capture answers', async () => {
    const clock = new FakeClock();
    const fake = fakeMtrPacket(clock, ['trace-reach4']);
    const ch = await fake.open(
      () => {},
      () => {},
    );
    expect(() => ch.send('1 send-probe ip-4 198.18.0.2 ttl 40 timeout 1')).toThrow(/no capture/);
  });
});

describe('Tracer stopped with probes in flight', () => {
  it('shows no loss for probes still awaited when x stops it', async () => {
    const clock = new FakeClock();
    const fake = fakeMtrPacket(clock, ['trace-reach4']);
    const tracer = new Tracer(
      config('198.18.0.2', { mode: 'rounds', rounds: null }),
      mtrPacketBackend(fake.open),
      clock,
    );
    const run = tracer.run();
    await settle();
    // The first round went out; stop before any answer could arrive.
    tracer.stop();
    const snapshot = await run;
    for (const hop of snapshot.hops) expect(hop.lossPct).toBe(0);
    expect(snapshot.verdict.kind).toBe('stopped');
  });
});
