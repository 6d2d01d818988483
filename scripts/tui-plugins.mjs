/**
 * The build's plugins for the TUI's start (scripts/build.mjs lists them): what Ink's packages
 * do when they load or draw, made cheaper with the same result. test/build/tui-plugins.test.ts
 * bundles those packages with these plugins and checks them against the packages as shipped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Ink's packages each make an Intl.Segmenter when they load, and the first one of a process
 * loads ICU's break rules: about 25 ms and 3 MB before the first frame, which has only
 * narrow text. The tokenizers get src/text/narrow.ts's narrowSegmenter instead: the same
 * graphemes, the rules loaded only for text that needs them.
 */
export const lazySegmenterPlugin = {
  name: 'lazy-segmenter',
  setup(b) {
    const files =
      /[\\/]node_modules[\\/](slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/;
    b.onLoad({ filter: files }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('new Intl.Segmenter(')) {
        throw new Error(`${args.path}: no Intl.Segmenter to make lazy (the package changed?)`);
      }
      const narrow = JSON.stringify(path.join(root, 'src/text/narrow.ts'));
      return {
        contents: [
          `import { narrowSegmenter as __ndNarrowSegmenter } from ${narrow};`,
          text.replaceAll('new Intl.Segmenter(', '__ndNarrowSegmenter('),
        ].join('\n'),
        resolveDir: path.dirname(args.path),
        loader: 'js',
      };
    });
  },
};

/**
 * string-width makes its Unicode tables when it loads: a Segmenter and a regular expression
 * of every emoji (`\p{RGI_Emoji}`, 10 to 30 ms). Behind narrowWidthPlugin it is called only
 * for text that is not narrow, so its module body runs on that first call instead: the
 * module becomes its imports and one function that builds the real one once.
 */
export const deferredStringWidthPlugin = {
  name: 'deferred-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (args) => {
      const lines = readFileSync(args.path, 'utf8').split('\n');
      const imports = lines.filter((l) => /^import .* from '[^']+';$/.test(l));
      const body = lines.filter((l) => !imports.includes(l)).join('\n');
      const entry = 'export default function stringWidth(';
      if (
        body.split(entry).length !== 2 ||
        /^\s*(import|export)\b/m.test(body.replace(entry, ''))
      ) {
        throw new Error(
          `${args.path}: not the one-function module expected (string-width changed?)`,
        );
      }
      return {
        contents: [
          ...imports,
          'let built;',
          'export default function stringWidth(...args) {',
          '  built ??= (() => {',
          body.replace(entry, 'function stringWidth('),
          '    return stringWidth;',
          '  })();',
          '  return built(...args);',
          '}',
        ].join('\n'),
        resolveDir: path.dirname(args.path),
        loader: 'js',
      };
    });
  },
};

/**
 * Ink turns each frame into text with @alcalzone/ansi-tokenize's styled characters, which
 * diffs the styles of every character against the one before it. src/ui/ink/styled-chars.ts
 * writes the same text with a diff only where the styles change.
 */
export const sharedStylesPlugin = {
  name: 'shared-styles',
  setup(b) {
    b.onLoad(
      { filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/ },
      (args) => {
        const fast = JSON.stringify(path.join(root, 'src/ui/ink/styled-chars.ts'));
        return {
          contents: [
            "import { ansiCodesToString } from './ansiCodes.js';",
            "import { diffAnsiCodes } from './diff.js';",
            "import { reduceAnsiCodesIncremental } from './reduce.js';",
            `import { sharedStyledChars } from ${fast};`,
            'export const { styledCharsFromTokens, styledCharsToString } = sharedStyledChars({',
            '  ansiCodesToString,',
            '  diffAnsiCodes,',
            '  reduceAnsiCodesIncremental,',
            '});',
          ].join('\n'),
          resolveDir: path.dirname(args.path),
          loader: 'js',
        };
      },
    );
  },
};

/**
 * Ink measures every line it draws with string-width, whose first non-ASCII call builds an
 * Intl.Segmenter and compiles an expression of every emoji (a third of the TUI's first
 * frame). Every import of string-width gets src/text/narrow.ts in front of it: text of
 * one-column characters is its length; the rest goes to string-width as before.
 */
export const narrowWidthPlugin = {
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

/** Lines whose measures and styled characters Ink keeps from frame to frame, at most. */
export const FRAME_CACHE_LINES = 1024;

/**
 * Ink makes a new Output for every frame, and with it new caches: every line of the screen
 * is tokenised, turned into styled characters and measured again on every key, though a
 * key changes a few lines, and every cell of the screen starts as a new blank object with
 * its own styles array (1,920 at 80x24). With 10,000 hosts on Discover that garbage is what
 * the slowest keys wait for (a collection landing on them). Here the frames share one
 * cache, made anew once it holds FRAME_CACHE_LINES lines (no growth in a long session), and
 * one blank cell. Both are safe because nothing changes a cell or a cached line once made:
 * Ink puts cells in place and reads them (test/build/tui-plugins.test.ts draws the same
 * frames with the package as shipped).
 */
export const sharedFrameCachesPlugin = {
  name: 'shared-frame-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const caches = '    caches = new OutputCaches();';
      const blank =
        /row\.push\(\{\s*type: 'char',\s*value: ' ',\s*fullWidth: false,\s*styles: \[\],\s*\}\);/;
      if (text.split(caches).length !== 2 || text.split(blank).length !== 2) {
        throw new Error(`${args.path}: not the Output expected (Ink changed?)`);
      }
      return {
        contents: [
          text
            .replace(caches, '    caches = __ndFrameCaches(OutputCaches);')
            .replace(blank, 'row.push(__ndBlankCell);'),
          "const __ndBlankCell = { type: 'char', value: ' ', fullWidth: false, styles: [] };",
          'let __ndCaches;',
          'function __ndFrameCaches(Caches) {',
          `  if (__ndCaches === undefined || __ndCaches.styledChars.size + __ndCaches.widths.size + __ndCaches.blockWidths.size > ${FRAME_CACHE_LINES}) {`,
          '    __ndCaches = new Caches();',
          '  }',
          '  return __ndCaches;',
          '}',
        ].join('\n'),
        resolveDir: path.dirname(args.path),
        loader: 'js',
      };
    });
  },
};

/**
 * yoga-layout (Ink's layout) carries its WebAssembly as base64 in its JavaScript, and turns
 * it into bytes with atob and a loop of charCodeAt over each of the 72 KB: 10-18 ms of the
 * main thread before the first frame, hot enough that V8 optimises the loop on another core
 * while the host's read needs it. Buffer's base64 decoder gives the same bytes in under a
 * millisecond. scripts/build.mjs's yoga plugin (which also takes out yoga's fetch) applies
 * this to yoga's binaries file; the text it returns throws at build time if yoga changed.
 */
export function yogaBytesWithBuffer(text, file) {
  // var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c
  const loop =
    /var (\w+)=\w+\((\w+)\.slice\(37\)\),(\w+)=new Uint8Array\(\1\.length\);for\(\2=0;\2<\1\.length;\+\+\2\)\3\[\2\]=\1\.charCodeAt\(\2\);/g;
  const found = text.match(loop) ?? [];
  if (found.length !== 1 || !text.includes('"data:application/octet-stream;base64,"')) {
    throw new Error(`${file}: not the base64 decoding expected (yoga changed?)`);
  }
  return text.replace(
    loop,
    (_, _bytes, data, out) => `var ${out}=Buffer.from(${data}.slice(37),"base64");`,
  );
}

/**
 * Ink throttles its frames with es-toolkit's `throttle`, a debounce that pushes a pending
 * frame 34 ms past each new call: the TUI's first complete Overview, a few ms after the
 * "Reading the host…" frame, waited 30-40 ms for nothing. Ink's import of it gets
 * src/ui/ink/throttle.ts instead: the same frame rate, each frame when it is due.
 */
export const inkThrottlePlugin = {
  name: 'ink-throttle',
  setup(b) {
    b.onResolve({ filter: /^es-toolkit\/compat$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]ink[\\/]build[\\/]ink\.js$/.test(args.importer)) return undefined;
      const text = readFileSync(args.importer, 'utf8');
      if (!text.includes("import { throttle } from 'es-toolkit/compat';")) {
        throw new Error(`${args.importer}: not the throttle import expected (Ink changed?)`);
      }
      return { path: path.join(root, 'src/ui/ink/throttle.ts') };
    });
  },
};

/** In the order the build runs them (after narrowWidthPlugin, which scripts/build.mjs lists
 *  on its own; bench/frames.tsx runs both). */
export const tuiPlugins = [
  lazySegmenterPlugin,
  deferredStringWidthPlugin,
  sharedStylesPlugin,
  sharedFrameCachesPlugin,
  inkThrottlePlugin,
];
