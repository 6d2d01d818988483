/**
 * Vendor lookups: 65,536 random MACs, each under a random prefix of the registry (every
 * lookup a hit, the slow case), through lookupVendor. The first pass starts cold: it decodes
 * the index shipped in dist/netdoctor.mjs (the build's cache of it) and reads each MAC as
 * lookupVendor does (macValue, then OuiIndex#lookup); the second pass is warm.
 */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lookupVendor, macValue, type Registry } from '../src/net/mac.js';
import { OuiIndex, type OuiIndexData } from '../src/net/oui-index.js';
import type { BenchContext, Row } from './table.js';

const N = 65_536;

function randomMacs(): string[] {
  const prefixes = Object.keys(createRequire(import.meta.url)('oui-data') as Registry);
  const hex = '0123456789abcdef';
  return Array.from({ length: N }, () => {
    let h = prefixes[Math.floor(Math.random() * prefixes.length)]!.toLowerCase();
    while (h.length < 12) h += hex[Math.floor(Math.random() * 16)];
    return h.replace(/(..)(?!$)/g, '$1:');
  });
}

/** The index exactly as the build wrote it into the bundle. */
function builtIndexData(bundle: string): OuiIndexData {
  const cache = path.join(path.dirname(bundle), '.cache');
  const file = readdirSync(cache).find((f) => /^oui-index-[0-9a-f]+\.json$/.test(f));
  if (!file) throw new Error(`no built vendor index in ${cache}: run npm run build`);
  return JSON.parse(readFileSync(path.join(cache, file), 'utf8')) as OuiIndexData;
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const macs = randomMacs();
  const data = builtIndexData(ctx.bundle);
  // Cold: decode the built index, then look up with it (the same code lookupVendor runs).
  let t0 = performance.now();
  const index = new OuiIndex(data);
  const decodeMs = performance.now() - t0;
  t0 = performance.now();
  let hits = 0;
  for (const mac of macs) {
    // lookupVendor's own steps (its index is the one tsx builds from oui-data, not the
    // shipped one): a replaceAll and parseInt here cost a third of the pass, in the bench.
    const value = macValue(mac);
    if (value !== null && index.lookup(value)) hits++;
  }
  const coldMs = decodeMs + (performance.now() - t0);
  // Warm, through the public function.
  for (const mac of macs) lookupVendor(mac);
  t0 = performance.now();
  for (const mac of macs) if (lookupVendor(mac)) hits++;
  const warmMs = performance.now() - t0;
  if (hits !== 2 * N) throw new Error(`vendor bench: ${hits} hits of ${2 * N}`);
  return [
    {
      figure: '65,536 vendor lookups, cold (index decode included)',
      unit: 'ms',
      ours: coldMs,
      target: { atMost: 50 },
      note: `index decode alone ${decodeMs.toFixed(1)} ms`,
    },
    {
      figure: '65,536 vendor lookups through lookupVendor, warm',
      unit: 'ms',
      ours: warmMs,
      target: { atMost: 50 },
    },
  ];
}
