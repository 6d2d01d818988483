import { describe, expect, it } from 'vitest';
import { hopTableFitted, hopTableLines, onceLines, verdictWords } from './trace.js';
import type { HopStats, TraceSnapshot } from '../probes/trace/types.js';

const hop = (ttl: number, over: Partial<HopStats> = {}): HopStats => ({
  ttl,
  sent: 1,
  received: 1,
  lost: 0,
  lossPct: 0,
  lastMs: 0.25,
  avgMs: 0.25,
  bestMs: 0.25,
  worstMs: 0.25,
  jitterMs: null,
  addresses: [{ address: `198.51.100.${ttl}`, count: 1 }],
  unreachable: null,
  isDestination: false,
  name: null,
  ...over,
});

const snap = (hops: HopStats[]): TraceSnapshot => ({
  target: { input: '198.18.0.2', address: '198.18.0.2', family: 4 },
  backend: 'mtr-packet',
  protocol: 'icmp',
  mode: 'once',
  running: false,
  round: 1,
  hops,
  verdict: { kind: 'reached', ttl: hops.length, address: '198.18.0.2' },
  elapsedMs: 5,
  probesSent: 3,
});

describe('the trace as text', () => {
  it('makes names and addresses from the network safe for a terminal', () => {
    const s = snap([hop(1, { name: 'evil\u001b]0;owned\u0007' })]);
    const text = [...hopTableLines(s), ...onceLines(s)].join('\n');
    expect(text.includes('\u001b')).toBe(false);
    expect(text).toContain('evil\\x1b]0;owned\\x07');
  });
  it('shows silent hops as * and the other addresses of a hop', () => {
    const s = snap([
      hop(1, {
        addresses: [
          { address: '10.0.0.1', count: 2 },
          { address: '10.0.0.2', count: 1 },
        ],
      }),
      hop(2, { addresses: [], received: 0, lossPct: 100, lastMs: null }),
    ]);
    expect(onceLines(s)).toEqual([' 1  10.0.0.1  0.250 ms  10.0.0.2', ' 2  *']);
    expect(hopTableLines(s).some((l) => /^\s+10\.0\.0\.2\s+1$/.test(l))).toBe(true);
  });
  it('says where the path dies, with the command to run on the last answering hop', () => {
    const words = verdictWords(
      { kind: 'dies', after: { ttl: 1, address: '198.51.100.1' }, silentFrom: 2, silentTo: 6 },
      '198.18.9.9',
    );
    expect(words).toContain(
      'The path dies after 198.51.100.1 (hop 1): nothing answered from hops 2 to 6.',
    );
    expect(words).toContain(
      'Ask 198.51.100.1 which box comes next ("ip route get 198.18.9.9" there)',
    );
    // The return path is a cause, and the box to ask about it is named.
    expect(words).toContain("198.51.100.1 knows the way back to this host's address");
    const from = verdictWords(
      { kind: 'dies', after: { ttl: 1, address: '198.51.100.1' }, silentFrom: 2, silentTo: 6 },
      '198.18.9.9',
      '192.0.2.7',
    );
    expect(from).toContain('on 198.18.9.9 itself: "ip route get 192.0.2.7"');
  });
});

describe('the hop table fitted to a terminal (the Route panel)', () => {
  const width = (lines: string[]) => Math.max(...lines.map((l) => [...l].length));

  it('keeps every column within 80, numbers right-aligned, a name column when there is room', () => {
    const s = snap([
      hop(1, { name: 'gw.example.net', jitterMs: 0.5 }),
      hop(2, { sent: 12, lossPct: 8.3 }),
    ]);
    const lines = hopTableFitted(s, 80);
    expect(width(lines)).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^HOP ADDRESS +NAME +LOSS +SNT +LAST +AVG +BEST +WRST +JTTR$/);
    expect(lines[1]).toMatch(
      /^ {2}1 198\.51\.100\.1 +gw\.example\.net +0\.0% +1 +0\.250 .* 0\.500$/,
    );
    expect(lines[2]).toMatch(/^ {2}2 198\.51\.100\.2 +8\.3% +12 +0\.250/);
  });

  it('cuts a long IPv6 address with an ellipsis rather than the numbers, and makes names safe', () => {
    const s = snap([
      hop(1, {
        addresses: [
          { address: '2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff', count: 3 },
          { address: '2001:db8::2', count: 1 },
        ],
        name: 'evil\u001b]0;owned\u0007',
      }),
    ]);
    const lines = hopTableFitted(s, 70);
    expect(width(lines)).toBeLessThanOrEqual(70);
    expect(lines.join('\n').includes('\u001b')).toBe(false);
    expect(lines[1]).toMatch(/^ {2}1 2001:db8:\S*… +0\.0% +1 /);
    expect(lines[2]).toMatch(/^ {6}2001:db8::2 +1$/);
  });
});
