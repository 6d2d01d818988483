import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePingOutput, pingEvidenceLines } from './ping.js';

const dir = resolve(import.meta.dirname, '../../test/fixtures/doctor/ping');
const capture = (name: string) =>
  parsePingOutput(
    readFileSync(resolve(dir, `${name}.stdout`), 'utf8'),
    readFileSync(resolve(dir, `${name}.stderr`), 'utf8'),
  );

describe('parsePingOutput over captured iputils ping', () => {
  it('reads replies and the summary', () => {
    const out = capture('answered-from-lan');
    expect(out.answered).toBe(true);
    expect(out).toMatchObject({ transmitted: 3, received: 3, failure: null });
    expect(out.replies[0]).toMatchObject({ from: '198.51.100.2', seq: 1, ttl: 64 });
  });

  it('knows silence: no reply, no error', () => {
    const out = capture('silent-from-vpn');
    expect(out).toMatchObject({ answered: false, transmitted: 3, received: 0, errors: [] });
    expect(pingEvidenceLines(out)).toEqual([
      '3 packets transmitted, 0 received, 100% packet loss, time 433ms',
    ]);
  });

  it('reads the ICMP errors a router sent back', () => {
    const out = capture('unreachable');
    expect(out.answered).toBe(false);
    expect(out.errors.map((e) => [e.from, e.message])).toEqual([
      ['198.51.100.2', 'Destination Host Unreachable'],
      ['198.51.100.2', 'Destination Host Unreachable'],
    ]);
  });

  it.each([
    ['no-route', 'connect: Network is unreachable'],
    ['bad-source', 'bind: Cannot assign requested address'],
  ])('says why ping could not send (%s)', (name, failure) => {
    const out = capture(name);
    expect(out).toMatchObject({ answered: false, failure, summary: null });
  });
});
