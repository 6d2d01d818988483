import { describe, expect, it } from 'vitest';
import { parsePingOutput, pingEvidenceLines } from '../../parse/ping.js';
import { pingCase } from '../../../test/fixtures/arping/fixtures.js';
import type { GarpCheckResult, PingProbeResult } from '../rule.js';
import { gatewayKeptOldMacRule } from './gateway-kept-old-mac.js';

/** A captured ping of the gateway (test/fixtures/arping/ping/), as the repair records it. */
function ping(name: string): PingProbeResult {
  const run = pingCase(name);
  const parsed = parsePingOutput(run.stdout, run.stderr);
  return {
    target: run.argv.at(-1) ?? '',
    source: run.argv.at(-2) ?? null,
    iface: 'lan0',
    answered: parsed.answered,
    command: run.argv.join(' '),
    lines: pingEvidenceLines(parsed),
  };
}

function check(echo: string, control: string | null): GarpCheckResult {
  return {
    ip: '192.0.2.50',
    mac: '02:00:00:00:01:0b',
    iface: 'lan0',
    gateway: '192.0.2.1',
    gatewayMac: '02:00:00:00:01:01',
    arpCommand: 'arping -I lan0 -s 192.0.2.50 -c 2 -w 3 192.0.2.1',
    arpLines: ['Unicast reply from 192.0.2.1 [02:00:00:00:01:01]  0.574ms'],
    echo: ping(echo),
    control: control === null ? null : ping(control),
  };
}

const run = (c: GarpCheckResult) =>
  gatewayKeptOldMacRule.run({ host: null, probes: { garpCheck: c } });

describe('gateway-kept-old-mac', () => {
  it('the gateway answers the echo from the moved address: nothing to say', () => {
    expect(run(check('echo-answered', null))).toEqual([]);
  });

  it('silent to the moved address, answering another: an error, fixed on the gateway', () => {
    const [f, ...rest] = run(check('echo-static-entry', 'control-answered'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: 'gateway-kept-old-mac',
      severity: 'error',
      subject: '192.0.2.50',
      box: { role: 'lan-gateway', words: 'the gateway 192.0.2.1', address: '192.0.2.1' },
    });
    expect(f?.why).toMatch(/it answers the same ping from 192\.0\.2\.20/);
    expect(f?.why).toMatch(/static \(permanent\) entry never changes by ARP/);
    expect(f?.evidence.map((e) => e.source)).toEqual([
      'arping -I lan0 -s 192.0.2.50 -c 2 -w 3 192.0.2.1',
      'ping -n -c 3 -i 0.2 -W 1 -I 192.0.2.50 192.0.2.1',
      ...Array<string>(3).fill('ping -n -c 3 -i 0.2 -W 1 -I 192.0.2.20 192.0.2.1'),
    ]);
    expect(f?.fix[0]).toBe('# on the gateway 192.0.2.1:');
    // The first command is whole words with nothing left to fill in: a lab applies it as is.
    const first = f?.fix.find((l) => !l.startsWith('#')) ?? '';
    expect(first).not.toMatch(/[<>"'`$|;&]/);
    expect(first.split(' ')).toEqual(['ip', 'neigh', 'flush', 'to', '192.0.2.50', 'nud', 'all']);
    expect(f?.fix).toContain(
      'ip neigh replace 192.0.2.50 lladdr 02:00:00:00:01:0b dev <interface> nud permanent',
    );
  });

  it.each([
    [
      'silent from both addresses',
      'control-ignored',
      /did not answer the same ping from 192\.0\.2\.20/,
    ],
    ['no other address to compare', null, /no other address on lan0/],
  ])('%s: only a note, saying how to tell on the gateway', (_, control, compare) => {
    const [f] = run(check(control === null ? 'echo-static-entry' : 'echo-ignored', control));
    expect(f).toMatchObject({ code: 'gateway-kept-old-mac', severity: 'info' });
    expect(f?.title).toBe(
      'the gateway 192.0.2.1 does not answer a ping from 192.0.2.50: it may have kept the old MAC',
    );
    expect(f?.why).toMatch(compare);
    expect(f?.why).toMatch(/'ip neigh show 192\.0\.2\.50' tells/);
    expect(f?.box?.role).toBe('lan-gateway');
  });
});
