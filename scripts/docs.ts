/**
 * `npm run docs`: docs/findings.md (one section per finding code, like ShellCheck's page per
 * check) and src/generated/finding-examples.ts (what `netdoctor explain CODE` shows as its
 * example), both made from the rule registry: each rule's `docs`, and for the example the
 * first finding of the code drawn from its first raise fixture. test/findings/docs.test.ts
 * fails when either file is not what this writes.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { documentedCodes, type DocumentedCode } from '../src/diagnose/code-docs.js';
import { findingLines } from '../src/report/findings.js';
import { severityWords } from '../src/report/explain.js';
import type { FindingExample } from '../src/generated/finding-examples.js';
import { FINDINGS_DIR, caseFindings } from '../test/findings/cases.js';

const ROOT = resolve(import.meta.dirname, '..');
export const FINDINGS_DOC = join(ROOT, 'docs/findings.md');
export const EXAMPLES_FILE = join(ROOT, 'src/generated/finding-examples.ts');

/** The first finding of `code` drawn from its raise fixtures (in name order). */
function exampleFor(code: string): FindingExample | null {
  let files: string[] = [];
  try {
    files = readdirSync(join(FINDINGS_DIR, code, 'raise')).sort();
  } catch {
    return null;
  }
  for (const name of files) {
    const file = join(FINDINGS_DIR, code, 'raise', name);
    let finding;
    try {
      finding = caseFindings(file).find((f) => f.code === code);
    } catch {
      continue; // not a case file (a README, a plan's prove results)
    }
    if (finding) {
      return {
        fixture: relative(ROOT, file),
        // Evidence names the fixture file it came from: relative, so the page is the same in
        // every checkout (CI clones elsewhere).
        lines: findingLines(finding).map((l) => l.text.replaceAll(`${ROOT}/`, '').trimEnd()),
      };
    }
  }
  return null;
}

function section(d: DocumentedCode, example: FindingExample | null): string {
  const lines = [
    `## ${d.code}`,
    '',
    `**${d.doc.title}**`,
    '',
    'Severity:',
    '',
    ...severityWords(d).map((s) => `- ${s.replace(/^(\w+):/, '**$1**:')}`),
    '',
    '### What it means',
    '',
    d.doc.means,
    '',
    '### Why it matters',
    '',
    d.doc.matters,
    '',
    '### How netdoctor proves it',
    '',
    d.doc.proof,
    '',
    `### The fix, on ${d.doc.box}`,
    '',
    d.doc.fix,
    '',
  ];
  if (example) {
    lines.push('### Example', '', `From \`${example.fixture}\`:`, '', '```text');
    lines.push(...example.lines, '```', '');
  }
  lines.push(`Documented by the rule \`${d.rule}\` (src/diagnose/rules/).`, '');
  return lines.join('\n');
}

async function pretty(text: string, file: string): Promise<string> {
  return format(text, { ...(await resolveConfig(file)), filepath: file });
}

/** Both files as `npm run docs` writes them. */
export async function generatedDocs(): Promise<{ markdown: string; examples: string }> {
  const codes = documentedCodes();
  const examples = Object.fromEntries(codes.map((d) => [d.code, exampleFor(d.code)]));
  const markdown = [
    '# Finding codes',
    '',
    'Made by `npm run docs` from the rule registry (each rule in `src/diagnose/rules/` documents',
    'the codes it emits): do not edit by hand. A code is a stable contract: scripts match on it',
    'in `--json` output. `netdoctor explain CODE` prints the same words in a terminal.',
    '',
    '| code | what it says |',
    '| --- | --- |',
    ...codes.map((d) => `| [\`${d.code}\`](#${d.code}) | ${d.doc.title} |`),
    '',
    ...codes.map((d) => section(d, examples[d.code] ?? null)),
  ].join('\n');
  const present = Object.fromEntries(Object.entries(examples).filter(([, e]) => e !== null));
  const ts = [
    '// Made by `npm run docs` (scripts/docs.ts) from test/fixtures/findings/: do not edit.',
    '',
    '/** A finding drawn from a fixture, as `netdoctor doctor` prints it. */',
    'export interface FindingExample {',
    '  /** The fixture it was drawn from, relative to the repository. */',
    '  readonly fixture: string;',
    '  readonly lines: readonly string[];',
    '}',
    '',
    '/** The example of each finding code, from its first raise fixture. */',
    `export const FINDING_EXAMPLES: Readonly<Record<string, FindingExample>> = ${JSON.stringify(present)};`,
    '',
  ].join('\n');
  return {
    markdown: await pretty(markdown, FINDINGS_DOC),
    examples: await pretty(ts, EXAMPLES_FILE),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { markdown, examples } = await generatedDocs();
  writeFileSync(FINDINGS_DOC, markdown);
  writeFileSync(EXAMPLES_FILE, examples);
  process.stdout.write(
    `wrote ${relative(ROOT, FINDINGS_DOC)} and ${relative(ROOT, EXAMPLES_FILE)}\n`,
  );
}
