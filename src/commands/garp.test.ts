import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CliIo } from './context.js';
import { garpExitCode, runGarpCommand, type GarpOptions } from './garp.js';
import { buildHostState } from '../state/host-state.js';
import type { GarpDeps } from '../probes/garp/probe.js';
import type { GarpReport } from '../probes/garp/types.js';
import { hostBSnapshot } from '../../test/fixtures/arping/fixtures.js';
import { fakeArpSender } from '../../test/fixtures/arping/fake-sender.js';

const X = '192.0.2.50';

function io(isTTY = false) {
  const text = { out: '', err: '' };
  const cliIo: CliIo = {
    out: (t) => (text.out += t),
    err: (t) => (text.err += t),
    isTTY,
    env: {},
  };
  return { cliIo, text };
}

/** Every run the fake sender was asked for, across the test's repairs. */
let calls: string[] = [];

function deps(cases: string[], pings: string[]): GarpDeps {
  const sender = fakeArpSender('iputils', cases, { pings });
  calls = sender.calls;
  return { readHost: async () => buildHostState(hostBSnapshot()), sender };
}

const never = async (question: string): Promise<boolean> => {
  throw new Error(`must not ask: ${question}`);
};

async function garp(
  ip: string,
  opts: GarpOptions,
  cases: string[],
  tty = false,
  answer = never,
  pings: string[] = [],
) {
  const { cliIo, text } = io(tty);
  const code = await runGarpCommand(cliIo, ip, opts, { deps: deps(cases, pings), ask: answer });
  return { code, ...text };
}

const SENT = ['dad-after-move', 'announce-request', 'ping-gateway'];

describe('netdoctor garp', () => {
  it('--yes --json: the whole report, exit 0 when the gateway took it', async () => {
    const r = await garp(X, { yes: true, json: true, count: '2' }, SENT, false, never, [
      'echo-answered',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as GarpReport;
    expect(report.outcome).toBe('verified');
    expect(report.arping).toEqual({
      path: '/usr/bin/arping',
      flavour: 'iputils',
      version: 'arping from iputils 20221126',
    });
    expect(report.steps.map((s) => s.step)).toEqual(['where', 'dad', 'send', 'verify']);
    expect(r.err).toBe('');
  });

  it('plain: each step in words with the command and what arping printed', async () => {
    const r = await garp(X, { yes: true, count: '2' }, SENT, false, never, ['echo-answered']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '1. Where: ok: 192.0.2.50 on lan0 (02:00:00:00:01:0b), gateway 192.0.2.1',
    );
    expect(r.out).toContain('2. Anyone else holding it?: ok: nobody else answered for 192.0.2.50');
    expect(r.out).toContain('   $ arping -U -I lan0 -s 192.0.2.50 -c 2 192.0.2.1');
    expect(r.out).toMatch(
      /^ {3}\| Unicast reply from 192\.0\.2\.1 \[02:00:00:00:01:01\] +[\d.]+ms$/m,
    );
    expect(r.out).toMatch(/locktime/);
    expect(r.out).toContain('   $ ping -n -c 3 -i 0.2 -W 1 -I 192.0.2.50 192.0.2.1');
    expect(r.out).toMatch(/^ {3}\| 3 packets transmitted, 3 received/m);
    expect(r.out).toMatch(
      /^verified: 192\.0\.2\.1 now sends 192\.0\.2\.50's traffic to 02:00:00:00:01:0b/m,
    );
    // Progress goes to stderr, so stdout stays the report.
    expect(r.err).toContain('... Anyone else holding it?: asking who else has 192.0.2.50');
    // Words wrap at 80 columns; commands stay whole, to copy.
    for (const line of r.out.split('\n').filter((l) => !l.startsWith('   $ '))) {
      expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it('a gateway that kept the old MAC: not verified, the fix on the gateway, exit 1', async () => {
    const r = await garp(X, { yes: true, count: '2' }, SENT, false, never, [
      'echo-static-entry',
      'control-answered',
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '4. Check it took: PROBLEM: 192.0.2.1 answers ARP but not a ping from 192.0.2.50',
    );
    expect(r.out).toMatch(
      /^error +gateway-kept-old-mac +the gateway 192\.0\.2\.1 kept the old MAC/m,
    );
    expect(r.out).toContain('  fix, on the gateway 192.0.2.1:\n    # on the gateway 192.0.2.1:\n');
    expect(r.out).toContain('    ip neigh flush to 192.0.2.50 nud all\n');
    expect(r.out).toMatch(/^not verified: the gateway 192\.0\.2\.1 kept the old MAC/m);
    // The fix list is printed once, under the finding (the last line names its first command).
    expect(r.out.split('ip neigh replace 192.0.2.50 lladdr')).toHaveLength(2);
  });

  it('on a terminal without --yes: asks, and a no sends nothing (exit 1)', async () => {
    let asked = '';
    const r = await garp(X, { count: '2' }, ['dad-after-move'], true, async (q) => {
      asked = q;
      return false;
    });
    expect(asked).toBe('Send? [y/N] ');
    expect(r.err).toContain(
      'About to send 2 unsolicited ARP requests to 192.0.2.1 on lan0, saying 192.0.2.50 is at 02:00:00:00:01:0b.',
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^declined: nothing sent/m);
  });

  it('without --yes and without a terminal: refuses before anything runs', async () => {
    await expect(garp(X, {}, [])).rejects.toThrow(/pass --yes to send without asking/);
  });

  it('X still held by another host: duplicate-ip, exit 1', async () => {
    const r = await garp(X, { yes: true, json: true }, ['dad-taken']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as GarpReport;
    expect(report.findings[0]?.code).toBe('duplicate-ip');
    expect(report.findings[0]?.title).toBe(
      '192.0.2.50 is still held by 02:00:00:00:01:0a (locally administered, no vendor)',
    );
  });

  it('an address not here: one line naming the ip addr add, exit 2', async () => {
    const r = await garp('192.0.2.77', { yes: true }, []);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'netdoctor: 192.0.2.77 is not on this host: add it first (ip addr add 192.0.2.77/24 dev lan0); netdoctor does not add it for you\n',
    );
    expect(r.out).toBe('');
  });

  it.each([
    [X, { gateway: '203.0.113.1' }, /^netdoctor: gateway 203\.0\.113\.1 is not on-link on lan0/],
    ['192.0.2.255', {}, /^netdoctor: 192\.0\.2\.255 is the broadcast address of 192\.0\.2\.0\/24/],
    ['192.0.2.0', {}, /^netdoctor: 192\.0\.2\.0 is the network address/],
    [X, { gateway: '203.0.113.1', json: true }, /^netdoctor: gateway 203\.0\.113\.1/],
    [X, { gateway: '192.0.2.255' }, /^netdoctor: gateway 192\.0\.2\.255 is the broadcast address/],
    [X, { gateway: '192.0.2.0' }, /^netdoctor: gateway 192\.0\.2\.0 is the network address/],
  ])('%s %j: refused in one line, nothing on stdout, nothing sent', async (ip, opts, message) => {
    const r = await garp(ip, { yes: true, ...opts }, []);
    expect(calls).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.endsWith('\n') && !r.err.slice(0, -1).includes('\n')).toBe(true);
  });

  it('maps every outcome to an exit code', () => {
    expect(garpExitCode('verified')).toBe(0);
    expect(garpExitCode('sent')).toBe(0);
    expect(garpExitCode('unverified')).toBe(1);
    expect(garpExitCode('tool-missing')).toBe(2);
    expect(garpExitCode('needs-privilege')).toBe(2);
  });
});

describe('netdoctor garp: bad input is one line and exit 2, before anything runs', () => {
  async function cli(...argv: string[]) {
    const { cliIo, text } = io();
    const code = await main(argv, cliIo);
    return { code, ...text };
  }
  it.each([
    [['garp', '192.0.2.500', '--yes'], /^netdoctor: '192\.0\.2\.500' is not an IPv4 address/],
    [['garp', '0.0.0.0', '--yes'], /^netdoctor: 0\.0\.0\.0 is the unspecified address/],
    [
      ['garp', '255.255.255.255', '--yes'],
      /^netdoctor: 255\.255\.255\.255 is the limited broadcast/,
    ],
    [['garp', '224.0.0.1', '--yes'], /^netdoctor: 224\.0\.0\.1 is a multicast address/],
    [['garp', X, '--count', 'many', '--yes'], /^netdoctor: --count takes a whole number/],
    [
      ['garp', X, '--count', '0', '--yes'],
      /^netdoctor: count must be a whole number from 1 to 100/,
    ],
    [
      ['garp', X, '--mode', 'loud', '--yes'],
      /^netdoctor: error: option '--mode <mode>' argument 'loud' is invalid/,
    ],
    [['garp', X, '--iface', 'a b', '--yes'], /^netdoctor: 'a b' is not an interface name/],
    [['garp', X], /^netdoctor: sending gratuitous ARP changes/],
    [['garp'], /^netdoctor: error: missing required argument 'ip'/],
  ])('%j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});
