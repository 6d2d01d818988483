import { describe, expect, it } from 'vitest';
import { annotationWords, parseTracerouteLine, type TracerouteHop } from './traceroute.js';
import { tracerouteLines } from '../../test/fixtures/trace/fixtures.js';

function hops(name: string): TracerouteHop[] {
  return tracerouteLines(name).flatMap((l) => {
    const p = parseTracerouteLine(l);
    return p.type === 'hop' ? [p.hop] : [];
  });
}

const summary = (h: TracerouteHop) =>
  [h.ttl, h.probes.map((p) => `${p.address ?? '*'}${p.annotation ?? ''}`).join(' ')].join(': ');

describe('traceroute -n captured in the lab', () => {
  it('reads the header', () => {
    expect(parseTracerouteLine(tracerouteLines('reach6')[0]!)).toEqual({
      type: 'header',
      header: { target: '2001:db8:c::2', address: '2001:db8:c::2', maxHops: 30, packetBytes: 80 },
    });
  });

  const TABLE: [string, string[]][] = [
    [
      'reach4',
      [
        '1: 198.51.100.1 198.51.100.1 198.51.100.1',
        '2: 203.0.113.2 203.0.113.2 203.0.113.2',
        '3: 198.18.0.2 198.18.0.2 198.18.0.2',
      ],
    ],
    ['reach4-q1', ['1: 198.51.100.1', '2: 203.0.113.2', '3: 198.18.0.2']],
    ['blackhole4', ['1: 198.51.100.1', '2: *', '3: *', '4: *', '5: *', '6: *']],
    ['blackhole6', ['1: 2001:db8:a::1', '2: *', '3: *', '4: *', '5: *', '6: *']],
    ['unreachable4', ['1: 198.51.100.1 198.51.100.1 198.51.100.1', '2: 203.0.113.2!H * *']],
    ['prohibit4', ['1: 198.51.100.1 198.51.100.1 198.51.100.1', '2: 203.0.113.2!X * *']],
    ['netunreach4', ['1: 198.51.100.1 198.51.100.1 198.51.100.1', '2: 203.0.113.2!N * *']],
    [
      'unreachable6',
      [
        '1: 2001:db8:a::1 2001:db8:a::1 2001:db8:a::1',
        '2: 2001:db8:b::2!N 2001:db8:b::2!N 2001:db8:b::2!N',
      ],
    ],
    [
      'prohibit6',
      [
        '1: 2001:db8:a::1 2001:db8:a::1 2001:db8:a::1',
        '2: 2001:db8:b::2!X 2001:db8:b::2!X 2001:db8:b::2!X',
      ],
    ],
    [
      'protounreach4',
      [
        '1: 198.51.100.1 198.51.100.1 198.51.100.1',
        '2: 203.0.113.2 203.0.113.2 203.0.113.2',
        '3: 198.18.0.2!P 198.18.0.2!P 198.18.0.2!P',
      ],
    ],
    [
      'fragneeded4',
      [
        '1: 198.51.100.1 198.51.100.1 198.51.100.1',
        '2: 203.0.113.2 203.0.113.2 203.0.113.2',
        '3: 203.0.113.2!F-1280 203.0.113.2!F-1280 203.0.113.2!F-1280',
      ],
    ],
    ['local-unreachable4', []],
  ];
  it.each(TABLE)('%s', (name, want) => {
    expect(hops(name).map(summary)).toEqual(want);
  });

  it('reads times in milliseconds', () => {
    const [first] = hops('reach4');
    expect(first?.probes[0]?.rttMs).toBeGreaterThan(0);
    expect(first?.probes[0]?.rttMs).toBeLessThan(5);
  });
});

describe('traceroute annotations in words', () => {
  it.each([
    ['!H', 'host unreachable'],
    ['!N', 'network unreachable'],
    ['!P', 'protocol unreachable'],
    ['!S', 'source route failed'],
    ['!X', 'communication administratively prohibited'],
    ['!F-1280', "fragmentation needed (the next link's MTU is 1280)"],
    ['!13', 'ICMP unreachable code 13'],
  ])('%s', (a, words) => expect(annotationWords(a)).toBe(words));

  it('keeps several answering addresses on one hop apart (load-balanced paths)', () => {
    const p = parseTracerouteLine(' 4  10.0.0.1  1.2 ms 10.0.0.2  1.4 ms *');
    expect(p).toEqual({
      type: 'hop',
      hop: {
        ttl: 4,
        probes: [
          { address: '10.0.0.1', rttMs: 1.2 },
          { address: '10.0.0.2', rttMs: 1.4 },
          { address: null, rttMs: null },
        ],
      },
    });
  });
});
