import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CliIo } from './context.js';

const SNAPSHOT = new URL('../../test/fixtures/route/findings-router.snapshot.json', import.meta.url)
  .pathname;

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTTY: false,
    env: {},
  };
  const code = await main(['route', ...args], io);
  return { code, out, err };
}

describe('netdoctor route over a snapshot', () => {
  it('says the decision in one line and exits 0 when the path stands', async () => {
    const r = await run('203.0.113.200', '--snapshot', SNAPSHOT);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '203.0.113.200 → rule 32766 (main) → default via 198.51.100.254 dev lan0 metric 100, source 198.51.100.1; 198.51.100.254 is 02:00:00:00:01:fe (REACHABLE)',
    );
  });

  it('prints one JSON object with the decision, the neighbour and the findings', async () => {
    const r = await run('198.19.1.1', '--snapshot', SNAPSHOT, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(j).toMatchObject({
      type: 'unicast',
      table: 'main',
      rule: 32766,
      route: '198.19.0.0/16',
      dev: 'lan0',
      gateway: '198.51.100.77',
      prefsrc: '198.51.100.1',
      neighbour: { address: '198.51.100.77', lladdr: null, states: ['FAILED'] },
      kernel: null,
    });
    expect((j['findings'] as { code: string }[]).map((f) => f.code)).toEqual([
      'next-hop-unresolved',
    ]);
  });

  it('names no route as type none, gateway null on-link', async () => {
    const none = JSON.parse((await run('2001:db8:99::1', '--snapshot', SNAPSHOT, '--json')).out);
    expect([none.type, none.table, none.error]).toEqual(['none', null, 'Network is unreachable']);
    const onLink = JSON.parse((await run('198.51.100.9', '--snapshot', SNAPSHOT, '--json')).out);
    expect([onLink.gateway, onLink.dev]).toEqual([null, 'lan0']);
  });

  it('exits 1 for a blackhole', async () => {
    expect((await run('10.8.0.1', '--snapshot', SNAPSHOT)).code).toBe(1);
  });

  it.each([
    [['example.com'], /not an IP address/],
    [['10.0.0.1', '--from', 'x'], /--from 'x' is not an IP address/],
    [['10.0.0.1', '--from', '2001:db8::1'], /same IP family/],
    [['10.0.0.1', '--from', '10.0.0.2', '--iif', 'nope0'], /no interface 'nope0'/],
    [['10.0.0.1', '--mark', 'ten'], /--mark takes a number/],
  ])('refuses %j in one line, exit 2', async (args, message) => {
    const r = await run(...args, '--snapshot', SNAPSHOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
