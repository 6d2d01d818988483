/**
 * What a start loads: every input reached from the entries through static imports, and the
 * packages they name (dynamic imports load when used, inside the one built file too).
 */
import path from 'node:path';
import { build, type Metafile } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');

/** Every input reached from the entries (paths from the repository's root) through static imports. */
export async function staticClosure(entries: readonly string[]): Promise<Set<string>> {
  const { metafile } = await build({
    entryPoints: entries.map((e) => path.join(root, e)),
    absWorkingDir: root,
    bundle: true,
    write: false,
    outdir: path.join(root, 'dist', '.static-closure-test'),
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    logLevel: 'error',
  });
  const inputs: Metafile['inputs'] = metafile.inputs;
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of inputs[file]?.imports ?? []) {
      if (i.kind === 'import-statement') queue.push(i.path);
    }
  }
  return seen;
}
