import { describe, expect, it } from 'vitest';
import { buildHostState } from '../../state/host-state.js';
import { runGarp, type GarpDeps } from './probe.js';
import type { GarpEvent, GarpReport, GarpRequest } from './types.js';
import {
  arpingCase,
  hostBSnapshot,
  type CapturedFlavour,
} from '../../../test/fixtures/arping/fixtures.js';
import { fakeArpSender, type FakeOptions } from '../../../test/fixtures/arping/fake-sender.js';

const X = '192.0.2.50';
const B_MAC = '02:00:00:00:01:0b';
const A_MAC = '02:00:00:00:01:0a';

function deps(flavour: CapturedFlavour, cases: string[], options: FakeOptions = {}) {
  const sender = fakeArpSender(flavour, cases, options);
  const d: GarpDeps = { readHost: async () => buildHostState(hostBSnapshot(flavour)), sender };
  return { deps: d, sender };
}

async function collect(events: AsyncIterable<GarpEvent>): Promise<GarpEvent[]> {
  const out: GarpEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

function reportOf(events: GarpEvent[]): GarpReport {
  const last = events.at(-1);
  if (last?.type !== 'finished') throw new Error(`did not finish: ${JSON.stringify(last)}`);
  return last.report;
}

const yes = async () => true;

describe('the repair after X moved to B, on each arping', () => {
  it.each(['iputils', 'habets'] as const)('%s: checks, sends, verifies', async (flavour) => {
    const { deps: d, sender } = deps(flavour, [
      'dad-after-move',
      'announce-request',
      'ping-gateway',
    ]);
    const events = await collect(runGarp({ ip: X, count: 2 }, d, yes));
    const report = reportOf(events);
    expect(report.outcome).toBe('verified');
    expect(report.plan).toMatchObject({ iface: 'lan0', mac: B_MAC, gateway: '192.0.2.1' });
    expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'where:ok',
      'dad:ok',
      'send:ok',
      'verify:ok',
    ]);
    expect(sender.calls).toHaveLength(3);
    expect(report.steps.at(-1)?.summary).toBe(
      `192.0.2.1 (02:00:00:00:01:01) answers ${X} at our MAC ${B_MAC}`,
    );
    expect(report.findings).toEqual([]);
    // Each step streamed as running before it finished.
    const statuses = events.flatMap((e) =>
      e.type === 'step' ? [`${e.report.step}:${e.report.status}`] : [],
    );
    expect(statuses).toEqual([
      'where:running',
      'where:ok',
      'dad:running',
      'dad:ok',
      'send:running',
      'send:ok',
      'verify:running',
      'verify:ok',
    ]);
  });

  it('sends ARP replies with --mode reply (iputils -A)', async () => {
    const { deps: d, sender } = deps('iputils', [
      'dad-after-move',
      'announce-reply',
      'ping-gateway',
    ]);
    const report = reportOf(await collect(runGarp({ ip: X, count: 2, mode: 'reply' }, d, yes)));
    expect(report.outcome).toBe('verified');
    expect(sender.calls[1]).toBe('arping -A -I lan0 -s 192.0.2.50 -c 2 192.0.2.1');
  });

  it('sends nothing when the person declines', async () => {
    const { deps: d, sender } = deps('iputils', ['dad-after-move']);
    const report = reportOf(await collect(runGarp({ ip: X, count: 2 }, d, async () => false)));
    expect(report.outcome).toBe('declined');
    expect(sender.calls).toEqual(['arping -D -I lan0 -c 2 -w 3 192.0.2.50']);
  });

  it('says unverified when the gateway does not answer', async () => {
    // A wrong --gateway: the announce goes out, the ping of it gets nothing back.
    const { deps: d } = deps('iputils', ['dad-after-move', 'announce-nobody', 'ping-nobody']);
    const req: GarpRequest = { ip: X, count: 2, gateway: '192.0.2.99' };
    const report = reportOf(await collect(runGarp(req, d, yes)));
    expect(report.outcome).toBe('unverified');
    expect(report.steps.at(-1)).toMatchObject({
      step: 'verify',
      status: 'problem',
      summary: '192.0.2.99 did not answer from 192.0.2.50',
    });
  });
});

describe('refusals', () => {
  it.each(['iputils', 'habets'] as const)(
    '%s: X still on A: duplicate-ip naming A, nothing announced',
    async (flavour) => {
      const { deps: d, sender } = deps(flavour, ['dad-taken']);
      const report = reportOf(await collect(runGarp({ ip: X, count: 2 }, d, yes)));
      expect(report.outcome).toBe('duplicate');
      expect(report.findings.map((f) => f.code)).toEqual(['duplicate-ip']);
      expect(report.findings[0]?.title).toContain(A_MAC);
      expect(report.findings[0]?.evidence[0]?.text).toMatch(/02:00:00:00:01:0a/i);
      expect(sender.calls).toHaveLength(1);
    },
  );

  it('an address not on this host: says so with the ip addr add, sends nothing', async () => {
    const { deps: d, sender } = deps('iputils', []);
    const report = reportOf(await collect(runGarp({ ip: '192.0.2.77' }, d, yes)));
    expect(report.outcome).toBe('not-local');
    expect(report.fix).toEqual(['ip addr add 192.0.2.77/24 dev lan0']);
    expect(report.message).toMatch(/192\.0\.2\.77 is not on this host/);
    expect(sender.calls).toEqual([]);
  });

  it('no arping: tool-missing naming iputils-arping', async () => {
    const { deps: d } = deps('iputils', [], { installed: null });
    const report = reportOf(await collect(runGarp({ ip: X }, d, yes)));
    expect(report.outcome).toBe('tool-missing');
    expect(report.findings[0]).toMatchObject({
      code: 'tool-missing',
      fix: ['apt-get install iputils-arping'],
    });
  });

  it('an arping without -U: tool-missing, before any packet', async () => {
    const { deps: d, sender } = deps('habets', [], {
      help: 'ARPing 2.0, by Thomas Habets\n    -0     Use 0.0.0.0\n    -S IP  source\n',
    });
    const report = reportOf(await collect(runGarp({ ip: X }, d, yes)));
    expect(report.outcome).toBe('tool-missing');
    expect(report.findings[0]?.title).toMatch(/cannot send unsolicited ARP \(-U\)/);
    expect(sender.calls).toEqual([]);
  });

  it.each([
    [
      'unprivileged',
      'arping needs CAP_NET_RAW to send ARP: run netdoctor with sudo, or grant it to arping: sudo setcap cap_net_raw+ep /usr/bin/arping',
    ],
    [
      'root-without-cap',
      'arping needs CAP_NET_RAW to send ARP, and this root process lacks it (a container started without NET_RAW?): run netdoctor where CAP_NET_RAW is granted (docker run --cap-add NET_RAW)',
    ],
  ] as const)('no CAP_NET_RAW, %s: says what grants it', async (access, message) => {
    const sender = fakeArpSender('iputils', [], { access });
    const noPriv: typeof sender = {
      ...sender,
      run: async (argv) => ({ ...arpingCase('iputils', 'no-privilege'), argv }),
    };
    const d: GarpDeps = { readHost: async () => buildHostState(hostBSnapshot()), sender: noPriv };
    const report = reportOf(await collect(runGarp({ ip: X }, d, yes)));
    expect(report.outcome).toBe('needs-privilege');
    expect(report.message).toBe(message);
    expect(report.steps.at(-1)?.output).toEqual([
      expect.stringMatching(/arping: socket: Operation not permitted$/),
    ]);
  });

  it.each([
    [{ ip: 'fe80::1' }, /IPv6: ARP is IPv4 only/],
    [{ ip: '192.0.2.500' }, /not an IPv4 address/],
    [{ ip: X, iface: '-rf' }, /not an interface name/],
    [{ ip: X, iface: 'eth9' }, /there is no interface eth9 here \(lo, lan0\)/],
    [{ ip: X, count: 0 }, /count must be/],
    [{ ip: X, gateway: X }, /cannot be 192\.0\.2\.50 itself/],
  ] as [GarpRequest, RegExp][])('refuses %j before sending', async (req, message) => {
    const { deps: d, sender } = deps('iputils', []);
    const report = reportOf(await collect(runGarp(req, d, yes)));
    expect(report.outcome).toBe('bad-request');
    expect(report.message).toMatch(message);
    expect(sender.calls).toEqual([]);
  });
});

describe('cancelling', () => {
  it('stops the running arping and ends cancelled', async () => {
    const { deps: d } = deps('iputils', ['dad-after-move'], { hang: true });
    const abort = new AbortController();
    const events: GarpEvent[] = [];
    for await (const e of runGarp({ ip: X }, d, yes, abort.signal)) {
      events.push(e);
      if (e.type === 'step' && e.report.step === 'dad' && e.report.status === 'running') {
        abort.abort();
      }
    }
    expect(reportOf(events).outcome).toBe('cancelled');
  });
});
