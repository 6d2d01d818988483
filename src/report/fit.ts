/**
 * Lines fitted to a width by breaking at spaces, continuations indented under the line:
 * for panels whose text (a port's advice, an evidence line with its source) must not be cut
 * at the edge of an 80-column terminal.
 */
import { line, type Line } from './document.js';

/** Cuts one line into lines of at most `width` characters at spaces, continuations indented. */
function breakLine(l: Line, width: number): Line[] {
  const chars = [...l.text];
  if (chars.length <= width) return [l];
  const indent = Math.max(
    0,
    chars.findIndex((c) => c !== ' '),
  );
  const pad = [...' '.repeat(Math.min(indent + 4, Math.floor(width / 2)))];
  const out: Line[] = [];
  let rest = chars;
  let from = indent + 1;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut < from) cut = width;
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

/** The last `max` characters, so the end of a long question (where one types) stays seen. */
export function tailOf(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `…${chars.slice(chars.length - max + 1).join('')}`;
}

/** A question line: the prompt, what was typed (its end kept in sight), a cursor, the keys. */
export function promptLine(prompt: string, typed: string, keys: string, width: number): string {
  const room = Math.max(8, width - prompt.length - keys.length - 1);
  return `${prompt}${tailOf(typed, room)}▏${keys}`;
}
