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
// @ts-expect-error: a build script, plain JavaScript
import { tuiPlugins } from '../../scripts/tui-plugins.mjs';

interface Bundled {
  readonly stringWidth: typeof stringWidth;
  readonly olderStringWidth: typeof olderStringWidth;
  readonly sliceAnsi: typeof sliceAnsi;
  readonly tokenizer: typeof tokenizer;
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
});
