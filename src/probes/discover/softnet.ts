/**
 * Frames this machine dropped on receipt, from /proc/net/softnet_stat: one line per CPU,
 * hex columns, the second being frames dropped because the backlog queue was full. Any
 * process can read it, in any network namespace. A sweep that sees it rise knows answers
 * may have been lost here, and waits for the kernel to ask again.
 */
export const SOFTNET_STAT_PATH = '/proc/net/softnet_stat';

/** The total of the dropped column over every CPU; null when the text is not that table. */
export function softnetDrops(text: string | null): number | null {
  if (text === null) return null;
  let total = 0;
  let lines = 0;
  for (const line of text.split('\n')) {
    const columns = line.trim().split(/\s+/);
    if (columns.length < 2 || columns[0] === '') continue;
    if (!columns.every((c) => /^[0-9a-f]+$/i.test(c))) return null;
    total += parseInt(columns[1] ?? '0', 16);
    lines++;
  }
  return lines > 0 ? total : null;
}
