/**
 * yoga's WebAssembly decoded with Buffer instead of atob and a loop (scripts/tui-plugins.mjs,
 * yogaBytesWithBuffer, which the build's yoga plugin applies): yoga bundled with it loads,
 * lays out as the package as shipped does, and never calls atob.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type Plugin } from 'esbuild';
// @ts-expect-error: a build script, plain JavaScript
import { yogaBytesWithBuffer } from '../../scripts/tui-plugins.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-yoga-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BINARIES = /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/;

const withBuffer: Plugin = {
  name: 'yoga-bytes-with-buffer',
  setup(b) {
    b.onLoad({ filter: BINARIES }, (args) => ({
      contents: yogaBytesWithBuffer(readFileSync(args.path, 'utf8'), args.path) as string,
      loader: 'js',
    }));
  },
};

interface Laid {
  readonly widths: number[];
  readonly atobCalls: number;
}

/**
 * yoga-layout bundled (with `plugins`), loaded without fetch as in the shipped file, and a
 * row of two growing children in 80 columns laid out; atob counted meanwhile.
 */
async function layOut(name: string, plugins: Plugin[]): Promise<Laid> {
  const entry = path.join(dir, `${name}-entry.js`);
  writeFileSync(
    entry,
    [
      "import Yoga from 'yoga-layout';",
      'const root = Yoga.Node.create();',
      'root.setWidth(80);',
      'root.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);',
      'for (const [i, grow] of [[0, 1], [1, 3]]) {',
      '  const child = Yoga.Node.create();',
      '  child.setFlexGrow(grow);',
      '  root.insertChild(child, i);',
      '}',
      'root.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);',
      'export const widths = [0, 1].map((i) => root.getChild(i).getComputedWidth());',
    ].join('\n'),
  );
  const outfile = path.join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    absWorkingDir: path.resolve(import.meta.dirname, '../..'),
    nodePaths: [path.resolve(import.meta.dirname, '../../node_modules')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    plugins,
    logLevel: 'error',
  });
  const { fetch, atob } = globalThis;
  let atobCalls = 0;
  try {
    // The shipped file's yoga has no fetch to take (scripts/build.mjs takes it out).
    (globalThis as { fetch?: unknown }).fetch = undefined;
    globalThis.atob = (text: string) => {
      atobCalls += 1;
      return atob(text);
    };
    // eslint-disable-next-line import-x/no-dynamic-require -- the bundle just built
    const { widths } = (await import(pathToFileURL(outfile).href)) as { widths: number[] };
    return { widths, atobCalls };
  } finally {
    globalThis.fetch = fetch;
    globalThis.atob = atob;
  }
}

describe("yoga's WebAssembly decoded with Buffer", () => {
  it('lays out as the package as shipped, without atob', async () => {
    const shipped = await layOut('shipped', []);
    const patched = await layOut('patched', [withBuffer]);
    expect(shipped.widths).toEqual([20, 60]);
    expect(patched.widths).toEqual(shipped.widths);
    expect(shipped.atobCalls).toBe(1); // the loop this replaces: the count can fail
    expect(patched.atobCalls).toBe(0);
  }, 30_000);

  it('refuses a yoga whose decoding is not the one expected', () => {
    expect(() => yogaBytesWithBuffer('var H="x";', 'yoga.js')).toThrow(/yoga changed/);
  });
});
