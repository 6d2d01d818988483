/**
 * One way to show a Finding, used by every command's text output, the TUI and the Markdown
 * report: a title line, then why, evidence (each with its source) and fix.
 */
import type { Finding, Severity } from '../diagnose/finding.js';
import { line, type Line, type Section, type Tone } from './document.js';

const TONE: Readonly<Record<Severity, Tone>> = { error: 'bad', warning: 'warn', info: 'normal' };

/** `error  route-blackhole  192.0.2.9: packets to 192.0.2.9 are dropped silently` */
export function findingHeadline(f: Finding): string {
  return `${f.severity.padEnd(7)} ${f.code}  ${f.title}`;
}

/** Splits prose into lines of at most `width` characters, at spaces. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/ +/)) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

/** The whole finding: headline, why, evidence and fix, indented under the headline. */
export function findingLines(f: Finding, width = 78): Line[] {
  const indent = '    ';
  const lines: Line[] = [line(findingHeadline(f), TONE[f.severity])];
  lines.push(...wrap(f.why, width - indent.length).map((t) => line(indent + t)));
  if (f.evidence.length > 0) {
    lines.push(line(`  evidence:`, 'dim'));
    for (const e of f.evidence) lines.push(line(`${indent}${e.text}    (${e.source})`, 'dim'));
  }
  if (f.fix.length > 0) {
    lines.push(line(`  fix:`, 'good'));
    for (const cmd of f.fix) lines.push(line(`${indent}${cmd}`, 'good'));
  }
  return lines;
}

/** A report section of findings, errors first; says so when there are none. */
export function findingsSection(findings: readonly Finding[], title = 'Findings'): Section {
  if (findings.length === 0) return { title, lines: [line('no problems found', 'good')] };
  return {
    title: `${title} (${findings.length})`,
    lines: findings.flatMap((f, i) => [...(i > 0 ? [line('')] : []), ...findingLines(f)]),
  };
}

/** The same finding as Markdown, for a ticket. Untrusted text goes in code spans and blocks. */
export function findingMarkdown(f: Finding): string {
  const parts = [
    `### ${f.severity}: ${f.title}`,
    '',
    `\`${f.code}\` on \`${f.subject}\``,
    '',
    f.why,
  ];
  if (f.evidence.length > 0) {
    parts.push('', '**Evidence**', '', '```');
    for (const e of f.evidence) parts.push(`$ ${e.source}`, e.text);
    parts.push('```');
  }
  if (f.fix.length > 0) parts.push('', '**Fix**', '', '```sh', ...f.fix, '```');
  return parts.join('\n');
}
