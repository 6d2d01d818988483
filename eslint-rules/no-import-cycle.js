// A local ESLint rule: no import cycle, counting every edge. import-x/no-cycle skips
// `import type` (and `export type … from`), so two modules that name each other's types pass
// it, yet such a cycle still ties two layers into one: neither can move or be read alone.
// This rule follows static imports of every kind, re-exports, `import()` and `require()`,
// and reports the import that closes a cycle with the whole loop spelled out.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Relative specifiers only: packages cannot import our files back. */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    base,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Each file's imports, read once per lint run (keyed by modification time). */
const graph = new Map();

function importsOf(file) {
  const mtime = statSync(file).mtimeMs;
  const known = graph.get(file);
  if (known && known.mtime === mtime) return known.deps;
  // preProcessFile sees `import type`, re-exports, `import()` and `require()` alike.
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const deps = [
    ...new Set(
      info.importedFiles.map((i) => resolveSpecifier(file, i.fileName)).filter((d) => d !== null),
    ),
  ];
  graph.set(file, { mtime, deps });
  return deps;
}

/** The shortest way from `start` back to `target`, as a list of files, or null. */
function pathBack(start, target) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const dep of importsOf(file)) {
      if (dep === target) {
        const way = [file];
        for (let at = previous.get(file); at !== null; at = previous.get(at)) way.unshift(at);
        return way;
      }
      if (!previous.has(dep)) {
        previous.set(dep, file);
        queue.push(dep);
      }
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Refuse import cycles, type-only imports included.' },
    schema: [],
    messages: {
      cycle:
        'Import cycle{{kind}}: {{loop}}. Move what both need (usually the types) down into the lower module, or into a types file both import, so the arrows point one way.',
    },
  },
  create(context) {
    const file = context.physicalFilename;
    const root = context.cwd;
    const name = (f) => relative(root, f);

    function check(node, source, typeOnly) {
      if (!source || typeof source.value !== 'string') return;
      const target = resolveSpecifier(file, source.value);
      if (target === null || target === file) return;
      const way = pathBack(target, file);
      if (way === null) return;
      context.report({
        node,
        messageId: 'cycle',
        data: {
          kind: typeOnly ? ' (through a type-only import: types count)' : '',
          loop: [file, ...way, file].map(name).join(' → '),
        },
      });
    }

    const isTypeOnly = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 &&
        node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument, true),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          check(node, node.arguments[0], false);
        }
      },
    };
  },
};
