import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.js';
import { FINDING_CODES } from '../diagnose/finding.js';

describe('netdoctor explain', () => {
  it('alone lists every finding code with its one-line title', async () => {
    const r = await runCli('explain');
    expect(r.code).toBe(0);
    const listed = r.out.split('\n').map((l) => l.split(/\s+/)[0]);
    expect(FINDING_CODES.filter((c) => !listed.includes(c))).toEqual([]);
    expect(r.out).toMatch(/^route-blackhole +the route that matches drops the packets/m);
  });

  it('CODE says what it means, why it matters, how it is proved, the fix and its box, an example', async () => {
    const r = await runCli('explain', 'gateway-kept-old-mac');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^gateway-kept-old-mac: after the ARP repair/);
    for (const head of [
      'Severity',
      'What it means',
      'Why it matters',
      'How netdoctor proves it',
      "The fix, on the LAN's gateway",
      'Example (test/fixtures/findings/gateway-kept-old-mac/raise/',
    ]) {
      expect(r.out).toContain(`\n${head}`);
    }
    expect(r.out).toMatch(/^ {2}error: /m);
    expect(r.out).toMatch(/^ {2}info: /m);
    expect(
      Math.max(
        ...r.out
          .split('\n')
          .slice(0, 20)
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(78);
  });

  it('--json carries the schema, every field and the example', async () => {
    const one = JSON.parse((await runCli('explain', 'no-route', '--json')).out) as Record<
      string,
      unknown
    >;
    expect(Object.keys(one)).toEqual([
      'schema',
      'code',
      'title',
      'severity',
      'means',
      'matters',
      'proof',
      'fix',
      'box',
      'rule',
      'example',
    ]);
    expect(one['schema']).toBe('netdoctor.explain/1');
    expect(one['example']).toMatchObject({ fixture: expect.stringContaining('no-route/raise/') });
    const all = JSON.parse((await runCli('explain', '--json')).out) as {
      schema: string;
      codes: { code: string; title: string }[];
    };
    expect(all.schema).toBe('netdoctor.explain/1');
    expect(all.codes.map((c) => c.code)).toEqual([...FINDING_CODES]);
  });

  it('an unknown code: one line, exit 2, the nearest code suggested', async () => {
    const r = await runCli('explain', 'rp-filter-drops');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      "netdoctor: unknown finding code 'rp-filter-drops': did you mean rp-filter-drop? (netdoctor explain lists them all)\n",
    );
    const hostile = await runCli('explain', 'x\u001b[2Jy');
    expect(hostile.err).not.toContain('\u001b');
    expect(hostile.err.split('\n')).toHaveLength(2);
  });

  it('--help says what it does', async () => {
    const r = await runCli('explain', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: netdoctor explain [options] [code]');
  });
});
