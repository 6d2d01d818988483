/**
 * Every finding code with what it means, read from the rules that emit it (each rule's
 * `docs`): what `netdoctor explain` prints and docs/findings.md is made from. No table of its
 * own: a code is documented where it is raised.
 */
import { FINDING_CODES, type FindingCode } from './finding.js';
import type { CodeDoc, Rule } from './rule.js';
import { RULES } from './rules/index.js';

export interface DocumentedCode {
  readonly code: FindingCode;
  readonly doc: CodeDoc;
  /** The rule that documents it (its id). */
  readonly rule: string;
}

/** Every code that a rule documents, in FINDING_CODES order. */
export function documentedCodes(rules: readonly Rule[] = RULES): DocumentedCode[] {
  return FINDING_CODES.flatMap((code) => {
    const rule = rules.find((r) => r.docs[code] !== undefined);
    const doc = rule?.docs[code];
    return rule && doc ? [{ code, doc, rule: rule.id }] : [];
  });
}

export function isFindingCode(text: string): text is FindingCode {
  return (FINDING_CODES as readonly string[]).includes(text);
}

/** Edits (insert, delete, replace a character) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, replace));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** The code nearest to what was typed: fewest edits, a code containing the text first. */
export function nearestCode(typed: string): FindingCode {
  const text = typed.toLowerCase();
  const score = (code: string) => (code.includes(text) ? 0 : 1000) + editDistance(text, code);
  return [...FINDING_CODES].sort((a, b) => score(a) - score(b))[0] ?? FINDING_CODES[0];
}
