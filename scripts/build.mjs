#!/usr/bin/env node
/**
 * `npm run build`: one file, dist/netdoctor.mjs, that needs no node_modules and runs on
 * Node >= 20 (`scp dist/netdoctor.mjs router: && ssh router node netdoctor.mjs`).
 *
 * - esbuild bundles src/main.ts with every dependency, minified, React in production mode.
 * - The vendor index (src/net/oui-index.ts) is built here, once, from oui-data and put in
 *   place of src/generated/oui-index-data.ts, so the shipped file parses no JSON for it.
 * - Code that only some commands need (the TUI, probes) stays behind dynamic imports, which
 *   esbuild keeps lazy inside the one file: it is parsed, but not run, until used.
 *
 * `node scripts/build.mjs --meta` also writes dist/meta.json (esbuild's input sizes).
 */
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { builtinModules } from 'node:module';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { tuiPlugins } from './tui-plugins.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'dist', 'netdoctor.mjs');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * The vendor index, encoded by the same code the tests check (run through esbuild), at
 * brotli's best level (about 20 s): kept in dist/.cache, keyed by oui-data's version and
 * the encoder's source, so a rebuild takes a second.
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
  if (existsSync(cache)) return readFileSync(cache, 'utf8');
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
  const data = encodeOuiIndex(registry, 11);
  const text = JSON.stringify(data);
  rmSync(path.dirname(cache), { recursive: true, force: true });
  mkdirSync(path.dirname(cache), { recursive: true });
  writeFileSync(cache, text);
  return text;
}

/**
 * Puts the built vendor index where src/generated/oui-index-data.ts was imported: the data
 * itself is a parameter of the app (see launcher()), not a string inside the app's string.
 */
const ouiIndexPlugin = {
  name: 'oui-index',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]generated[\\/]oui-index-data\.ts$/ }, () => ({
      contents: 'export function ouiIndexData() { return __ndOui(); }',
      loader: 'js',
    }));
  },
};

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
    const names = new Set(builtinModules.flatMap((n) => [n, `node:${n}`]));
    b.onResolve({ filter: /^(node:)?[a-z0-9_/]+$/ }, (args) => {
      if (!names.has(args.path)) return undefined;
      // require() stays a call of the require we pass in; imports become modules over it.
      if (args.kind === 'require-call') return { path: args.path, external: true };
      return { path: args.path.replace(/^node:/, ''), namespace: 'builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, async (args) => {
      const keys = Object.keys(await import(`node:${args.path}`)).filter(
        (k) => /^[A-Za-z_$][\w$]*$/.test(k) && !RESERVED.has(k),
      );
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
 * Ink measures every line it draws with string-width, whose first non-ASCII call builds an
 * Intl.Segmenter and compiles an expression of every emoji (a third of the TUI's first
 * frame). Every import of string-width gets src/text/narrow.ts in front of it: text of
 * one-column characters is its length; the rest goes to string-width as before.
 */
const narrowWidthPlugin = {
  name: 'narrow-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: 'real',
      });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'narrow-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'narrow-string-width' }, (args) => ({
      contents: [
        `import stringWidth from ${JSON.stringify(args.path)};`,
        `import { withNarrowFastPath } from ${JSON.stringify(path.join(root, 'src/text/narrow.ts'))};`,
        'export default withNarrowFastPath(stringWidth);',
      ].join('\n'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * yoga-layout (Ink's layout) loads its WebAssembly from a data: URL with fetch() when there
 * is one, and Node's first fetch() loads all of undici. Decoding the same bytes without
 * fetch is what it does where there is none.
 */
const yogaWithoutFetchPlugin = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const patched = text.replaceAll('"function"!=typeof fetch', 'true');
      if (patched === text)
        throw new Error(`${args.path}: no fetch test to take out (yoga changed?)`);
      return { contents: patched, loader: 'js' };
    });
  },
};

const RESERVED = new Set(['default', 'delete', 'new', 'function', 'class', 'import', 'export']);

/**
 * Runs inside the shipped file (this function's text is copied into it, see launcher()):
 * reads the app, which the file carries as comment lines after the launcher, and runs it
 * as the body of an async function compiled through node:vm, with V8's code cache.
 *
 * Why comments: V8 compiles a module's whole text before running any of it; a comment is
 * only skipped over, so `--version`, which needs none of the app, reads no more than the
 * file. Why the code cache: compiling the app is most of netdoctor's start-up; V8's cache
 * of the code a run compiled (`Script#createCachedData`) lets the next run skip it. The
 * cache lives in $XDG_CACHE_HOME/netdoctor (else ~/.cache/netdoctor), one file per build
 * (the app's hash), V8 version and command, written once after a run that had none, and
 * ignored when it cannot be read or written or when V8 refuses it (it checks the source
 * and its own flags). NETDOCTOR_CODE_CACHE=0 turns it off.
 */
function launch(url, meta, createRequire) {
  const require = createRequire(url);
  const fs = require('node:fs');
  const { Script } = require('node:vm');
  const { Buffer } = require('node:buffer');
  const file = require('node:url').fileURLToPath(url);
  /** A part of this file ([offset, length] in meta), with each line's `//` taken off. */
  const part = ([offset, length]) => {
    const fd = fs.openSync(file, 'r');
    try {
      const bytes = Buffer.allocUnsafe(length);
      if (fs.readSync(fd, bytes, 0, length, offset) !== length) throw new Error('cut short');
      return bytes.latin1Slice(2).replaceAll('\n//', '\n');
    } catch (err) {
      throw new Error(`${file} is damaged (${err.message}): copy it again`);
    } finally {
      fs.closeSync(fd);
    }
  };
  const source = `(async function (require, __ndUrl, __ndOui) {${part(meta.app)}\n})`;
  const env = process.env;
  const home = env.XDG_CACHE_HOME?.startsWith('/')
    ? env.XDG_CACHE_HOME
    : env.HOME?.startsWith('/')
      ? `${env.HOME}/.cache`
      : null;
  const dir = env.NETDOCTOR_CODE_CACHE === '0' || home === null ? null : `${home}/netdoctor`;
  // One cache per command (the first word that is no option) and terminal or not: each
  // holds the code its own start-up runs, and no more to load.
  const word = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '';
  const mode = `${/^[a-z]{1,16}$/.test(word) ? word : 'root'}${process.stdout.isTTY ? '-tty' : ''}`;
  const prefix = `code-${meta.hash}-`;
  const cacheFile = dir && `${dir}/${prefix}${process.versions.v8}-${mode}.bin`;
  let cachedData;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // no cache yet, or none readable: compile as usual
  }
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At exit, so that the cache holds every function this run compiled.
    process.once('exit', () => {
      try {
        // One level at a time: a recursive mkdir spins for ever under /proc (HOME=/proc).
        for (const d of [home, dir]) {
          try {
            fs.mkdirSync(d, { mode: 0o700 });
          } catch (err) {
            if (err.code !== 'EEXIST') throw err;
          }
        }
        const tmp = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        // Caches of other builds are dead weight.
        for (const name of fs.readdirSync(dir)) {
          if (name.startsWith('code-') && !name.startsWith(prefix)) fs.rmSync(`${dir}/${name}`);
        }
      } catch {
        // unwritable: the next run compiles again
      }
    });
  }
  const oui = () => JSON.parse(part(meta.oui));
  return script.runInThisContext()(require, url, oui);
}

/**
 * The shipped file: a few lines that answer `--version` at once, then launch() and its
 * parts as comment lines: the app, and the vendor index (src/net/oui-index.ts, built from
 * oui-data here) as JSON.
 */
function launcher(app, ouiJson, version) {
  const asComments = (text) => `//${text.replaceAll('\n', '\n//')}`;
  const hash = createHash('sha256').update(app).digest('hex').slice(0, 16);
  const parts = [asComments(app), asComments(ouiJson)];
  // The parts' places go into the header, which comes before them: numbers of a fixed width.
  const header = (places) =>
    [
      '#!/usr/bin/env node',
      `// netdoctor ${version}: one file, built by scripts/build.mjs; runs on Node >= 20.`,
      "import { createRequire } from 'node:module';",
      'const argv = process.argv.slice(2);',
      "if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {",
      `  process.stdout.write(${JSON.stringify(`${version}\n`)});`,
      '} else {',
      `  const meta = { hash: '${hash}', app: [${places[0]}], oui: [${places[1]}] };`,
      `  await (${launch.toString()})(import.meta.url, meta, createRequire);`,
      '}',
      '',
    ].join('\n');
  const width = (n) => String(n).padStart(10, ' ');
  let at = Buffer.byteLength(header(parts.map(() => `${width(0)}, ${width(0)}`)));
  const places = parts.map((text) => {
    const place = `${width(at)}, ${width(text.length)}`;
    at += text.length + 1;
    return place;
  });
  return `${header(places)}${parts.join('\n')}\n`;
}

async function main() {
  const started = performance.now();
  mkdirSync(path.dirname(out), { recursive: true });
  const oui = await ouiIndexModule();
  const result = await build({
    entryPoints: [path.join(root, 'src/main.ts')],
    write: false,
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    metafile: process.argv.includes('--meta'),
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
  const app = result.outputFiles[0].text;
  // Fails here, not on a router, if anything left the app a module rather than a body, or
  // anything would break its carriage as comment lines (see launch()).
  new (async () => {}).constructor('require', '__ndUrl', '__ndOui', app);
  if (/[\r\u0080-\uffff]/.test(app + oui) || /\n\/\/@/.test(app + oui)) {
    throw new Error('the app or the vendor index holds a character the launcher cannot carry');
  }
  writeFileSync(out, launcher(app, oui, pkg.version));
  chmodSync(out, 0o755);
  if (result.metafile) {
    writeFileSync(path.join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));
  }
  const size = readFileSync(out).length;
  process.stderr.write(
    `built ${path.relative(root, out)}: ${(size / 1024).toFixed(0)} KiB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

await main();
