/**
 * `npm run bench` (after `npm run build`; as root for the lab rows): every benchmark the
 * issues ask for, printed as ONE table on stdout (Markdown), progress on stderr.
 *
 * A bench file contributes rows with one function, `export async function rows(ctx:
 * BenchContext): Promise<Row[]>` (bench/table.ts), and one line in BENCHES below. Its
 * anchor is measured in the same run, alternating with netdoctor; the table computes the
 * ratio and whether the target holds. `BENCH_ONLY=startup,vendor` runs some of them.
 */
import os from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { labAvailability } from '../test/lab/lab.js';
import { renderTable, type BenchContext, type Row } from './table.js';

type Bench = (ctx: BenchContext) => Promise<Row[]>;

/** Name → loader; the order of the table. */
const BENCHES: readonly (readonly [string, () => Promise<Bench>])[] = [
  ['startup', async () => (await import('./startup.js')).rows],
  ['vendor', async () => (await import('./vendor.js')).rows],
  ['frames', async () => (await import('./frames.js')).rows],
  ['scan', async () => (await import('./run.js')).rows],
  ['scan-dup', async () => (await import('./scan-dup.js')).rows],
  ['trace', async () => (await import('./trace.js')).rows],
  ['plan', async () => (await import('./plan.js')).rows],
  ['path', async () => (await import('./path.js')).rows],
  ['soak', async () => (await import('./soak.js')).rows],
  ['ssh', async () => (await import('./ssh.js')).rows],
];

async function main(): Promise<void> {
  const bundle = fileURLToPath(new URL('../dist/netdoctor.mjs', import.meta.url));
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build`);
  const lab = labAvailability();
  const ctx: BenchContext = {
    bundle,
    labReason: lab.ok ? null : lab.reason,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const only = process.env['BENCH_ONLY']?.split(',');
  const rows: Row[] = [];
  for (const [name, load] of BENCHES) {
    if (only && !only.includes(name)) continue;
    ctx.log(`## ${name}`);
    rows.push(...(await (await load())(ctx)));
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const [l1, l5] = os.loadavg();
  process.stdout.write(
    `netdoctor bench, ${new Date().toISOString()}: ${os.cpus().length} × ${cpu}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${os.release()}, Node ${process.version}, ` +
      `load ${l1?.toFixed(1)}/${l5?.toFixed(1)} at the end\n\n${renderTable(rows)}`,
  );
}

await main();
