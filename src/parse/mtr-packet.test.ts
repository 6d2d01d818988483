import { describe, expect, it } from 'vitest';
import { mtrPacketProblem, parseMtrPacketLine, sendProbeLine } from './mtr-packet.js';
import { mtrPacketCommands, mtrPacketReplies } from '../../test/fixtures/trace/fixtures.js';

const CAPTURES = [
  'kinds',
  'route-errors',
  'exhausted',
  'trace-reach4',
  'trace-reach6',
  'trace-blackhole4',
  'trace-blackhole6',
  'trace-unreachable4',
  'trace-unreachable6',
];

function byToken(name: string) {
  return new Map(mtrPacketReplies(name).map((l) => [parseMtrPacketLine(l)!.token, l]));
}

describe('mtr-packet replies captured in the lab', () => {
  it.each(CAPTURES)('%s: every line parses to a known kind', (name) => {
    for (const line of mtrPacketReplies(name)) {
      const r = parseMtrPacketLine(line);
      expect(r, line).not.toBeNull();
      expect(r!.kind, line).not.toBe('unknown');
    }
  });

  // Token → what it must mean. Tokens are the requests in kinds.commands.txt / route-errors.
  const TABLE = [
    ['kinds', 1, { kind: 'feature-support', args: { support: '0.95' } }],
    ['kinds', 10, { kind: 'ttl-expired', address: '198.51.100.1', family: 4 }],
    ['kinds', 11, { kind: 'ttl-expired', address: '203.0.113.2', family: 4 }],
    ['kinds', 12, { kind: 'reply', address: '198.18.0.2', family: 4 }],
    ['kinds', 21, { kind: 'reply', address: '198.18.0.2' }], // udp: port unreachable
    ['kinds', 23, { kind: 'reply', address: '198.18.0.2' }], // tcp: reset
    ['kinds', 31, { kind: 'no-reply' }], // blackhole
    ['kinds', 51, { kind: 'invalid-argument' }], // no route at all on this host
    ['kinds', 52, { kind: 'invalid-argument' }], // broadcast
    ['kinds', 54, { kind: 'invalid-argument' }], // not an address
    ['kinds', 0, { kind: 'command-parse-error' }],
    ['kinds', 60, { kind: 'ttl-expired', address: '2001:db8:a::1', family: 6 }],
    ['kinds', 62, { kind: 'reply', address: '2001:db8:c::2', family: 6 }],
    ['kinds', 64, { kind: 'no-reply' }],
    ['kinds', 65, { kind: 'no-route', address: '2001:db8:b::2', family: 6 }], // unreachable
    ['kinds', 66, { kind: 'no-route', address: '2001:db8:b::2' }], // prohibit
    ['kinds', 68, { kind: 'no-route', address: '2001:db8:a::1' }], // R1 has no route
    ['route-errors', 40, { kind: 'no-route', address: '203.0.113.2', family: 4 }],
    ['route-errors', 41, { kind: 'no-route', address: '203.0.113.2' }],
    ['route-errors', 42, { kind: 'no-route', address: '203.0.113.2' }],
    ['route-errors', 43, { kind: 'no-route', address: '203.0.113.2' }],
    ['exhausted', 1025, { kind: 'probes-exhausted' }],
  ] as const;

  it.each(TABLE)('%s token %i', (name, token, want) => {
    const line = byToken(name).get(token);
    expect(line).toBeDefined();
    expect(parseMtrPacketLine(line!)).toMatchObject(want);
  });

  it('reads round-trip times in microseconds', () => {
    const r = parseMtrPacketLine(mtrPacketReplies('trace-reach4')[0]!);
    expect(r?.rttUs).toBeGreaterThan(0);
    expect(Number.isInteger(r?.rttUs)).toBe(true);
  });

  it('answers every request of a trace, by token', () => {
    for (const name of ['trace-reach4', 'trace-unreachable6']) {
      const asked = mtrPacketCommands(name).map((l) => Number(l.split(' ')[0]));
      const answered = mtrPacketReplies(name).map((l) => parseMtrPacketLine(l)!.token);
      expect(new Set(answered)).toEqual(new Set(asked));
    }
  });
});

describe('mtr-packet grammar', () => {
  it('rejects lines that are not replies', () => {
    expect(parseMtrPacketLine('')).toBeNull();
    expect(parseMtrPacketLine('x reply')).toBeNull();
    expect(parseMtrPacketLine('7 reply ip-4')).toBeNull(); // a name without its value
  });
  it('keeps a reply it does not know, as unknown, with its problem in words', () => {
    const r = parseMtrPacketLine('9 wait-tcp-respone-timeout')!;
    expect(r.kind).toBe('unknown');
    expect(mtrPacketProblem(r)).toMatch(/does not know/);
  });
  it('reads the errno of unexpected-error and the MPLS labels of ttl-expired (man page forms)', () => {
    expect(mtrPacketProblem(parseMtrPacketLine('3 unexpected-error errno 22')!)).toMatch(/22/);
    const r = parseMtrPacketLine('4 ttl-expired ip-4 10.0.0.1 round-trip-time 7 mpls 16,0,1,1');
    expect(r?.mpls).toEqual([16, 0, 1, 1]);
  });
  it('writes the same requests the capture script sent', () => {
    const sent = mtrPacketCommands('trace-reach4')[0];
    expect(
      sendProbeLine({
        token: 101,
        family: 4,
        address: '198.18.0.2',
        ttl: 1,
        protocol: 'icmp',
        timeoutS: 1,
      }),
    ).toBe(sent);
    expect(
      sendProbeLine({
        token: 5,
        family: 6,
        address: '2001:db8:c::2',
        ttl: 3,
        protocol: 'udp',
        localAddress: '2001:db8:a::2',
        timeoutS: 0.4,
      }),
    ).toBe('5 send-probe ip-6 2001:db8:c::2 ttl 3 protocol udp local-ip-6 2001:db8:a::2 timeout 1');
  });
});
