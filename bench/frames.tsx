/**
 * Big tables: the Discover panel with 10,000 swept hosts (bench/frames-keys.tsx), the time
 * from a key press to the frame it causes. It runs bundled with the Ink plugins the shipped
 * file is built with (scripts/tui-plugins.mjs: string-width's narrow fast path, the shared
 * styled characters…): through tsx it would time Ink as it is in node_modules, which the
 * shipped file does not run (a third of a key's time was string-width and styled chars).
 */
import { build, type Plugin } from 'esbuild';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a build script, plain JavaScript
import * as shipped from '../scripts/tui-plugins.mjs';
import { buildHostState } from '../src/state/host-state.js';
import { routerSnapshot } from '../test/helpers/fixtures.js';
import { median, type BenchContext, type Row } from './table.js';
import type * as FramesKeys from './frames-keys.js';

/** The shipped file runs React in production mode; `npm run bench` sets NODE_ENV to match. */
const REACT_MODE = process.env['NODE_ENV'] === 'production' ? 'production' : 'development';

/** bench/frames-keys.tsx bundled as the shipped file bundles the TUI, next to the bundle
 *  (so that oui-data, which tsx's vendor index reads, resolves from node_modules). */
async function bundledKeys(bundle: string): Promise<typeof FramesKeys> {
  const plugins = shipped as { narrowWidthPlugin: Plugin; tuiPlugins: Plugin[] };
  const outdir = path.join(path.dirname(bundle), '.cache', 'bench-frames');
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
    plugins: [plugins.narrowWidthPlugin, ...plugins.tuiPlugins],
    logLevel: 'error',
  });
  // eslint-disable-next-line import-x/no-dynamic-require -- the bundle just built
  return (await import(
    pathToFileURL(path.join(outdir, 'frames-keys.mjs')).href
  )) as typeof FramesKeys;
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const { HOSTS, keyTimes } = await bundledKeys(ctx.bundle);
  const times = await keyTimes(buildHostState(routerSnapshot()), ctx.log);
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))]!;
  return [
    {
      figure: `Discover, ${HOSTS} hosts: key to frame, median of ${times.length}`,
      unit: 'ms',
      ours: median(times),
      target: { atMost: 16 },
    },
    {
      figure: `Discover, ${HOSTS} hosts: key to frame, slowest (scroll, sort, filter)`,
      unit: 'ms',
      ours: sorted.at(-1)!,
      target: { atMost: 16 },
      note: `95th percentile ${p95.toFixed(1)} ms; in-process, Ink without throttling, bundled with the shipped file's Ink plugins, React in ${REACT_MODE} mode`,
    },
  ];
}
