/**
 * The build's TUI plugins (scripts/tui-plugins.mjs) change how Ink's packages load, never
 * what they answer: the packages bundled with the plugins, as the build does, give what the
 * packages as shipped give, on narrow text and on text that needs Unicode's tables.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import stringWidth from 'string-width';
import sliceAnsi from 'slice-ansi';
import * as tokenizer from '../../node_modules/@alcalzone/ansi-tokenize/build/index.js';
import olderStringWidth from '../../node_modules/wrap-ansi/node_modules/string-width/index.js';
import Output from '../../node_modules/ink/build/output.js';
// @ts-expect-error: a build script, plain JavaScript
import { FRAME_CACHE_LINES, tuiPlugins } from '../../scripts/tui-plugins.mjs';

interface Bundled {
  readonly stringWidth: typeof stringWidth;
  readonly olderStringWidth: typeof olderStringWidth;
  readonly sliceAnsi: typeof sliceAnsi;
  readonly tokenizer: typeof tokenizer;
  readonly Output: typeof Output;
}

const ESC = '\u001b';
const SAMPLES = [
  '',
  'lo   UP    65536',
  `${ESC}[1m${ESC}[36mInterfaces (4)${ESC}[39m${ESC}[22m …│└▏✓`,
  `${ESC}[7m 1 Overview ${ESC}[27m2 Discover`,
  '漢字のホスト',
  `${ESC}[31m🙂 ok 👨‍👩‍👧 🇩🇪${ESC}[39m`,
  'e\u0301 combining, soft\u00adhyphen, zero\u200bwidth',
  '한국어 각',
  `${ESC}]8;;https://example.org\u0007link${ESC}]8;;\u0007`,
];

let dir: string;
let bundled: Bundled;

/** An Output's caches: private in Ink's types, read here to see them shared and bounded. */
const cachesOf = (out: Output) =>
  (
    out as unknown as {
      caches: Record<'styledChars' | 'widths' | 'blockWidths', Map<string, unknown>>;
    }
  ).caches;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-tui-plugins-'));
  const entry = path.join(dir, 'entry.js');
  const root = path.resolve(import.meta.dirname, '../..');
  writeFileSync(
    entry,
    [
      "export { default as stringWidth } from 'string-width';",
      `export { default as olderStringWidth } from ${JSON.stringify(path.join(root, 'node_modules/wrap-ansi/node_modules/string-width/index.js'))};`,
      "export { default as sliceAnsi } from 'slice-ansi';",
      `export * as tokenizer from ${JSON.stringify(path.join(root, 'node_modules/@alcalzone/ansi-tokenize/build/index.js'))};`,
      `export { default as Output } from ${JSON.stringify(path.join(root, 'node_modules/ink/build/output.js'))};`,
    ].join('\n'),
  );
  const out = path.join(dir, 'bundle.mjs');
  await build({
    entryPoints: [entry],
    absWorkingDir: root,
    nodePaths: [path.join(root, 'node_modules')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
    plugins: tuiPlugins as never,
  });
  // The bundle is this test's own, built above: its path is known only now.
  // eslint-disable-next-line import-x/no-dynamic-require
  bundled = (await import(pathToFileURL(out).href)) as Bundled;
}, 30_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the build's TUI plugins", () => {
  it('leave string-width (both versions Ink uses) measuring as shipped', () => {
    for (const s of SAMPLES) {
      expect(bundled.stringWidth(s), s).toBe(stringWidth(s));
      expect(bundled.stringWidth(s, { ambiguousIsNarrow: false }), s).toBe(
        stringWidth(s, { ambiguousIsNarrow: false }),
      );
      expect(bundled.olderStringWidth(s), s).toBe(olderStringWidth(s));
    }
  });

  it("leave Ink's tokenizer and its styled characters as shipped", () => {
    const t = bundled.tokenizer;
    for (const s of SAMPLES) {
      expect(t.tokenize(s), s).toEqual(tokenizer.tokenize(s));
      const chars = t.styledCharsFromTokens(t.tokenize(s));
      expect(chars, s).toEqual(tokenizer.styledCharsFromTokens(tokenizer.tokenize(s)));
      expect(t.styledCharsToString(chars), s).toBe(
        tokenizer.styledCharsToString(tokenizer.styledCharsFromTokens(tokenizer.tokenize(s))),
      );
    }
  });

  it('leave slice-ansi cutting as shipped', () => {
    for (const s of SAMPLES) {
      for (const [from, to] of [
        [0, 3],
        [1, 5],
        [2, 40],
      ] as const) {
        expect(bundled.sliceAnsi(s, from, to), `${s} ${from}-${to}`).toBe(sliceAnsi(s, from, to));
      }
    }
  });

  it("leave Ink's frames as shipped, with one cache and one blank cell for every frame", () => {
    /** Draws the samples into a frame, some clipped, some through a transformer. */
    const draw = (Made: typeof Output, shift: number) => {
      const out = new Made({ width: 24, height: 7 });
      SAMPLES.forEach((s, i) => {
        if (i % 3 === 2) out.clip({ x1: 2, x2: 14, y1: 1, y2: 5 });
        const upper = (line: string) => line.toUpperCase();
        out.write((i + shift) % 5, i % 7, s, { transformers: i % 2 ? [upper] : [] });
        if (i % 3 === 2) out.unclip();
      });
      return out;
    };
    for (let frame = 0; frame < 6; frame++) {
      // Again and again: the later frames read what the earlier ones cached.
      expect(draw(bundled.Output, frame % 3).get()).toEqual(draw(Output, frame % 3).get());
    }
    expect(cachesOf(draw(bundled.Output, 0))).toBe(cachesOf(draw(bundled.Output, 1)));
    // A long session: the shared cache is made anew, never grows past its bound by much.
    for (let line = 0; line < 3 * FRAME_CACHE_LINES; line++) {
      const out = new bundled.Output({ width: 12, height: 1 });
      out.write(0, 0, `host ${line}`, { transformers: [] });
      out.get();
      const { styledChars, widths, blockWidths } = cachesOf(out);
      expect(styledChars.size + widths.size + blockWidths.size).toBeLessThan(FRAME_CACHE_LINES + 8);
    }
  });

  it("give Ink the frame throttle of src/ui/ink/throttle.ts, and nothing else es-toolkit's", async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const result = await build({
      entryPoints: [path.join(root, 'node_modules/ink/build/ink.js')],
      absWorkingDir: root,
      bundle: true,
      write: false,
      metafile: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      logLevel: 'error',
      plugins: tuiPlugins as never,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('src/ui/ink/throttle.ts');
    const text = result.outputFiles[0]!.text;
    expect(text).not.toMatch(/es-toolkit/);
  });
});
