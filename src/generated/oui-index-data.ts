/**
 * The vendor index's data (src/net/oui-index.ts). This module is what the tests and tsx run:
 * it builds the index from oui-data on first use (slow: the 5.6 MB JSON parse).
 * `npm run build` (scripts/build.mjs) puts in its place, in dist/netdoctor.mjs, a module
 * holding the index built once at build time, so the shipped file parses no JSON.
 */
import { createRequire } from 'node:module';
import {
  encodeOuiIndex,
  ouiIndexDataOf,
  type OuiIndexData,
  type Registry,
} from '../net/oui-index.js';

export function ouiIndexData(): OuiIndexData {
  // The fastest brotli level: the build uses the best; the reader is the same.
  return ouiIndexDataOf(encodeOuiIndex(createRequire(import.meta.url)('oui-data') as Registry, 1));
}
