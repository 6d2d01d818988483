/**
 * The vendor bench's child (bench/vendor.ts bundles it as the shipped file bundles the app,
 * and runs it in a node of its own under the shipped file's V8 flags). Its vendor index is
 * the shipped file's own: the `oui:` sections of dist/netdoctor.mjs, each read at its
 * offset and checked as launch() does it (scripts/launcher.mjs), when the index asks.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync, crc32 } from 'node:zlib';
import { lookupVendor } from '../src/net/mac.js';

interface Meta {
  readonly base: number;
  readonly oui: Readonly<Record<string, number>>;
  readonly sections: readonly (readonly [string, number, number, number, number, number, number])[];
}

/** The shipped file's meta: its third line (bin/netdoctor.js reads it so). */
function metaOf(file: string): Meta {
  const head = readFileSync(file, 'latin1').split('\n', 3)[2] ?? '';
  const prefix = 'const meta = ';
  if (!head.startsWith(prefix)) throw new Error(`${file}: no meta line`);
  return JSON.parse(head.slice(prefix.length, -1)) as Meta;
}

/** launch()'s bytesOf for a part of the vendor index: what __ndOui(part) does. */
function shippedOui(file: string, meta: Meta, part: string): Buffer {
  const i = meta.oui[part];
  if (i === undefined) throw new Error(`${file}: no vendor index part ${part}`);
  const [, offset, length, crc, brotli, , size] = meta.sections[i]!;
  let carried = Buffer.allocUnsafe(length);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, carried, 0, length, meta.base + offset) !== length) throw new Error('short');
  } finally {
    closeSync(fd);
  }
  if (brotli) carried = Buffer.from(carried.toString('latin1'), 'base64');
  if (crc32(carried) !== crc) throw new Error(`${file}: the oui section's checksum differs`);
  const bytes = brotli ? brotliDecompressSync(carried, { chunkSize: size + 64 }) : carried;
  if (bytes.length !== size) throw new Error(`${file}: the ${part} section's size differs`);
  return bytes;
}

/** One pass over the MACs, as a caller's loop runs them: how many have a vendor. */
function pass(macs: readonly string[], from: number): number {
  let hits = 0;
  for (let i = from; i < macs.length; i++) if (lookupVendor(macs[i]!) !== null) hits++;
  return hits;
}

/** Runs the passes (the MACs: a JSON list in `macsFile`) and prints the times as JSON. */
export function childMain(bundle: string, macsFile: string): void {
  const macs = JSON.parse(readFileSync(macsFile, 'utf8')) as string[];
  const meta = metaOf(bundle);
  (globalThis as { __ndOui?: (part: string) => Buffer }).__ndOui = (part) =>
    shippedOui(bundle, meta, part);
  // Cold: the first lookup reads and decodes the index; the rest run as the app runs them.
  const t0 = performance.now();
  let hits = lookupVendor(macs[0]!) === null ? 0 : 1;
  const t1 = performance.now();
  hits += pass(macs, 1);
  const t2 = performance.now();
  hits += pass(macs, 0);
  const t3 = performance.now();
  process.stdout.write(
    `${JSON.stringify({ first: t1 - t0, cold: t2 - t0, warm: t3 - t2, hits })}\n`,
  );
}
