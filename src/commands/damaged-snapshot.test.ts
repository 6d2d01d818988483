/**
 * Issue 21 item 9 (and issue 18's note on `vlan`): every command that reads the host prints
 * the records it dropped, by name, whatever it was asked.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.js';

const FIXTURE = new URL('../../test/fixtures/lab-router/snapshot.json', import.meta.url);
const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-damaged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The lab snapshot with link lan1's operstate a number: ip never prints one. */
function damagedSnapshot(): string {
  const snapshot = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
    sources: Record<string, { stdout: string }>;
  };
  const link = snapshot.sources['ip -j -d link show'];
  if (!link) throw new Error('no ip -j -d link show in the fixture');
  const links = JSON.parse(link.stdout) as Record<string, unknown>[];
  const lan1 = links.find((l) => l['ifname'] === 'lan1');
  if (!lan1) throw new Error('no lan1 in the fixture');
  lan1['operstate'] = 5;
  link.stdout = JSON.stringify(links);
  const file = path.join(dir, 'damaged.json');
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}

describe('a dropped record is shown by every command that read its source', () => {
  const file = damagedSnapshot();
  it.each(
    [['overview', '--plain'], ['vlan'], ['route', '198.51.100.7'], ['doctor']].map(
      (argv) => [argv.join(' '), argv] as const,
    ),
  )(
    '%s',
    async (_, argv) => {
      const r = await runCli(...argv, '--snapshot', file);
      expect(r.out).toContain('Could not read');
      expect(r.out).toContain(
        'ip -j -d link show: element 2 (ifname "lan1") dropped: operstate: not an operational state: 5',
      );
      // The routes on lan1 went with it, by name: nothing suggests a way via a link not read.
      expect(r.out).toContain('route 198.51.100.0/24 (table main) dropped: its interface "lan1"');
    },
    30_000,
  );

  it('vlan --json lists the warnings too', async () => {
    const r = await runCli('vlan', '--json', '--snapshot', file);
    const json = JSON.parse(r.out) as { warnings: { source: string; message: string }[] };
    expect(json.warnings.map((w) => w.message)).toContain(
      'element 2 (ifname "lan1") dropped: operstate: not an operational state: 5',
    );
  });
});
