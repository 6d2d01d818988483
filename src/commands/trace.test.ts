import { describe, expect, it } from 'vitest';
import {
  localRouteWords,
  pickAddress,
  runTraceCommand,
  traceConfig,
  type TraceEnv,
  type TraceOptions,
} from './trace.js';
import { mtrPacketBackend } from '../probes/trace/mtr-packet-backend.js';
import { SYSTEM_CLOCK } from '../probes/trace/types.js';
import { UsageError, type CliIo } from './context.js';
import { fakeMtrPacket } from '../../test/fixtures/trace/fake-mtr-packet.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, env: {} };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

/** The command over a fake mtr-packet answering from the lab captures, on the real clock. */
function env(over: Partial<TraceEnv> = {}): TraceEnv {
  return {
    names: false,
    signals: null,
    chooseBackend: async () => ({
      open: mtrPacketBackend(
        fakeMtrPacket(SYSTEM_CLOCK, ['trace-reach4', 'trace-reach6', 'trace-unreachable4']).open,
      ),
      note: null,
    }),
    resolve: async (name) => (name === 'server.lab' ? { address: '198.18.0.2', family: 4 } : null),
    ownsAddress: async (address) => address === '198.51.100.2',
    localRoute: async () => null,
    readWarnings: () => [],
    ...over,
  };
}

const opts = (over: Partial<TraceOptions> = {}): TraceOptions => ({
  proto: 'icmp',
  names: false,
  ...over,
});

describe('netdoctor trace', () => {
  it('--once prints the hops like traceroute and the verdict, exit 0', async () => {
    const t = io();
    expect(await runTraceCommand(t.cli, '198.18.0.2', opts({ once: true }), env())).toBe(0);
    expect(t.out()).toContain('trace to 198.18.0.2, icmp, 30 hops max, with mtr-packet');
    expect(t.out()).toMatch(/^ 1 {2}198\.51\.100\.1 {2}[\d.]+ ms$/m);
    expect(t.out()).toMatch(/^ 3 {2}198\.18\.0\.2 /m);
    expect(t.out()).toContain('198.18.0.2 answered at hop 3: the path works.');
  });

  it('--once --json: one object with the hops; a name is resolved and kept as typed', async () => {
    const t = io();
    expect(
      await runTraceCommand(t.cli, 'server.lab', opts({ once: true, json: true }), env()),
    ).toBe(0);
    const j = JSON.parse(t.out()) as {
      reached: boolean;
      target: unknown;
      hops: { address: string }[];
    };
    expect(j.reached).toBe(true);
    expect(j.target).toEqual({ input: 'server.lab', address: '198.18.0.2', family: 4 });
    expect(j.hops.map((h) => h.address)).toEqual(['198.51.100.1', '203.0.113.2', '198.18.0.2']);
  });

  it('a refusing router: exit 1, with the router named', async () => {
    const t = io();
    expect(await runTraceCommand(t.cli, '198.18.7.7', opts({ once: true }), env())).toBe(1);
    expect(t.out()).toContain('Hop 2, 203.0.113.2, refused the packet');
  });

  it('--count rounds print the mtr -r table once, at the end, when not on a terminal', async () => {
    const t = io();
    expect(await runTraceCommand(t.cli, '2001:db8:c::2', opts({ count: '1' }), env())).toBe(0);
    expect(t.out()).toMatch(/HOP\s+ADDRESS\s+NAME\s+LOSS\s+SNT\s+LAST\s+AVG\s+BEST\s+WRST\s+JTTR/);
    expect(t.out()).toMatch(/^3\s+2001:db8:c::2\s+0\.0%\s+1\s/m);
  });

  it('this host has no route: exit 1 in words, and no probe is sent', async () => {
    const t = io();
    const blocked = env({
      localRoute: async () =>
        localRouteWords('RTNETLINK answers: No route to host\n', '203.0.113.9'),
      chooseBackend: async () => {
        throw new Error('no probe should be sent');
      },
    });
    expect(await runTraceCommand(t.cli, '203.0.113.9', opts({ once: true }), blocked)).toBe(1);
    expect(t.out().replace(/\s+/g, ' ')).toContain(
      'an unreachable route on this host refuses 203.0.113.9',
    );
  });

  it.each([
    ['--once and --count', '198.18.0.2', { once: true, count: '3' }],
    ['--count 0', '198.18.0.2', { count: '0' }],
    ['--max-ttl 300', '198.18.0.2', { maxTtl: '300' }],
    ['an option for a name', '-rf', {}],
    ['a name that does not resolve', 'nowhere.lab', {}],
    ['--from of the other family', '198.18.0.2', { from: '2001:db8:a::2' }],
    ['--from that is no address', '198.18.0.2', { from: 'eth0' }],
  ] as const)('refuses %s (one line, exit 2)', async (_what, dest, over) => {
    await expect(runTraceCommand(io().cli, dest, opts(over), env())).rejects.toBeInstanceOf(
      UsageError,
    );
  });

  it.each([
    ['0.0.0.0', /^0\.0\.0\.0 is the unspecified address .*: a trace follows the path to one host$/],
    ['224.0.0.1', /^224\.0\.0\.1 is a multicast address \(224\.0\.0\.0\/4\)/],
    ['255.255.255.255', /^255\.255\.255\.255 is the limited broadcast address/],
    ['ff02::1', /^ff02::1 is a multicast address \(ff00::\/8\)/],
    ['::', /^:: is the unspecified address/],
    ['blocked.lab', /^'blocked\.lab' resolves to 0\.0\.0\.0, which is the unspecified address/],
    ['999.1.1.1', /^'999\.1\.1\.1' is not an IPv4 address: four numbers from 0 to 255/],
    ['10.1', /^'10\.1' is not an IPv4 address/],
  ])('refuses %s before asking anything: no one host to trace to', async (dest, said) => {
    const asked: string[] = [];
    const watched = env({
      resolve: async (name) => {
        asked.push(`resolve ${name}`);
        return name === 'blocked.lab' ? { address: '0.0.0.0', family: 4 } : null;
      },
      localRoute: async () => {
        asked.push('localRoute');
        return null;
      },
      chooseBackend: async () => {
        throw new Error('no probe should be sent');
      },
    });
    await expect(runTraceCommand(io().cli, dest, opts(), watched)).rejects.toThrow(said);
    expect(asked).toEqual(dest === 'blocked.lab' ? ['resolve blocked.lab'] : []);
  });

  it('--from an address this host does not have: one line, exit 2, before any probe', async () => {
    const err = runTraceCommand(io().cli, '198.18.0.2', opts({ from: '198.51.100.9' }), env());
    await expect(err).rejects.toBeInstanceOf(UsageError);
    await expect(err).rejects.toThrow(
      '--from 198.51.100.9 is not an address of this host (ip addr show has it on no interface)',
    );
    const config = await traceConfig('198.18.0.2', opts({ from: '198.51.100.2' }), env());
    expect(config.source).toBe('198.51.100.2');
  });

  it('a bad destination with control characters is shown safely', async () => {
    await expect(runTraceCommand(io().cli, 'x\u001b[2Jy', opts(), env())).rejects.toThrow(
      /x\\x1b\[2Jy/,
    );
  });
});

describe('trace helpers', () => {
  it('picks IPv4 first from getent ahosts', () => {
    const text =
      '2001:db8::5     STREAM server.lab\n198.18.0.2      STREAM \n198.18.0.2      DGRAM  \n';
    expect(pickAddress(text)).toEqual({ address: '198.18.0.2', family: 4 });
    expect(pickAddress('2001:db8::5 STREAM x\n')).toEqual({ address: '2001:db8::5', family: 6 });
    expect(pickAddress('')).toBeNull();
  });
  it.each([
    ['RTNETLINK answers: Network is unreachable', /has no route/],
    ['RTNETLINK answers: Invalid argument', /blackhole route/],
    ['RTNETLINK answers: Permission denied', /prohibit route/],
  ])('%s', (stderr, words) => expect(localRouteWords(stderr, '192.0.2.1')).toMatch(words));
});
