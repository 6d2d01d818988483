/**
 * Finding codes are documented by the rules that emit them: every code once, by a rule that
 * declares it, with the severities it really has; docs/findings.md and the examples
 * `netdoctor explain` shows are what `npm run docs` makes now (CI runs this, so a stale page
 * fails); the README points there for the codes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/diagnose/rules/index.js';
import { FINDING_CODES } from '../../src/diagnose/finding.js';
import { documentedCodes } from '../../src/diagnose/code-docs.js';
import { EXAMPLES_FILE, FINDINGS_DOC, generatedDocs } from '../../scripts/docs.js';
import { caseFindings, findingCases } from './cases.js';

describe('finding code docs', () => {
  it('document every code exactly once, in a rule that declares it', () => {
    const problems: string[] = [];
    for (const code of FINDING_CODES) {
      const by = RULES.filter((r) => r.docs[code] !== undefined);
      if (by.length !== 1) problems.push(`${code}: documented by ${by.length} rules`);
      for (const r of by) if (!r.codes.includes(code)) problems.push(`${r.id} documents ${code}`);
    }
    expect(problems).toEqual([]);
    expect(documentedCodes().map((d) => d.code)).toEqual([...FINDING_CODES]);
  });

  it('name every severity the fixtures show for the code', () => {
    const docs = new Map(documentedCodes().map((d) => [d.code, d.doc]));
    const missing = new Set<string>();
    for (const c of findingCases()) {
      for (const f of caseFindings(c.file)) {
        if (docs.get(f.code)?.severity[f.severity] === undefined) {
          missing.add(`${f.code} ${f.severity}`);
        }
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('docs/findings.md and the explain examples are current (npm run docs)', async () => {
    const { markdown, examples } = await generatedDocs();
    expect(readFileSync(FINDINGS_DOC, 'utf8')).toBe(markdown);
    expect(readFileSync(EXAMPLES_FILE, 'utf8')).toBe(examples);
  }, 60_000);

  it('the README links docs/findings.md for the codes', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain('(docs/findings.md)');
    expect(readme).not.toContain('FINDINGS.md');
  });
});
