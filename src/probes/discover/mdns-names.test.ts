import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ipOfReverseName,
  nameMerger,
  namesFromResponse,
  reverseName,
  type MdnsResponseLike,
  type NameSource,
} from './mdns-names.js';

/** Captured by test/fixtures/mdns/capture.sh: one query, answers from two lab responders. */
interface Capture {
  questions: { name: string; type: string }[];
  responses: { from: string; hex: string; packet: MdnsResponseLike }[];
}
function capture(file: string): Capture {
  const url = new URL(`../../../test/fixtures/mdns/${file}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Capture;
}

describe('reverse names', () => {
  it('asks d.c.b.a.in-addr.arpa, as the captured query did', () => {
    const { questions } = capture('reverse-ptr-responses.json');
    expect(['198.18.0.4', '198.18.0.7', '198.18.0.9'].map(reverseName)).toEqual(
      questions.map((q) => q.name),
    );
  });

  it('reads an address back from a reverse name, and nothing else', () => {
    expect(ipOfReverseName('4.0.18.198.in-addr.arpa')).toBe('198.18.0.4');
    expect(ipOfReverseName('4.0.18.198.IN-ADDR.ARPA.')).toBe('198.18.0.4');
    expect(ipOfReverseName('0.18.198.in-addr.arpa')).toBeNull();
    expect(ipOfReverseName('4.0.18.300.in-addr.arpa')).toBeNull();
    expect(ipOfReverseName('raspberrypi.local')).toBeNull();
    expect(() => reverseName('fe80::1')).toThrow(/not an IPv4 address/);
  });
});

describe('namesFromResponse', () => {
  const { responses } = capture('reverse-ptr-responses.json');
  const asked = new Set(['198.18.0.4', '198.18.0.7', '198.18.0.9']);

  it('names each responder from its PTR answer; the silent host has none', () => {
    const names = new Map<string, string>();
    for (const r of responses)
      for (const [ip, n] of namesFromResponse(r.packet, asked)) names.set(ip, n);
    expect(Object.fromEntries(names)).toEqual({
      '198.18.0.4': 'raspberrypi.local',
      '198.18.0.9': 'printer.local',
    });
    // Each answer came from the host it names.
    for (const r of responses)
      expect([...namesFromResponse(r.packet, asked).keys()]).toEqual([r.from]);
  });

  it('ignores answers about addresses it did not ask about', () => {
    for (const r of responses) {
      expect(namesFromResponse(r.packet, new Set(['198.18.0.7'])).size).toBe(0);
    }
  });

  it('the query got its answer without any route for multicast (the socket names its interface)', () => {
    const { responses: noRoute } = capture('no-multicast-route.json');
    expect(noRoute.map((r) => [...namesFromResponse(r.packet, asked)])).toEqual([
      [['198.18.0.4', 'raspberrypi.local']],
    ]);
  });
});

describe('nameMerger: the resolver first, mDNS where it has nothing', () => {
  function merged() {
    const out: [string, string, NameSource][] = [];
    return { out, m: nameMerger((ip, name, source) => out.push([ip, name, source])) };
  }

  it('holds an mDNS name until the resolver settles the address without one', () => {
    const { out, m } = merged();
    m.mdns('198.18.0.4', 'raspberrypi.local');
    expect(out).toEqual([]);
    m.settled(['198.18.0.4']);
    expect(out).toEqual([['198.18.0.4', 'raspberrypi.local', 'mdns']]);
  });

  it('drops the mDNS name when the resolver names the address', () => {
    const { out, m } = merged();
    m.mdns('198.18.0.4', 'raspberrypi.local');
    m.resolver('198.18.0.4', 'pi-kitchen.lan');
    m.settled(['198.18.0.4']);
    m.mdns('198.18.0.4', 'raspberrypi.local');
    m.flush();
    expect(out).toEqual([['198.18.0.4', 'pi-kitchen.lan', 'resolver']]);
  });

  it('passes an mDNS name straight on once the resolver has settled the address', () => {
    const { out, m } = merged();
    m.settled(['198.18.0.9']);
    m.mdns('198.18.0.9', 'printer.local');
    expect(out).toEqual([['198.18.0.9', 'printer.local', 'mdns']]);
  });

  it('flushes held names when the resolver never settled, then says nothing more', () => {
    const { out, m } = merged();
    m.mdns('198.18.0.4', 'raspberrypi.local');
    m.flush();
    m.resolver('198.18.0.9', 'late.lan');
    m.mdns('198.18.0.7', 'late.local');
    expect(out).toEqual([['198.18.0.4', 'raspberrypi.local', 'mdns']]);
  });
});
