/**
 * Widths in terminal columns, not characters: a CJK character or an emoji takes two columns,
 * a combining mark none. Counting characters lets a line of Chinese or emoji (a hostname, an
 * mDNS name, a snapshot's field) pass the terminal's edge, where it wraps and pushes the tab
 * bar off the screen; and Ink's own cut may split a wide character and overrun by one.
 * string-width is the measure Ink uses, so what fits here fits there. Text is cut between
 * grapheme clusters (a flag, a family emoji and an accented letter stay whole).
 */
import stringWidth from 'string-width';
import { narrowSegmenter } from './narrow.js';

/** ICU's rules load on the first text that is not narrow (see narrow.ts), not at start. */
const SEGMENTER = narrowSegmenter(undefined, { granularity: 'grapheme' });

/** The grapheme clusters of a text: what a person sees as one character. */
export function graphemes(text: string): string[] {
  return Array.from(SEGMENTER.segment(text), (s) => s.segment);
}

/** Terminal columns the text takes (escape sequences count nothing). */
export function columnsOf(text: string): number {
  return stringWidth(text);
}

/** The longest start of `text` within `max` columns; whole graphemes only. */
export function headColumns(text: string, max: number): string {
  let used = 0;
  let out = '';
  for (const g of graphemes(text)) {
    const w = stringWidth(g);
    if (used + w > max) break;
    used += w;
    out += g;
  }
  return out;
}

/** The text in at most `max` columns: cut with an ellipsis when longer. */
export function cutColumns(text: string, max: number): string {
  if (stringWidth(text) <= max) return text;
  if (max <= 0) return '';
  return `${headColumns(text, max - 1)}…`;
}

/** The text cut to `width` columns, then padded with spaces to exactly `width` columns. */
export function padColumns(text: string, width: number): string {
  const cut = cutColumns(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** The end of the text in at most `max` columns, an ellipsis before it when cut. */
export function tailColumns(text: string, max: number): string {
  if (stringWidth(text) <= max) return text;
  if (max <= 0) return '';
  const parts = graphemes(text);
  let used = 1;
  let from = parts.length;
  while (from > 0) {
    const w = stringWidth(parts[from - 1] ?? '');
    if (used + w > max) break;
    used += w;
    from -= 1;
  }
  return `…${parts.slice(from).join('')}`;
}
