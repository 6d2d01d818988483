// Types for scripts/launcher.mjs, so that test/build/launcher.test.ts can pack an app of its own.
import type { Metafile, OutputFile } from 'esbuild';

/** esbuild's plugin that reads the vendor index from the shipped file's `oui:` sections. */
export const ouiIndexPlugin: import('esbuild').Plugin;

/** The V8 flags the launcher sets before it compiles anything. */
export const V8_FLAGS: string;

/** The start of the shipped file's third line, its meta as JSON. */
export const META_PREFIX: string;

/** Sections of at most this many characters are never inflated. */
export const TEXT_CARRIAGE_MAX: number;

/** Every builtin's specifier, bare and `node:`. */
export const BUILTINS: ReadonlySet<string>;

/** The esbuild options that make the chunks packChunks() packs. */
export const SPLIT_BUILD_OPTIONS: Readonly<{
  splitting: true;
  chunkNames: string;
  bundle: true;
  platform: 'node';
  format: 'esm';
  target: string;
  minify: true;
  metafile: true;
}>;

export interface PackedChunk {
  readonly name: string;
  readonly code: string;
  readonly async: boolean;
  readonly deps: readonly string[];
}

export function packChunks(
  outputFiles: readonly OutputFile[],
  metafile: Metafile,
): Promise<{ chunks: PackedChunk[]; awaits: Record<string, string[]> }>;

export function launcher(options: {
  readonly version: string;
  readonly chunks: readonly PackedChunk[];
  readonly awaits: Readonly<Record<string, readonly string[]>>;
  readonly entry: string;
  /** The vendor index's parts by name, each ASCII on one line. */
  readonly oui: Readonly<Record<string, string>>;
  readonly quality?: number;
}): string;
