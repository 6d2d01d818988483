/** Plain-text helpers shared by the CLI report and the panel. Pure. */

/** Words wrapped to `width` columns, each line starting with `indent`; long words stay whole. */
export function wrapWords(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && indent.length + current.length + 1 + word.length > width) {
      lines.push(indent + current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(indent + current);
  return lines;
}
