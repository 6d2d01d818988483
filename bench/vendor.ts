/**
 * Vendor lookups: 65,536 random MACs, each under a random prefix of the registry (every
 * lookup a hit, the slow case), through lookupVendor, as a user's first sweep pays for them:
 *
 * - in a node of its own, under the shipped file's V8 flags (V8_FLAGS), not in this bench's
 *   process (tsx, its own compiled code and garbage);
 * - through lookupVendor bundled and minified as the shipped file bundles it
 *   (bench/vendor-child.ts), with the index the shipped file carries: its `oui:` sections,
 *   each read at its offset and checked as launch() does it, when the index asks for it;
 * - cold: the first lookup reads the index's core; then the rest. A warm pass follows.
 *
 * Each round is a new process; the rows give the median and every round in the note. What
 * this leaves out: the launcher's code cache (it holds the bytecode of what a command ran
 * before: a few small functions here) and the app's own heap around the lookups.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ouiIndexPlugin, V8_FLAGS } from '../scripts/launcher.mjs';
import { median, type BenchContext, type Row } from './table.js';

const N = 65_536;
const ROUNDS = Number(process.env['BENCH_VENDOR_ROUNDS'] ?? 7);

function randomMacs(): string[] {
  const prefixes = Object.keys(createRequire(import.meta.url)('oui-data') as object);
  const hex = '0123456789abcdef';
  return Array.from({ length: N }, () => {
    let h = prefixes[Math.floor(Math.random() * prefixes.length)]!.toLowerCase();
    while (h.length < 12) h += hex[Math.floor(Math.random() * 16)];
    return h.replace(/(..)(?!$)/g, '$1:');
  });
}

/** bench/vendor-child.ts bundled as scripts/build.mjs bundles the app (minified, node20),
 *  its index data read from the shipped file (through the build's ouiIndexPlugin). */
async function bundledChild(dir: string): Promise<string> {
  const outfile = path.join(dir, 'vendor-child.mjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'vendor-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    outfile,
    plugins: [ouiIndexPlugin],
    logLevel: 'error',
  });
  return outfile;
}

interface Times {
  readonly first: number;
  readonly cold: number;
  readonly warm: number;
  readonly hits: number;
}

function round(child: string, bundle: string, macs: string): Times {
  const run = spawnSync(
    process.execPath,
    [
      ...V8_FLAGS.split(' '),
      '--input-type=module',
      '-e',
      `const { childMain } = await import(${JSON.stringify(pathToFileURL(child).href)}); childMain(${JSON.stringify(bundle)}, ${JSON.stringify(macs)});`,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`vendor bench child exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Times;
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const dir = path.join(path.dirname(ctx.bundle), '.cache', 'bench-vendor');
  mkdirSync(dir, { recursive: true });
  const macs = path.join(dir, 'macs.json');
  writeFileSync(macs, JSON.stringify(randomMacs()));
  const child = await bundledChild(dir);
  const times: Times[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = round(child, ctx.bundle, macs);
    if (t.hits !== 2 * N) throw new Error(`vendor bench: ${t.hits} hits of ${2 * N}`);
    times.push(t);
  }
  const each = (k: keyof Times) => times.map((t) => t[k].toFixed(0)).join(', ');
  return [
    {
      figure: '65,536 vendor lookups, cold (index read and decode included; own node, V8_FLAGS)',
      unit: 'ms',
      ours: median(times.map((t) => t.cold)),
      target: { atMost: 50 },
      note: `median of ${ROUNDS} processes: ${each('cold')}; the first lookup (read, decode) ${each('first')}`,
    },
    {
      figure: '65,536 vendor lookups through lookupVendor, warm (same processes)',
      unit: 'ms',
      ours: median(times.map((t) => t.warm)),
      target: { atMost: 50 },
      note: each('warm'),
    },
  ];
}
