/**
 * Lines fitted to a width by breaking at spaces, continuations indented under the line:
 * for panels whose text (a port's advice, an evidence line with its source) must not be cut
 * at the edge of an 80-column terminal. Widths are terminal columns: a CJK name or an emoji
 * takes two, so a line of them breaks where the terminal would otherwise wrap it.
 */
import { line, type Line } from './document.js';
import { columnsOf, graphemes } from '../text/width.js';

/** How many of the graphemes, from the start, fit in `width` columns. */
function fitting(parts: readonly string[], width: number): number {
  let used = 0;
  for (let i = 0; i < parts.length; i++) {
    used += columnsOf(parts[i] ?? '');
    if (used > width) return i;
  }
  return parts.length;
}

/** Cuts one line into lines of at most `width` columns at spaces, continuations indented. */
function breakLine(l: Line, width: number): Line[] {
  if (columnsOf(l.text) <= width) return [l];
  const parts = graphemes(l.text);
  const indent = Math.max(
    0,
    parts.findIndex((c) => c !== ' '),
  );
  const pad = Array<string>(Math.min(indent + 4, Math.floor(width / 2))).fill(' ');
  const out: Line[] = [];
  let rest = parts;
  let from = indent + 1;
  while (columnsOf(rest.join('')) > width) {
    const fits = fitting(rest, width);
    let cut = rest.lastIndexOf(' ', fits);
    if (cut < from) cut = Math.max(1, fits);
    out.push(line(rest.slice(0, cut).join('').trimEnd(), l.tone));
    let tail = rest.slice(cut);
    while (tail[0] === ' ') tail = tail.slice(1);
    rest = [...pad, ...tail];
    from = pad.length + 1;
  }
  out.push(line(rest.join(''), l.tone));
  return out;
}

export function fitLines(lines: readonly Line[], width: number): Line[] {
  return lines.flatMap((l) => breakLine(l, Math.max(10, width)));
}
