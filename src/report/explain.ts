/**
 * `netdoctor explain`: one finding code in words (what it means, why it matters, how it is
 * proved, the fix and its box, an example), or every code with its title. The words are the
 * rules' own (src/diagnose/code-docs.ts); the example is a finding drawn from the code's
 * first raise fixture, captured by `npm run docs` into src/generated/finding-examples.ts.
 */
import type { DocumentedCode } from '../diagnose/code-docs.js';
import type { Severity } from '../diagnose/finding.js';
import { FINDING_EXAMPLES, type FindingExample } from '../generated/finding-examples.js';
import { wrap } from './findings.js';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** "error (always)", "error when …; info when …". */
export function severityWords(d: DocumentedCode): string[] {
  return SEVERITIES.flatMap((s) => {
    const when = d.doc.severity[s];
    return when === undefined ? [] : [`${s}: ${when}`];
  });
}

export type { FindingExample };

export function exampleOf(code: string): FindingExample | null {
  return FINDING_EXAMPLES[code] ?? null;
}

/** Every code with its one-line title, aligned. */
export function explainListText(codes: readonly DocumentedCode[]): string {
  const width = Math.max(...codes.map((c) => c.code.length));
  const lines = codes.map((c) => `${c.code.padEnd(width)}  ${c.doc.title}`);
  return `${lines.join('\n')}\n\n${codes.length} finding codes; netdoctor explain CODE says more about one.\n`;
}

/** One code in full, wrapped to `width`. */
export function explainText(d: DocumentedCode, width = 78): string {
  const indent = '  ';
  const para = (text: string) => wrap(text, width - indent.length).map((l) => indent + l);
  const [first = '', ...rest] = wrap(`${d.code}: ${d.doc.title}`, width - indent.length);
  const out = [first, ...rest.map((l) => indent + l), ''];
  out.push('Severity', ...severityWords(d).flatMap(para), '');
  out.push('What it means', ...para(d.doc.means), '');
  out.push('Why it matters', ...para(d.doc.matters), '');
  out.push('How netdoctor proves it', ...para(d.doc.proof), '');
  out.push(`The fix, on ${d.doc.box}`, ...para(d.doc.fix), '');
  const example = exampleOf(d.code);
  if (example) {
    out.push(`Example (${example.fixture})`, ...example.lines.map((l) => indent + l), '');
  }
  return `${out.join('\n')}\n`;
}

/** The same as JSON: the doc's fields, the example, the rule that documents it. */
export function explainJson(d: DocumentedCode) {
  return {
    code: d.code,
    ...d.doc,
    rule: d.rule,
    example: exampleOf(d.code),
  };
}
