/**
 * Writes src/generated/oui-local-prefixes.ts: the IEEE registry's prefixes (oui-data) whose
 * first octet has the U/L bit set, which src/net/local-registry.ts reads so that a made-up
 * MAC needs no vendor index. `npm run docs` runs it; src/net/local-registry.test.ts fails when
 * the file is not what this writes (a new oui-data).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { localRegistryPrefixes } from '../src/net/local-registry.js';
import type { Registry } from '../src/net/oui-index.js';

const ROOT = resolve(import.meta.dirname, '..');
export const LOCAL_PREFIXES_FILE = resolve(ROOT, 'src/generated/oui-local-prefixes.ts');

/** The file as this script writes it, from the installed oui-data. */
export async function localPrefixesModule(): Promise<string> {
  const reg = createRequire(import.meta.url)('oui-data') as Registry;
  const ts = [
    '// Made by `npm run docs` (scripts/oui-local-prefixes.ts) from oui-data: do not edit.',
    '',
    '/** The IEEE registry prefixes whose first octet has the U/L bit set, sorted. */',
    `export const LOCAL_REGISTRY_PREFIXES: readonly string[] = ${JSON.stringify(localRegistryPrefixes(reg))};`,
    '',
  ].join('\n');
  return format(ts, {
    ...(await resolveConfig(LOCAL_PREFIXES_FILE)),
    filepath: LOCAL_PREFIXES_FILE,
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(LOCAL_PREFIXES_FILE, await localPrefixesModule());
  process.stdout.write(`wrote ${relative(ROOT, LOCAL_PREFIXES_FILE)}\n`);
}
