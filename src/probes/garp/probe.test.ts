import { describe, expect, it } from 'vitest';
import { buildHostState, type HostState } from '../../state/host-state.js';
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

function deps(
  flavour: CapturedFlavour,
  cases: string[],
  options: FakeOptions = {},
  host: HostState = buildHostState(hostBSnapshot(flavour)),
) {
  const sender = fakeArpSender(flavour, cases, options);
  const d: GarpDeps = { readHost: async () => host, sender };
  return { deps: d, sender };
}

/** The captured check: the ARP ping of the gateway, then the echo from X (and from B). */
const SENT = ['dad-after-move', 'announce-request', 'ping-gateway'];
const ECHO_FROM_X = 'ping -n -c 3 -i 0.2 -W 1 -I 192.0.2.50 192.0.2.1';
const ECHO_FROM_B = 'ping -n -c 3 -i 0.2 -W 1 -I 192.0.2.20 192.0.2.1';

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
    const { deps: d, sender } = deps(flavour, SENT, { pings: ['echo-answered'] });
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
    expect(sender.calls).toHaveLength(4);
    expect(sender.calls.at(-1)).toBe(ECHO_FROM_X);
    expect(report.steps.at(-1)).toMatchObject({
      summary: `192.0.2.1 answers pings from ${X}: its entry for ${X} holds our MAC ${B_MAC}`,
      more: [
        {
          command: ECHO_FROM_X,
          output: expect.arrayContaining([expect.stringMatching(/3 received/)]),
        },
      ],
    });
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
      'verify:running',
      'verify:ok',
    ]);
  });

  it('sends ARP replies with --mode reply (iputils -A)', async () => {
    const { deps: d, sender } = deps(
      'iputils',
      ['dad-after-move', 'announce-reply', 'ping-gateway'],
      {
        pings: ['echo-answered'],
      },
    );
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

  it('says unverified when the gateway does not answer ARP, and pings nothing', async () => {
    // A wrong --gateway: the announce goes out, the ARP ping of it gets nothing back.
    const { deps: d, sender } = deps('iputils', [
      'dad-after-move',
      'announce-nobody',
      'ping-nobody',
    ]);
    const req: GarpRequest = { ip: X, count: 2, gateway: '192.0.2.99' };
    const report = reportOf(await collect(runGarp(req, d, yes)));
    expect(report.outcome).toBe('unverified');
    expect(report.steps.at(-1)).toMatchObject({
      step: 'verify',
      status: 'problem',
      summary: '192.0.2.99 did not answer an ARP ping from 192.0.2.50',
    });
    expect(sender.calls.filter((c) => c.startsWith('ping '))).toEqual([]);
  });
});

describe('a gateway that kept the old MAC (a static entry for X)', () => {
  it('answers ARP and a ping from B, not from X: not verified, an error naming the gateway', async () => {
    const { deps: d, sender } = deps('iputils', SENT, {
      pings: ['echo-static-entry', 'control-answered'],
    });
    const report = reportOf(await collect(runGarp({ ip: X, count: 2 }, d, yes)));
    expect(report.outcome).toBe('unverified');
    expect(sender.calls.slice(-2)).toEqual([ECHO_FROM_X, ECHO_FROM_B]);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0];
    expect(f).toMatchObject({
      code: 'gateway-kept-old-mac',
      severity: 'error',
      box: { role: 'lan-gateway', words: 'the gateway 192.0.2.1', address: '192.0.2.1' },
      subject: X,
    });
    expect(f?.title).toBe(
      `the gateway 192.0.2.1 kept the old MAC for ${X}: it does not send ${X}'s traffic to this server`,
    );
    expect(f?.evidence.map((e) => e.text)).toEqual([
      expect.stringMatching(/^Unicast reply from 192\.0\.2\.1 \[02:00:00:00:01:01\]/),
      '3 packets transmitted, 0 received, 100% packet loss, time 410ms',
      expect.stringMatching(/^64 bytes from 192\.0\.2\.1: icmp_seq=1/),
      expect.stringMatching(/^64 bytes from 192\.0\.2\.1: icmp_seq=2/),
      '3 packets transmitted, 3 received, 0% packet loss, time 420ms',
    ]);
    expect(report.fix).toEqual(f?.fix);
    expect(report.fix.slice(0, 2)).toEqual([
      '# on the gateway 192.0.2.1:',
      `ip neigh flush to ${X} nud all`,
    ]);
    expect(report.fix).toContain(
      `ip neigh replace ${X} lladdr ${B_MAC} dev <interface> nud permanent`,
    );
    expect(report.message).toBe(
      `${f?.title ?? ''}; fix, on the gateway 192.0.2.1: ip neigh flush to ${X} nud all`,
    );
    expect(report.steps.at(-1)).toMatchObject({
      step: 'verify',
      status: 'problem',
      summary: `192.0.2.1 answers ARP but not a ping from ${X}`,
      command: 'arping -I lan0 -s 192.0.2.50 -c 2 -w 3 192.0.2.1',
      more: [{ command: ECHO_FROM_X }, { command: ECHO_FROM_B }],
    });
    expect(report.steps.at(-1)?.explain[0]).toMatch(
      new RegExp(`so that entry does not say ${B_MAC}: it kept the old server's MAC`),
    );
  });

  it('a gateway silent to pings from both addresses: not verified, only a note', async () => {
    const { deps: d } = deps('iputils', SENT, { pings: ['echo-ignored', 'control-ignored'] });
    const report = reportOf(await collect(runGarp({ ip: X, count: 2 }, d, yes)));
    expect(report.outcome).toBe('unverified');
    expect(report.findings.map((f) => `${f.code}:${f.severity}`)).toEqual([
      'gateway-kept-old-mac:info',
    ]);
    expect(report.findings[0]?.why).toMatch(
      /cannot tell a gateway that kept the old MAC from one that drops pings/,
    );
    expect(report.steps.at(-1)?.explain[0]).toMatch(
      /either that entry does not say .+, or it drops pings\.$/,
    );
  });

  it('no other address to compare from: one echo, a note', async () => {
    const base = buildHostState(hostBSnapshot());
    const alone: HostState = {
      ...base,
      interfaces: base.interfaces.map((i) => ({
        ...i,
        addresses: i.addresses.filter((a) => a.local !== '192.0.2.20'),
      })),
    };
    const { deps: d, sender } = deps('iputils', SENT, { pings: ['echo-static-entry'] }, alone);
    const report = reportOf(await collect(runGarp({ ip: X, count: 2 }, d, yes)));
    expect(report.outcome).toBe('unverified');
    expect(sender.calls.filter((c) => c.startsWith('ping '))).toEqual([ECHO_FROM_X]);
    expect(report.findings[0]).toMatchObject({ code: 'gateway-kept-old-mac', severity: 'info' });
    expect(report.findings[0]?.why).toMatch(/no other address on lan0/);
  });

  it('streams each ping as it starts, the newest with no output yet', async () => {
    const { deps: d } = deps('iputils', SENT, { pings: ['echo-static-entry', 'control-answered'] });
    const events = await collect(runGarp({ ip: X, count: 2 }, d, yes));
    const running = events.flatMap((e) =>
      e.type === 'step' && e.report.step === 'verify' && e.report.status === 'running'
        ? [(e.report.more ?? []).map((r) => `${r.command} (${r.output.length})`)]
        : [],
    );
    expect(running).toEqual([
      [],
      [`${ECHO_FROM_X} (0)`],
      [`${ECHO_FROM_X} (3)`, `${ECHO_FROM_B} (0)`],
    ]);
  });

  it('no ping installed: tool-missing naming iputils-ping, before any packet', async () => {
    const { deps: d, sender } = deps('iputils', SENT, { noPing: true });
    const report = reportOf(await collect(runGarp({ ip: X, count: 2 }, d, yes)));
    expect(report.outcome).toBe('tool-missing');
    expect(report.message).toBe('ping is not installed: apt-get install iputils-ping');
    expect(report.findings[0]).toMatchObject({ code: 'tool-missing', subject: 'ping' });
    expect(sender.calls).toEqual([]);
  });

  it('ping vanishing mid-run: says so, after the announcement went out', async () => {
    const sender = fakeArpSender('iputils', SENT);
    const noPing: typeof sender = {
      ...sender,
      ping: async (argv) => ({
        argv,
        exitCode: null,
        stdout: '',
        stderr: '',
        error: 'not-installed',
      }),
    };
    const d: GarpDeps = { readHost: async () => buildHostState(hostBSnapshot()), sender: noPing };
    const report = reportOf(await collect(runGarp({ ip: X, count: 2 }, d, yes)));
    expect(report.outcome).toBe('failed');
    expect(report.message).toBe(
      'ping failed: ping is not installed (apt-get install iputils-ping); the announcements went out, unchecked',
    );
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
