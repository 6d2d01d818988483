/**
 * Table-driven over test/fixtures/findings/<code>/{raise,clear}/: every case must raise its
 * code, or must not; every code a registered rule can emit has cases of both kinds.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/diagnose/rules/index.js';
import { FINDING_CODES } from '../../src/diagnose/finding.js';
import { caseFindings, caseFindingsByRule, findingCases } from './cases.js';

const cases = findingCases();

describe('finding fixtures', () => {
  it('name only known codes', () => {
    const known = new Set<string>(FINDING_CODES);
    expect(cases.map((c) => c.code).filter((c) => !known.has(c))).toEqual([]);
  });

  it('cover every code a rule emits, both ways', () => {
    const missing: string[] = [];
    for (const code of new Set(RULES.flatMap((r) => r.codes))) {
      for (const expect of ['raise', 'clear'] as const) {
        if (!cases.some((c) => c.code === code && c.expect === expect)) {
          missing.push(`${code}/${expect}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('are each drawn by a rule that declares its code (a rule emits only its codes)', () => {
    const undeclared: string[] = [];
    for (const c of cases) {
      for (const { rule, findings } of caseFindingsByRule(c.file)) {
        for (const f of findings) {
          if (!rule.codes.includes(f.code)) {
            undeclared.push(
              `${rule.id} emitted ${f.code} (declares ${rule.codes.join(', ')}) on ${c.file}`,
            );
          }
        }
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('every code is declared by a rule (no finding is built by hand)', () => {
    const declared = new Set(RULES.flatMap((r) => r.codes));
    expect(FINDING_CODES.filter((code) => !declared.has(code))).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.code} ${c.expect} ${c.file.split('/').pop()}`, c] as const))(
    '%s',
    (_name, c) => {
      const codes = caseFindings(c.file).map((f) => f.code);
      if (c.expect === 'raise') expect(codes).toContain(c.code);
      else expect(codes).not.toContain(c.code);
    },
  );
});
