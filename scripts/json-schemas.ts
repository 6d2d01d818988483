/**
 * Writes docs/json-schemas/: the JSON Schema of every --json shape, generated from the zod
 * types in src/report/json-schema/. `npm run docs` (with docs/findings.md) after changing a shape; with
 * --check it writes nothing and exits 1 when a file is stale (the unit test checks the same).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { JSON_DOCUMENTS } from '../src/report/json-document.js';
import { jsonSchemaOf, jsonSchemaPath } from '../src/report/json-schema/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const name of JSON_DOCUMENTS) {
  const file = path.join(root, jsonSchemaPath(name));
  const schema = jsonSchemaOf(name);
  let current: unknown = null;
  try {
    current = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // absent or not JSON: written below, or stale under --check
  }
  if (isDeepStrictEqual(current, schema)) continue;
  if (check) {
    stale += 1;
    process.stderr.write(`${jsonSchemaPath(name)} is stale: npm run docs\n`);
    continue;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // Formatted as the repository's prettier would, so `prettier --check .` passes.
  const options = { ...(await resolveConfig(file)), parser: 'json' };
  writeFileSync(file, await format(JSON.stringify(schema), options));
  process.stdout.write(`wrote ${jsonSchemaPath(name)}\n`);
}
process.exitCode = stale > 0 ? 1 : 0;
