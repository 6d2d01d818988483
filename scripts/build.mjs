#!/usr/bin/env node
/**
 * `npm run build`: one file, dist/netdoctor.mjs, that needs no node_modules and runs on
 * Node >= 20 (`scp dist/netdoctor.mjs router: && ssh router node netdoctor.mjs`).
 *
 * - esbuild bundles src/main.ts with every dependency, minified, React in production mode.
 * - The vendor index (src/net/oui-index.ts) is built here, once, from oui-data, and carried
 *   in sections of its own that src/generated/oui-index-data.ts reads in the shipped file.
 * - Code that only some commands need (the TUI, probes) stays behind dynamic imports, which
 *   esbuild keeps lazy inside the one file: it is parsed, but not run, until used.
 *
 * `node scripts/build.mjs --meta` also writes dist/meta.json (esbuild's input sizes).
 */
import { build } from 'esbuild';
import {
  BUILTINS,
  launcher,
  ouiIndexPlugin,
  packChunks,
  SPLIT_BUILD_OPTIONS,
} from './launcher.mjs';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { narrowWidthPlugin, tuiPlugins, yogaBytesWithBuffer } from './tui-plugins.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'dist', 'netdoctor.mjs');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * The vendor index's parts (core and records), encoded by the same code the tests check
 * (run through esbuild), at brotli's best level (about 20 s): kept in dist/.cache, keyed by
 * oui-data's version and the encoder's source, so a rebuild takes a second.
 */
async function ouiIndexModule() {
  const encoder = path.join(root, 'src/net/oui-index.ts');
  const ouiJson = createRequire(import.meta.url).resolve('oui-data');
  const key = createHash('sha256')
    .update(readFileSync(path.join(path.dirname(ouiJson), 'package.json')))
    .update(readFileSync(encoder))
    .digest('hex')
    .slice(0, 16);
  const cache = path.join(root, 'dist', '.cache', `oui-index-${key}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const tmp = path.join(root, 'dist', '.cache', 'oui-index-encoder.mjs');
  await build({
    entryPoints: [encoder],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: tmp,
    logLevel: 'error',
  });
  const { encodeOuiIndex } = await import(pathToFileURL(tmp).href);
  const registry = createRequire(import.meta.url)('oui-data');
  const parts = encodeOuiIndex(registry, 11);
  rmSync(path.dirname(cache), { recursive: true, force: true });
  mkdirSync(path.dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify(parts));
  return parts;
}

/** Ink's devtools.js (loaded only when DEV=true) pulls in ws and react-devtools-core. */
const noDevtoolsPlugin = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      /[\\/]ink[\\/]/.test(args.importer)
        ? { path: 'devtools', namespace: 'no-devtools' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-devtools' }, () => ({
      contents: "throw new Error('netdoctor is built without the React devtools');",
      loader: 'js',
    }));
  },
};

/**
 * zod ships every language of its messages (260 KB of the bundle); netdoctor reads them in
 * English only, which zod itself loads from ../locales/en.js.
 */
const englishOnlyZodPlugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? {
            path: path.join(path.dirname(args.importer), '..', 'locales', 'en-only.js'),
            namespace: 'zod-en',
          }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * Node's builtins as modules over `require` (a parameter of the app's function, see
 * launcher()), so that the app holds no import statement and can be compiled on demand.
 */
const builtinsPlugin = {
  name: 'builtins-through-require',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z0-9_/]+$/ }, (args) => {
      if (!BUILTINS.has(args.path)) return undefined;
      // require() stays a call of the require we pass in; imports become modules over it,
      // as does a require() of a builtin loaded on first use (commander's child_process).
      const name = args.path.replace(/^node:/, '');
      if (
        args.kind === 'require-call' &&
        (!LAZY_BUILTINS.has(name) || args.namespace === 'builtin')
      ) {
        return { path: args.path, external: true };
      }
      return { path: name, namespace: 'builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, async (args) => {
      const keys = Object.keys(await import(`node:${args.path}`)).filter(
        (k) => /^[A-Za-z_$][\w$]*$/.test(k) && !RESERVED.has(k),
      );
      if (LAZY_BUILTINS.has(args.path)) {
        // CommonJS, so that each import of it is read where it is used: through a getter
        // that loads the builtin then.
        return {
          contents: [
            'let m;',
            'const lazy = {};',
            `for (const k of ${JSON.stringify(keys)}) {`,
            `  Object.defineProperty(lazy, k, { enumerable: true, get: () => (m ??= require(${JSON.stringify(`node:${args.path}`)}))[k] });`,
            '}',
            'module.exports = lazy;',
          ].join('\n'),
          loader: 'js',
        };
      }
      return {
        contents: [
          `const m = require(${JSON.stringify(`node:${args.path}`)});`,
          'export default m;',
          keys.length ? `export const { ${keys.join(', ')} } = m;` : '',
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * yoga-layout (Ink's layout) loads its WebAssembly from a data: URL with fetch() when there
 * is one, and Node's first fetch() loads all of undici. Decoding the same bytes without
 * fetch is what it does where there is none; with Buffer, not atob (yogaBytesWithBuffer).
 */
const yogaWithoutFetchPlugin = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const patched = text.replaceAll('"function"!=typeof fetch', 'true');
      if (patched === text)
        throw new Error(`${args.path}: no fetch test to take out (yoga changed?)`);
      return { contents: yogaBytesWithBuffer(patched, args.path), loader: 'js' };
    });
  },
};

/**
 * Builtins that Node loads (and, without its own code cache, compiles) only when asked, and
 * that many commands never use: the app's imports of them load them on first use. Only
 * those whose default import is used as a plain namespace (never a class, nor for an
 * inherited method as process's `on`).
 */
const LAZY_BUILTINS = new Set([
  'child_process',
  'crypto',
  'dgram',
  'fs/promises',
  'os',
  'perf_hooks',
  'readline',
  'timers/promises',
]);

const RESERVED = new Set(['default', 'delete', 'new', 'function', 'class', 'import', 'export']);

async function main() {
  const started = performance.now();
  mkdirSync(path.dirname(out), { recursive: true });
  const oui = await ouiIndexModule();
  const result = await build({
    entryPoints: [path.join(root, 'src/main.ts')],
    write: false,
    outdir: path.dirname(out),
    // A chunk for each dynamic import and for the code several share: the launcher compiles
    // each only when the app first imports it (scripts/launcher.mjs).
    ...SPLIT_BUILD_OPTIONS,
    legalComments: 'none',
    define: {
      'process.env.NODE_ENV': '"production"',
      'import.meta.url': '__ndUrl',
    },
    plugins: [
      ouiIndexPlugin,
      noDevtoolsPlugin,
      englishOnlyZodPlugin,
      narrowWidthPlugin,
      yogaWithoutFetchPlugin,
      ...tuiPlugins,
      builtinsPlugin,
    ],
    logLevel: 'warning',
  });
  const { chunks, awaits } = await packChunks(result.outputFiles, result.metafile);
  writeFileSync(out, launcher({ version: pkg.version, chunks, awaits, entry: './main.js', oui }));
  chmodSync(out, 0o755);
  if (process.argv.includes('--meta')) {
    writeFileSync(path.join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));
  }
  const size = readFileSync(out).length;
  process.stderr.write(
    `built ${path.relative(root, out)}: ${(size / 1024).toFixed(0)} KiB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

await main();
