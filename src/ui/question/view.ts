/**
 * How a question line is drawn: the prompt, the text with a cursor mark (▏) where the next
 * character goes, the keys. A text longer than the room scrolls so the cursor stays in sight.
 * Measured in terminal columns, so a line of CJK or emoji text never passes the edge. Pure.
 */
import { columnsOf, cutColumns, graphemes, headColumns, tailColumns } from '../../text/width.js';
import { safeText } from '../../text/safe.js';
import type { QuestionLine } from './line.js';

export const CURSOR = '▏';
/** Said instead of the keys while the last question is offered. */
export const OFFERED_KEYS = '  Enter: ask again  type: replace';

export function promptLine(prompt: string, l: QuestionLine, keys: string, width: number): string {
  const parts = graphemes(safeText(l.text));
  const before = parts.slice(0, l.cursor).join('');
  const after = parts.slice(l.cursor).join('');
  const hint = l.offered ? OFFERED_KEYS : keys;
  const room = Math.max(8, width - columnsOf(prompt) - columnsOf(hint) - 1);
  let shownBefore = before;
  let shownAfter = after;
  if (columnsOf(before) + columnsOf(after) > room) {
    const afterRoom = Math.min(columnsOf(after), Math.floor(room / 3));
    shownBefore = tailColumns(before, room - afterRoom);
    shownAfter = cutColumns(after, room - columnsOf(shownBefore));
  }
  return headColumns(`${prompt}${shownBefore}${CURSOR}${shownAfter}${hint}`, width);
}
