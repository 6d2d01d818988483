/**
 * A report as a list of sections of lines, each line with a tone. The plain-text report
 * prints it; the TUI windows it and colours lines by tone. One builder serves both, so the
 * TUI and `--plain` never disagree.
 */
import { safeText } from '../text/safe.js';

export type Tone = 'normal' | 'dim' | 'good' | 'warn' | 'bad' | 'heading';

export interface Line {
  readonly text: string;
  readonly tone: Tone;
}

export interface Section {
  readonly title: string;
  readonly lines: readonly Line[];
}

export const line = (text: string, tone: Tone = 'normal'): Line => ({ text, tone });

/** Sections flattened to lines, each section headed by its title and followed by a blank. */
export function documentLines(sections: readonly Section[]): Line[] {
  return sections.flatMap((s, i) => [
    ...(i > 0 ? [line('')] : []),
    line(s.title, 'heading'),
    ...s.lines,
  ]);
}

/**
 * The plain-text report. Lines carry names and values from snapshots and the network, so each
 * is made safe here, where it is printed: an escape or a newline in a hostname cannot clear
 * the screen or fake a line.
 */
export function documentText(sections: readonly Section[]): string {
  return documentLines(sections)
    .map((l) => safeText(l.text).trimEnd())
    .join('\n')
    .concat('\n');
}
