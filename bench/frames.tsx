/**
 * Big tables: the Discover panel with 10,000 swept hosts (bench/frames-keys.tsx), the time
 * from a key press to the frame it causes. It runs bundled with the Ink plugins the shipped
 * file is built with (scripts/tui-plugins.mjs: string-width's narrow fast path, the shared
 * styled characters…): through tsx it would time Ink as it is in node_modules, which the
 * shipped file does not run (a third of a key's time was string-width and styled chars).
 * It runs in a process of its own under the V8 flags the shipped file sets (V8_FLAGS: the
 * young generation's size is what decides when a collection lands on a key), not inside
 * this bench's process with tsx and the other benches' garbage.
 */
import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { V8_FLAGS } from '../scripts/launcher.mjs';
// @ts-expect-error: a build script, plain JavaScript
import * as shipped from '../scripts/tui-plugins.mjs';
import { ouiIndexData } from '../src/generated/oui-index-data.js';
import { median, type BenchContext, type Row } from './table.js';

/**
 * The vendor index as the shipped file holds it: scripts/build.mjs carries the built index's
 * parts as sections, and the launcher hands over their bytes (the core as read, the records
 * when first asked). Left as it is, the bundle required oui-data's 5.6 MB of JSON and kept it
 * (about 10 MB of strings and objects the shipped file never has), which every full
 * collection marked.
 */
function builtVendorIndexPlugin(core: string, records: string): Plugin {
  return {
    name: 'built-vendor-index',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]generated[\\/]oui-index-data\.ts$/ }, () => ({
        contents: [
          "import { readFileSync } from 'node:fs';",
          `export function ouiIndexData() { return { core: readFileSync(${JSON.stringify(core)}), records: () => readFileSync(${JSON.stringify(records)}, 'latin1') }; }`,
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}

/** The shipped file runs React in production mode; `npm run bench` sets NODE_ENV to match. */
const REACT_MODE = process.env['NODE_ENV'] === 'production' ? 'production' : 'development';

/** bench/frames-keys.tsx bundled as the shipped file bundles the TUI (its Ink plugins, its
 *  vendor index), next to the bundle: its path. */
async function bundledKeys(bundle: string): Promise<string> {
  const plugins = shipped as { narrowWidthPlugin: Plugin; tuiPlugins: Plugin[] };
  const outdir = path.join(path.dirname(bundle), '.cache', 'bench-frames');
  const core = path.join(outdir, 'oui-core.txt');
  const records = path.join(outdir, 'oui-records.txt');
  // Anew each run: esbuild leaves the chunks of earlier builds beside the new ones.
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const index = ouiIndexData();
  writeFileSync(core, index.core);
  writeFileSync(records, index.records(), 'latin1');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'frames-keys.tsx')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    // Ink's devtools (only with DEV=true, and not installed) stay behind their import().
    splitting: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': JSON.stringify(REACT_MODE) },
    external: ['react-devtools-core', 'oui-data'],
    // CommonJS inside the bundle (react's) requires Node's builtins.
    banner: {
      js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
    },
    plugins: [
      builtVendorIndexPlugin(core, records),
      plugins.narrowWidthPlugin,
      ...plugins.tuiPlugins,
    ],
    logLevel: 'error',
  });
  return path.join(outdir, 'frames-keys.mjs');
}

/** The key times (and host count) from the bundle run in a node of its own with the shipped file's flags. */
function keyTimesApart(
  keys: string,
  log: (line: string) => void,
): { hosts: number; times: number[] } {
  const snapshot = path.join(
    import.meta.dirname,
    '..',
    'test',
    'fixtures',
    'lab-router',
    'snapshot.json',
  );
  const run = spawnSync(
    process.execPath,
    [
      ...V8_FLAGS.split(' '),
      '--input-type=module',
      '-e',
      `const { childMain } = await import(${JSON.stringify(pathToFileURL(keys).href)}); await childMain(${JSON.stringify(snapshot)});`,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  for (const line of run.stderr.split('\n').filter(Boolean)) log(line);
  if (run.status !== 0) throw new Error(`frames bench child exited ${run.status}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
    hosts: number;
    times: number[];
  };
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const { hosts, times } = keyTimesApart(await bundledKeys(ctx.bundle), ctx.log);
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))]!;
  return [
    {
      figure: `Discover, ${hosts} hosts: key to frame, median of ${times.length}`,
      unit: 'ms',
      ours: median(times),
      target: { atMost: 16 },
    },
    {
      figure: `Discover, ${hosts} hosts: key to frame, slowest (scroll, sort, filter)`,
      unit: 'ms',
      ours: sorted.at(-1)!,
      target: { atMost: 16 },
      note: `95th percentile ${p95.toFixed(1)} ms; in a node of its own with the shipped file's V8 flags, Ink without throttling, bundled with the shipped file's Ink plugins, React in ${REACT_MODE} mode`,
    },
  ];
}
