/**
 * One way to show a Finding, used by every command's text output, the TUI and the Markdown
 * report: a title line, then why, evidence (each with its source) and fix.
 */
import type { Finding, Severity } from '../diagnose/finding.js';
import { line, type Line, type Section, type Tone } from './document.js';
import { safeText } from '../text/safe.js';
import { columnsOf } from '../text/width.js';

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
    if (current && columnsOf(current) + 1 + columnsOf(word) > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

/**
 * A finding as a terminal may show it: every field that may carry snapshot, plan or tool
 * text with its control characters written out. JSON keeps the true values.
 */
export function safeFinding(f: Finding): Finding {
  return {
    ...f,
    title: safeText(f.title),
    why: safeText(f.why),
    subject: safeText(f.subject),
    evidence: f.evidence.map((e) => ({ source: safeText(e.source), text: safeText(e.text) })),
    fix: f.fix.map(safeText),
    ...(f.box ? { box: { ...f.box, words: safeText(f.box.words) } } : {}),
  };
}

/** Where the fix goes, in words: "this host" unless the finding names another box. */
export function fixPlace(f: Finding): string {
  return f.box && f.box.role !== 'this-host' ? safeText(f.box.words) : 'this host';
}

/** The headline, wrapped to `width` with its continuation indented. */
export function headlineLines(f: Finding, width = 78): Line[] {
  const head = `${f.severity.padEnd(7)} ${f.code}  `;
  return wrap(safeText(f.title), Math.max(20, width - head.length)).map((t, i) =>
    line(i === 0 ? head + t : `${' '.repeat(8)}${t}`, TONE[f.severity]),
  );
}

/**
 * The whole finding: headline, why, evidence and fix, indented under the headline. Titles,
 * evidence and fixes quote what hosts and tools printed, so all of it is made safe here.
 */
export function findingLines(f: Finding, width = 78): Line[] {
  const indent = '    ';
  const lines: Line[] = headlineLines(f, width);
  lines.push(...wrap(safeText(f.why), width - indent.length).map((t) => line(indent + t)));
  if (f.evidence.length > 0) {
    lines.push(line(`  evidence:`, 'dim'));
    for (const e of f.evidence) {
      lines.push(line(`${indent}${safeText(e.text)}    (${safeText(e.source)})`, 'dim'));
    }
  }
  if (f.fix.length > 0) {
    lines.push(line(`  fix, on ${fixPlace(f)}:`, 'good'));
    for (const cmd of f.fix) lines.push(line(`${indent}${safeText(cmd)}`, 'good'));
  }
  return lines;
}

/** Headlines only, errors first: for the Overview, which leaves the details to Doctor. */
export function findingsSummary(findings: readonly Finding[], width = 78): Section {
  return {
    title: `Findings (${findings.length})`,
    lines: [
      ...findings.flatMap((f) => headlineLines(f, width)),
      line('why and how to fix each: netdoctor doctor, or panel 6', 'dim'),
    ],
  };
}

/** A report section of findings, errors first; says so when there are none. */
export function findingsSection(findings: readonly Finding[], title = 'Findings'): Section {
  if (findings.length === 0) return { title, lines: [line('no problems found', 'good')] };
  return {
    title: `${title} (${findings.length})`,
    lines: findings.flatMap((f, i) => [...(i > 0 ? [line('')] : []), ...findingLines(f)]),
  };
}

/**
 * The line above a piece of evidence: a path is a file that was read (`/proc/…/rp_filter:`),
 * anything else a command that was run (`$ ip -j neigh show`).
 */
export function evidenceHead(source: string): string {
  return source.startsWith('/') ? `${source}:` : `$ ${source}`;
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
    let source: string | null = null;
    for (const e of f.evidence) {
      // Lines from one source sit under one head, as the terminal report shows them.
      if (e.source !== source) parts.push(evidenceHead(e.source));
      source = e.source;
      parts.push(e.text);
    }
    parts.push('```');
  }
  if (f.fix.length > 0) {
    parts.push('', `**Fix**, on ${fixPlace(f)}`, '', '```sh', ...f.fix, '```');
  }
  return parts.join('\n');
}
