import { describe, expect, it } from 'vitest';
import { tracerouteArgv, tracerouteOutcome } from './traceroute-argv.js';
import { DEFAULT_CONFIG, type TraceConfig } from './types.js';
import { tracerouteLines } from '../../../test/fixtures/trace/fixtures.js';

const cfg = (address: string, over: Partial<TraceConfig> = {}): TraceConfig => ({
  ...DEFAULT_CONFIG,
  target: { input: address, address, family: address.includes(':') ? 6 : 4 },
  ...over,
});

describe('traceroute, one probe at a time', () => {
  it('asks for one probe at one TTL', () => {
    expect(tracerouteArgv(cfg('198.18.0.2'), 3, 1000, false)).toEqual([
      'traceroute',
      '-n',
      '-q',
      '1',
      '-f',
      '3',
      '-m',
      '3',
      '-w',
      '1.0',
      '198.18.0.2',
    ]);
    expect(
      tracerouteArgv(cfg('2001:db8:c::2', { source: '2001:db8:a::2' }), 1, 2500, true),
    ).toEqual([
      'traceroute',
      '-n',
      '-q',
      '1',
      '-f',
      '1',
      '-m',
      '1',
      '-w',
      '2.5',
      '-6',
      '-I',
      '-s',
      '2001:db8:a::2',
      '2001:db8:c::2',
    ]);
  });

  // Hop lines from the captures, read as the outcome of the probe at that TTL.
  it.each([
    ['reach4-q1', 1, '198.18.0.2', { kind: 'ttl-expired', address: '198.51.100.1' }],
    ['reach4-q1', 3, '198.18.0.2', { kind: 'reply', address: '198.18.0.2' }],
    ['blackhole4', 2, '198.18.9.9', { kind: 'no-reply' }],
    [
      'unreachable4',
      2,
      '198.18.7.7',
      { kind: 'unreachable', code: '!H', words: 'host unreachable' },
    ],
    ['prohibit4', 2, '198.18.8.8', { kind: 'unreachable', code: '!X' }],
    ['netunreach4', 2, '198.18.6.6', { kind: 'unreachable', words: 'network unreachable' }],
    ['unreachable6', 2, '2001:db8:ff:7::7', { kind: 'unreachable', address: '2001:db8:b::2' }],
    ['reach6', 3, '2001:db8:c::2', { kind: 'reply' }],
  ] as const)('%s hop %i', (name, ttl, target, want) => {
    const outcomes = tracerouteLines(name)
      .map((l) => tracerouteOutcome(l, 7, ttl, target))
      .filter((o) => o !== null);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ token: 7, ...want });
  });
});
