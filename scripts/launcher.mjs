/**
 * The shipped file's launcher and how the app is packed into it (scripts/build.mjs builds
 * the app; test/build/launcher.test.ts checks this file on a small app of its own).
 *
 * dist/netdoctor.mjs is one file: a few lines that answer `--version` at once, launch()
 * below, then sections, one comment line each: the app's chunks (esbuild's code splitting:
 * one chunk for each dynamic import and for code several of them share) and the vendor
 * index's parts. Each chunk is carried as base64 of brotli, or as its own text when that
 * is shorter; the vendor index's parts as their own text (ASCII, read where they lie). Why
 * so: Node's module loader decodes and V8 scans the whole file on every start, about 10 ms
 * a megabyte; a compressed chunk costs that only for its compressed size, and
 * is inflated, compiled and run only when the app first imports it. `overview --plain`
 * never compiles Ink, React or yoga, and `--version` none of it.
 *
 * The `netdoctor` command, bin/netdoctor.js, does not even pay for the whole file once: it
 * reads the header's third and fourth lines (the meta as JSON, then launch()'s text) as
 * bytes and runs launch() itself. The file run alone (`node netdoctor.mjs`) runs the same
 * launch() as an ES module.
 */
// launch() is copied into the shipped file as text: it names Node's globals, never an import
// of this module (a test runner rewrites those).
/* global process, Buffer, setTimeout */
import { createHash } from 'node:crypto';
import { builtinModules } from 'node:module';
import { brotliCompressSync, constants, crc32 } from 'node:zlib';
import { transform } from 'esbuild';

/** The starts of the header's third and fourth lines (see launcher() and bin/netdoctor.js). */
export const META_PREFIX = 'const meta = ';
export const LAUNCH_PREFIX = 'const launch = ';

/** The V8 flags launch() sets before it compiles anything (why: in launch()). */
export const V8_FLAGS = '--semi-space-growth-factor=1 --no-wasm-tier-up --no-wasm-dynamic-tiering';

/**
 * How long a command's start lasts, for the builtins launch() loads before its V8 flags: those
 * the start loaded in its first START_MS last time (a TUI's first frame is drawn in about
 * 0.5 s on a 2-core box, 1.5 s under load).
 */
export const START_MS = 1500;

/** What a chunk's function receives: CommonJS's three, then what the launcher adds. */
const PARAMS = 'exports, require, module, __ndUrl, __ndOui, __ndImport';

/**
 * esbuild's plugin that puts the shipped vendor index where src/generated/oui-index-data.ts
 * was imported: the data is launcher()'s `oui` parts, which a chunk reads through its
 * `__ndOui` parameter (a part's bytes as they lie in the file: src/net/oui-index.ts reads
 * its core in place), not a string inside the app's string. The build and the vendor bench
 * use it.
 */
export const ouiIndexPlugin = {
  name: 'oui-index',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]generated[\\/]oui-index-data\.ts$/ }, () => ({
      contents:
        "export function ouiIndexData() { return { core: __ndOui('core'), records: () => __ndOui('records').toString('latin1') }; }",
      loader: 'js',
    }));
  },
};

/**
 * Runs inside the shipped file (its text is copied there, see launcher()). Each chunk runs
 * as the body of a function compiled through node:vm with V8's code cache; its imports are
 * require() calls of the others, answered from this file's sections.
 *
 * Chunks: esbuild's CommonJS form of each (packChunks): `require("./c-X.js")` for a static
 * import (run at once, in order: a cycle sees the part already run, as in an ES module),
 * `__ndImport("./c-X.js")` for a dynamic one. A chunk that awaits at its top level runs as
 * an async function: before a dynamic import runs anything, the launcher awaits each such
 * chunk that import reaches (meta.awaits), so nothing requires one half run.
 *
 * The code cache: compiling is most of a start; V8's cache of the code a run compiled
 * (`Script#createCachedData`) lets the next run skip it. It lives in $XDG_CACHE_HOME/netdoctor
 * (else ~/.cache/netdoctor), one file per build (meta.hash), V8 version and command, holding
 * every section that command compiled; written at exit after a run that compiled one
 * without it (or had it refused: V8 checks its version, flags and the source's length), and
 * ignored when it cannot be read or written. NETDOCTOR_CODE_CACHE=0 turns it off.
 */
function launch(url, meta, createRequire) {
  const require = createRequire(url);
  const fs = require('node:fs');
  const { Script } = require('node:vm');
  const zlib = require('node:zlib');
  const file = require('node:url').fileURLToPath(url);
  const { builtinModules } = require('node:module');
  /** A builtin that loads quietly: no deprecation or experimental warning on its require. */
  const PRELOADABLE = (name) =>
    builtinModules.includes(name) &&
    !/^(_|internal\/|punycode$|sys$|wasi$|sqlite$|test)/.test(name);
  const index = new Map(meta.sections.map((s, i) => [s[0], i]));
  /** A section's bytes: read at its place in this file, checked, inflated. */
  const bytesOf = (i) => {
    const [name, offset, length, crc, brotli, , size] = meta.sections[i];
    const damaged = (why) => new Error(`${file} is damaged (${name}: ${why}): copy it again`);
    let carried = Buffer.allocUnsafe(length);
    const fd = fs.openSync(file, 'r');
    try {
      if (fs.readSync(fd, carried, 0, length, meta.base + offset) !== length) {
        throw damaged('cut short');
      }
    } finally {
      fs.closeSync(fd);
    }
    if (brotli) carried = Buffer.from(carried.latin1Slice(), 'base64');
    if (zlib.crc32(carried) !== crc) throw damaged('checksum');
    // One buffer of the known size: no pieces to join (each copy is memory to touch).
    const text =
      brotli === 1 ? zlib.brotliDecompressSync(carried, { chunkSize: size + 64 }) : carried;
    if (text.length !== size) throw damaged('size');
    return text;
  };
  const textOf = (i) => bytesOf(i).latin1Slice();

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
  /**
   * Whether only this user can change what `st` stats. A code cache is code: one that
   * another user could write (root run with another's $XDG_CACHE_HOME, `sudo -E`, a cache in
   * /tmp) would run as this user, so it is read and written only where the cache root, its
   * netdoctor directory and the file are this user's and no one else's to write.
   * (src/system/version-cache.ts keeps its tool versions by the same rule.)
   */
  const ownedOnly = (st) => st.uid === process.geteuid() && (st.mode & 0o022) === 0;
  const ownDir = (d) => {
    try {
      const st = fs.statSync(d);
      return st.isDirectory() && ownedOnly(st);
    } catch {
      return false;
    }
  };
  /**
   * The cache file: a uint32 (LE) length of a JSON index, the index, then the data. The
   * index holds `sections`, a list of [section, its checksum, size] in the data's order,
   * and `builtins`, the builtins this command's start loaded (see below). Only the index is
   * read at start; a section's data is read when that section is compiled, so no more of
   * the file than this run uses is held in memory.
   */
  let cached = new Map(); // section name -> [offset, size] of its data in cacheFd
  let cacheFd = null;
  let builtins = [];
  try {
    if (cacheFile) {
      cacheFd = fs.openSync(cacheFile, 'r');
      const stat = fs.fstatSync(cacheFd);
      if (!stat.isFile() || !ownedOnly(stat) || !ownDir(home) || !ownDir(dir)) {
        throw new Error('another user could have written it');
      }
      const total = stat.size;
      const head = Buffer.alloc(4);
      fs.readSync(cacheFd, head, 0, 4, 0);
      if (4 + head.readUInt32LE(0) > total) throw new Error('cut short');
      const list = Buffer.alloc(head.readUInt32LE(0));
      fs.readSync(cacheFd, list, 0, list.length, 4);
      let at = 4 + list.length;
      const read = JSON.parse(list.latin1Slice());
      for (const [name, crc, size] of read.sections) {
        // V8 checks a cache against its source's length only: the checksum names the text.
        if (crc === meta.sections[index.get(name)]?.[3]) cached.set(name, [at, size]);
        at += size;
      }
      if (at !== total) throw new Error('cut short');
      builtins = read.builtins.filter((b) => typeof b === 'string' && PRELOADABLE(b));
    }
  } catch {
    cached = new Map(); // no cache yet, or none readable: compile as usual
    builtins = [];
  }
  // Node compiles a builtin from its own code cache, which V8 refuses once the flags below
  // are set: each builtin loaded after them is compiled from its source (the TUI's start
  // loaded about 30: child_process, fs/promises, assert, perf_hooks and more: 20-25 ms of a core).
  // The builtins this command's start loaded last time load now, from Node's cache.
  for (const name of builtins) {
    try {
      require(`node:${name}`);
    } catch {
      // gone from this Node: the app loads what it needs as ever
    }
  }
  // V8's flags for a command that starts, draws and is gone. Set before this file compiles
  // anything, so that every code cache is made and used under the same flags (V8 refuses a
  // cache made under others), and after the builtins above and those the start loaded last
  // time (Node's own cache of a builtin is refused under other flags too). Measured
  // (bench/startup.ts): about 2 MB less memory for a plain command and 13 MB for the TUI,
  // and no slower a first frame or Discover key:
  // - the young generation keeps its first size instead of doubling to 16 MB as the app
  //   starts (what lives on is moved to the old generation as ever);
  // - WebAssembly (Ink's layout, yoga) stays on Liftoff, its first tier: TurboFan's tier-up
  //   of yoga takes memory and a core while the first frame is drawn. (Not --liftoff-only:
  //   that aborts the process where Liftoff cannot compile a function.)
  // Left out: optimising later (--interrupt-budget) saved 3 MB more, but a plain start ran
  // 10 % more instructions (callgrind).
  // The flags are V8_FLAGS, carried in the meta (bench/frames.tsx runs with the same).
  require('node:v8').setFlagsFromString(meta.v8Flags);
  // Which builtins this start loads after the flags: those of its first meta.startMs (the
  // start of a command, its first frame on a busy box; later ones, a panel opened or a key
  // pressed, are not preloaded: each costs every start a millisecond or more).
  const loads = process.moduleLoadList;
  const flagsAt = Array.isArray(loads) ? loads.length : null;
  let startLoads = null;
  const takeStartLoads = () => {
    startLoads ??=
      flagsAt === null
        ? []
        : loads
            .slice(flagsAt)
            .filter((l) => l.startsWith('NativeModule '))
            .map((l) => l.slice('NativeModule '.length))
            .filter((b) => PRELOADABLE(b) && !builtins.includes(b));
  };
  if (cacheFile) setTimeout(takeStartLoads, meta.startMs).unref();
  /** A section's cached data, read from the cache file (undefined: none). */
  const cachedData = (name) => {
    const place = cached.get(name);
    if (!place) return undefined;
    const bytes = Buffer.allocUnsafe(place[1]);
    return fs.readSync(cacheFd, bytes, 0, place[1], place[0]) === place[1] ? bytes : undefined;
  };
  const scripts = new Map();
  let stale = false;
  const compile = (i) => {
    const name = meta.sections[i][0];
    // The section holds the whole function (packChunks), so that its text is the source as
    // it is: no second copy made by joining strings.
    const source = textOf(i);
    const data = cachedData(name);
    const script = new Script(source, { filename: file, ...(data ? { cachedData: data } : {}) });
    if (!data || script.cachedDataRejected) stale = true;
    scripts.set(name, script);
    return script.runInThisContext();
  };
  if (cacheFile) {
    // At exit, so that the cache holds every function this run compiled.
    process.once('exit', () => {
      takeStartLoads();
      if (!stale && startLoads.length === 0) return;
      try {
        // One level at a time: a recursive mkdir spins for ever under /proc (HOME=/proc).
        for (const d of [home, dir]) {
          try {
            fs.mkdirSync(d, { mode: 0o700 });
          } catch (err) {
            if (err.code !== 'EEXIST') throw err;
          }
        }
        const parts = new Map();
        for (const name of cached.keys()) {
          if (!scripts.has(name)) parts.set(name, cachedData(name));
        }
        if (!ownDir(home) || !ownDir(dir)) return;
        for (const [name, script] of scripts) parts.set(name, script.createCachedData());
        if ([...parts.values()].includes(undefined)) return;
        const crc = (name) => meta.sections[index.get(name)][3];
        const list = Buffer.from(
          JSON.stringify({
            sections: [...parts].map(([n, b]) => [n, crc(n), b.length]),
            builtins: [...builtins, ...startLoads],
          }),
        );
        const head = Buffer.alloc(4);
        head.writeUInt32LE(list.length);
        const tmp = `${cacheFile}.${process.pid}`;
        // 'wx': never through a link or a file someone put there first.
        fs.writeFileSync(tmp, Buffer.concat([head, list, ...parts.values()]), {
          mode: 0o600,
          flag: 'wx',
        });
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

  /** A part of the vendor index: its bytes (the reader keeps them, no copy is made). */
  const oui = (part) => {
    const i = meta.oui[part];
    if (i === undefined) throw new Error(`${file} has no vendor index part ${part}`);
    return bytesOf(i);
  };
  const modules = new Map();
  const run = (i) => {
    const module = { exports: {} };
    modules.set(i, module);
    const done = compile(i)(module.exports, requireAny, module, url, oui, importChunk);
    return meta.sections[i][5] ? done.then(() => module) : module;
  };
  /** A chunk's exports, running it first if no one has; else one of Node's builtins. */
  function requireAny(spec) {
    const i = index.get(spec);
    if (i === undefined) return require(spec);
    const module = modules.get(i) ?? (meta.sections[i][5] ? null : run(i));
    if (module === null) throw new Error(`${spec} awaits at its top level: import it`);
    return module.exports;
  }
  const awaited = new Map();
  async function importChunk(spec) {
    for (const a of meta.awaits[spec] ?? []) {
      const i = index.get(a);
      if (!awaited.has(i)) awaited.set(i, run(i));
      await awaited.get(i);
    }
    return requireAny(spec);
  }
  return importChunk(meta.entry);
}

/**
 * An ES module's top-level awaits, each `await X` made `__ndTLA(X)`: a call esbuild's
 * CommonJS form keeps as it is, made an await again inside the chunk's async function.
 * TypeScript's parser finds them (an await inside a function is that function's own).
 */
async function markTopLevelAwaits(code) {
  const { default: ts } = await import('typescript');
  const file = ts.createSourceFile(
    'chunk.js',
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  );
  const edits = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isForOfStatement(node) && node.awaitModifier) {
      throw new Error('a chunk has a for await at its top level: the launcher cannot carry it');
    }
    if (ts.isAwaitExpression(node)) {
      edits.push([node.getStart(file), node.expression.getStart(file), '__ndTLA(']);
      edits.push([node.expression.end, node.expression.end, ')']);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  for (const [from, to, text] of edits.sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, from) + text + out.slice(to);
  }
  return { code: out, count: edits.length / 2 };
}

/** Every builtin's specifier, bare and `node:` (the build's builtins plugin uses it too). */
export const BUILTINS = new Set(builtinModules.flatMap((n) => [n, `node:${n}`]));

/**
 * The esbuild options that make the chunks packChunks() packs: the build and the launcher's
 * test use the same, so the test packs what the build ships.
 */
export const SPLIT_BUILD_OPTIONS = Object.freeze({
  splitting: true,
  chunkNames: 'c-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  metafile: true,
});

/**
 * A chunk's code as the function launch() runs. On one line when it parses so: esbuild ends
 * the code with a newline, and a section with none travels as its text (carriage()). Kept
 * before the closing brace only where a comment on the last line would swallow it.
 */
function wrapped(code, async) {
  const head = `(${async ? 'async ' : ''}function (${PARAMS}) {"use strict";`;
  const oneLine = `${head}${code.replace(/\n$/, '')}})`;
  try {
    new Function(`return ${oneLine}`);
    return oneLine;
  } catch {
    return `${head}${code}\n})`;
  }
}

/**
 * The chunks of an esbuild build with `splitting: true` and format esm (its outputFiles
 * and metafile), in the form launch() runs: each chunk's body in esbuild's own CommonJS
 * form (its imports require() calls, its exports getters on module.exports), dynamic
 * imports calls of __ndImport, and each chunk's top-level awaits kept (see
 * markTopLevelAwaits). Returns the chunks and, for each chunk that reaches chunks that
 * await at their top level, those chunks in the order they must run (launch's meta.awaits).
 */
export async function packChunks(outputFiles, metafile) {
  const specOf = (p) => `./${p.split('/').at(-1)}`;
  const imports = new Map(
    Object.entries(metafile.outputs)
      .filter(([p]) => p.endsWith('.js'))
      .map(([p, info]) => [specOf(p), info.imports]),
  );
  const chunks = [];
  for (const file of outputFiles.filter((f) => f.path.endsWith('.js'))) {
    const name = specOf(file.path);
    const own = imports.get(name);
    if (!own) throw new Error(`${name}: not in esbuild's metafile`);
    const chunkImports = own.filter((i) => !i.external);
    const deps = chunkImports
      .filter((i) => i.kind === 'import-statement')
      .map((i) => specOf(i.path));
    const dynamic = new Set(
      chunkImports.filter((i) => i.kind === 'dynamic-import').map((i) => specOf(i.path)),
    );
    const found = new Set();
    const esm = file.text.replace(/\bimport\((?="(\.\/[\w-]+\.js)"\))/g, (_, spec) => {
      found.add(spec);
      return '__ndImport(';
    });
    if ([...dynamic].some((d) => !found.has(d)) || found.size !== dynamic.size) {
      throw new Error(`${name}: its dynamic imports are not the chunks esbuild lists`);
    }
    const options = { format: 'cjs', platform: 'node', target: 'node20', minify: true };
    let async = false;
    let code;
    try {
      code = (await transform(esm, { ...options, logLevel: 'silent' })).code;
    } catch (err) {
      if (!err.errors?.every((e) => /top-level await/i.test(e.text))) throw err;
      async = true;
      const marked = await markTopLevelAwaits(esm);
      code = (await transform(marked.code, options)).code;
      if (code.split('__ndTLA(').length - 1 !== marked.count) {
        throw new Error(`${name}: esbuild moved a top-level await`);
      }
      code = code.replaceAll('__ndTLA(', 'await(');
    }
    // Fails here, not on a router: anything launch() could not run.
    const Fn = async ? (async () => {}).constructor : Function;
    new Fn(...PARAMS.split(', '), `"use strict";${code}`);
    code = wrapped(code, async);
    if (/[\u0080-\uffff]/.test(code)) throw new Error(`${name}: holds a character beyond ASCII`);
    for (const [, spec] of code.matchAll(/\brequire\("([^"]*)"\)/g)) {
      if (!imports.has(spec) && !BUILTINS.has(spec)) {
        throw new Error(`${name}: requires ${spec}, neither a chunk nor a builtin`);
      }
    }
    chunks.push({ name, code, async, deps });
  }
  const byName = new Map(chunks.map((c) => [c.name, c]));
  const awaits = {};
  for (const chunk of chunks) {
    const order = [];
    const seen = new Set();
    const visit = (name) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const dep of byName.get(name).deps) visit(dep);
      order.push(name);
    };
    visit(chunk.name);
    const list = order.filter((n) => byName.get(n).async);
    if (list.length > 0) awaits[chunk.name] = list;
  }
  return { chunks, awaits };
}

/**
 * Sections of at most this many characters are never inflated: they travel as their text,
 * or as base64 of it when they hold a line break (meta's `brotli` 0 and 2). Inflating one
 * costs a zlib stream of its own, about 0.1-0.3 ms however small the section (the TUI's
 * start inflated 54 such sections before its first frame: 10-14 ms of the main thread on a
 * busy box); the bytes that base64 of brotli would save cost a start that reads the whole
 * file (`node dist/netdoctor.mjs`) about 10 ms a megabyte, and the netdoctor command nothing.
 */
export const TEXT_CARRIAGE_MAX = 8192;

/**
 * How a section travels (meta's `brotli`): base64 of brotli (1) when that is at most three
 * quarters of its text (each byte of the file costs every start; inflating costs only the
 * starts that read it), else its text on one line (0); a small section (TEXT_CARRIAGE_MAX)
 * as its text, or base64 of its text (2) when it holds a line break. `plain`: its text
 * whatever the sizes (the vendor index's parts, ASCII on one line: their reader reads them
 * where they lie, and holds its own compressed parts: src/net/oui-index.ts).
 */
function carriage(text, quality, plain = false) {
  const raw = Buffer.from(text, 'latin1');
  if (plain && /[\n\r\u0080-\uffff]/.test(text)) {
    throw new Error('a plain section is ASCII on one line');
  }
  const oneLine = !/[\n\r]/.test(text);
  if ((plain || text.length <= TEXT_CARRIAGE_MAX) && oneLine) {
    return { line: text, crc: crc32(raw), brotli: 0 };
  }
  if (text.length <= TEXT_CARRIAGE_MAX) {
    return { line: raw.toString('base64'), crc: crc32(raw), brotli: 2 };
  }
  const packed = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const base64 = packed.toString('base64');
  if (oneLine && base64.length > text.length * 0.75) {
    return { line: text, crc: crc32(raw), brotli: 0 };
  }
  return { line: base64, crc: crc32(packed), brotli: 1 };
}

/**
 * The shipped file's text: the lines that answer `--version`, launch() with its meta, and
 * the sections (the chunks, then the vendor index's parts) as comment lines. `oui`: the
 * vendor index's parts by name, each ASCII on one line (a chunk reads one, as bytes, with
 * `__ndOui(name)`).
 */
export function launcher({
  version,
  chunks,
  awaits,
  entry,
  oui,
  quality = 11,
  startMs = START_MS,
}) {
  if (!chunks.some((c) => c.name === entry)) throw new Error(`no chunk ${entry}`);
  const parts = Object.entries(oui);
  const sections = [
    ...chunks.map((c) => ({ name: c.name, text: c.code, async: c.async })),
    ...parts.map(([part, text]) => ({ name: `oui:${part}`, text, async: false, plain: true })),
  ];
  const launchText = `(${launch.toString()})`;
  const hash = createHash('sha256').update(launchText).update(V8_FLAGS);
  let offset = 0;
  const table = sections.map((s) => {
    const { line, crc, brotli } = carriage(s.text, quality, s.plain);
    hash.update(line);
    const row = [s.name, offset + 2, line.length, crc, brotli, s.async ? 1 : 0, s.text.length];
    offset += 2 + line.length + 1;
    return { row, line };
  });
  const meta = (base) =>
    JSON.stringify({
      version,
      v8Flags: V8_FLAGS,
      startMs,
      hash: hash.copy().digest('hex').slice(0, 16),
      base,
      launch: launchText.length,
      entry,
      oui: Object.fromEntries(parts.map(([part], k) => [part, chunks.length + k])),
      awaits,
      sections: table.map((t) => t.row),
    });
  // Lines 3 and 4 are what bin/netdoctor.js reads (readHeader): the meta as JSON on one
  // line, then launch()'s text, whose length the meta gives.
  const header = (base) =>
    [
      '#!/usr/bin/env node',
      `// netdoctor ${version}: one file, built by scripts/build.mjs; runs on Node >= 20.`,
      `${META_PREFIX}${meta(base)};`,
      `${LAUNCH_PREFIX}${launchText};`,
      "import { createRequire } from 'node:module';",
      'const argv = process.argv.slice(2);',
      "if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {",
      `  process.stdout.write(${JSON.stringify(`${version}\n`)});`,
      '} else {',
      '  try {',
      '    await launch(import.meta.url, meta, createRequire);',
      '  } catch (err) {',
      "    process.stderr.write(`netdoctor: ${String(err?.message ?? err).split('\\n')[0]}\\n`);",
      '    process.exitCode = 2;',
      '  }',
      '}',
      '',
    ].join('\n');
  // The sections' places count from the header's end, which holds them: settle its length.
  let base = 0;
  while (Buffer.byteLength(header(base)) !== base) base = Buffer.byteLength(header(base));
  return `${header(base)}${table.map((t) => `//${t.line}\n`).join('')}`;
}
