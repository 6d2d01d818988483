/**
 * The --json stream's end record (issue 18, docs/json.md): `scan --watch --json` run for real
 * as nobody in a lab box, its passive backend sending nothing, is stopped by SIGINT and by
 * SIGTERM. Its first line names the schema, its last says it was interrupted and by which
 * signal, every line fits the checked-in JSON Schema, and the exit code names the signal.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { describeLab, spawnNetdoctorAsNobody, type Lab } from './lab.js';

const SCHEMA = new URL('../../docs/json-schemas/netdoctor.scan-watch.schema.json', import.meta.url);
const EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

describeLab('a --json stream ends with why it ended', (lab: Lab) => {
  let box = '';

  beforeAll(() => {
    const sw = lab.addSwitch('sw');
    box = lab.addHost('box');
    lab.plug(box, 'eth0', sw);
    lab.ip(box, 'addr', 'add', '198.18.9.1/24', 'dev', 'eth0');
  });

  it.each(Object.entries(EXIT))(
    'scan --watch --json stopped by %s: an end record naming it, exit %i',
    async (signal, code) => {
      const child = spawnNetdoctorAsNobody(box, [
        'scan',
        '--watch',
        '--json',
        '--backend',
        'passive',
        '--interval',
        '1',
      ]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      try {
        const deadline = Date.now() + 15_000;
        while (!/"event":"sweep"/.test(stdout)) {
          if (Date.now() > deadline) throw new Error(`no sweep line; saw ${stdout}${stderr}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        child.kill(signal as keyof typeof EXIT);
        expect(await exited).toBe(code);
      } finally {
        child.kill('SIGKILL');
      }
      expect(stderr).toBe('');
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines[0]).toMatchObject({
        schema: 'netdoctor.scan-watch/1',
        event: 'start',
        backend: 'passive',
        targets: [{ iface: 'eth0', cidr: '198.18.9.0/24' }],
        warnings: [],
      });
      expect(lines.at(-1)).toMatchObject({ event: 'end', reason: 'interrupted', signal });
      const schema = z.fromJSONSchema(
        JSON.parse(readFileSync(SCHEMA, 'utf8')) as Parameters<typeof z.fromJSONSchema>[0],
      );
      for (const line of lines) expect(schema.safeParse(line).error?.issues ?? []).toEqual([]);
    },
    30_000,
  );
});
